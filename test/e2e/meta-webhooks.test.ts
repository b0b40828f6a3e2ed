import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMetaEmulator, type MetaEmulator } from '../../emulators/meta/index.js';
import { encodeLikeMeta, signatureHeaders } from '../../emulators/meta/webhooks/encode.js';
import { eventually, startHarness, type Harness } from '../support/earshot-harness.js';
import { databaseKinds } from '../support/test-databases.js';

/** A proxy in front of Earshot that forwards every request but answers the first `lose` with 502: Earshot's answer is lost on the way back. */
async function startLossyProxy(target: string, lose: number): Promise<{ url: string; close(): Promise<void> }> {
  let lost = 0;
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const headers = Object.fromEntries(
        ['content-type', 'user-agent', 'x-hub-signature', 'x-hub-signature-256'].flatMap((name) => {
          const value = request.headers[name];
          return typeof value === 'string' ? [[name, value]] : [];
        }),
      );
      void fetch(target, { method: 'POST', headers, body: Buffer.concat(chunks) }).then(async (forwarded) => {
        const text = await forwarded.text();
        if (lost < lose) {
          lost += 1;
          response.writeHead(502).end();
        } else {
          response.writeHead(forwarded.status, { 'content-type': 'text/plain' }).end(text);
        }
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/meta`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe.each(databaseKinds)('Meta webhooks into the inbox (%s)', (kind) => {
  let meta: MetaEmulator;
  let h: Harness;
  let webhookUrl: string;
  beforeAll(async () => {
    meta = await startMetaEmulator({ protocol: 'http', webhook: { retryDelaysMs: [200, 200] } });
    h = await startHarness(kind, { env: { META_APP_SECRET: meta.credentials.appSecret, META_VERIFY_TOKEN: meta.credentials.verifyToken } });
    webhookUrl = `http://127.0.0.1:${h.earshot.port}/webhooks/meta`;
  });
  afterAll(async () => {
    await h?.stop();
    await meta?.close();
  });

  const deliveries = () => h.earshot.database.prisma.webhookDelivery.findMany({ orderBy: { receivedAt: 'asc' } });
  const processingLogs = () => h.logs.filter((line) => line.includes('"msg":"Meta notification received"'));
  const post = (body: string | Uint8Array | ReadableStream, headers: Record<string, string>) =>
    fetch(webhookUrl, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body, duplex: 'half' });
  const signed = (body: string) => ({ 'x-hub-signature-256': signatureHeaders(meta.credentials.appSecret, body)['x-hub-signature-256']! });

  it("passes Meta's subscription check with our verify token, and refuses another token", async () => {
    expect(await meta.control.subscribe({ url: webhookUrl })).toMatchObject({ ok: true, status: 200 });
    expect(await meta.control.verifySubscription({ url: webhookUrl, verifyToken: 'not-our-token' })).toMatchObject({
      ok: false,
      status: 403,
    });
    expect(h.logs.join('')).not.toContain(meta.credentials.verifyToken);
  });

  it('stores a signed comment notification, acknowledges it, and processes it once', async () => {
    meta.control.setWebhookUrl(webhookUrl);
    const before = processingLogs().length;
    const jane = meta.control.createFacebookUser({ name: 'Jane Doe' });
    const kettles = meta.control.createPost({ message: 'Kettles are back' });
    meta.control.comment({ from: jane.id, on: kettles.id, message: 'Mine leaks, what now?' });
    await meta.control.settled();

    const [record] = meta.control.deliveries().slice(-1);
    expect(record).toMatchObject({ state: 'delivered', attempts: [{ status: 200 }] });
    const processed = await eventually(async () => {
      const rows = await deliveries();
      return rows.length === 1 && rows[0]!.processedAt && rows;
    }, 'the delivery to be processed');
    expect(processed[0]).toMatchObject({ network: 'meta', attempts: 1, lastError: null, body: null });
    expect(processed[0]!.headers).toMatchObject({ 'x-hub-signature-256': expect.stringMatching(/^sha256=[0-9a-f]{64}$/), 'user-agent': 'facebookexternalua' });
    const logged = processingLogs().slice(before);
    expect(logged).toHaveLength(1);
    expect(JSON.parse(logged[0]!)).toMatchObject({ object: 'page', entries: 1, changes: { feed: 1 }, messages: 0 });
    // Logs hold counts, not the customer's words or name.
    expect(h.logs.join('')).not.toMatch(/Mine leaks|Jane Doe/);
  });

  it('stores nothing new and processes nothing twice when Meta retries a delivery whose acknowledgement was lost', async () => {
    const proxy = await startLossyProxy(webhookUrl, 1);
    try {
      meta.control.setWebhookUrl(proxy.url);
      const before = { rows: (await deliveries()).length, logs: processingLogs().length };
      const sam = meta.control.createInstagramUser({ username: 'sam.k' });
      meta.control.sendInstagramMessage({ from: sam.id, text: 'Is my order on its way?' });
      await meta.control.settled();

      const [record] = meta.control.deliveries().slice(-1);
      expect(record).toMatchObject({ state: 'delivered', attempts: [{ status: 502 }, { status: 200 }] });
      const rows = await eventually(async () => {
        const all = await deliveries();
        return all.every((row) => row.processedAt) && all;
      }, 'the delivery to be processed');
      expect(rows).toHaveLength(before.rows + 1);
      expect(
        processingLogs()
          .slice(before.logs)
          .map((line) => JSON.parse(line) as unknown),
      ).toEqual([expect.objectContaining({ object: 'instagram', entries: 1, messages: 1 })]);
      const metrics = await (await fetch(`http://127.0.0.1:${h.earshot.port}/metrics`)).text();
      expect(metrics).toMatch(/^earshot_webhook_deliveries_received_total\{network="meta",outcome="duplicate"\} 1$/m);
      expect(metrics).toMatch(/^earshot_webhook_deliveries_processed_total\{network="meta",outcome="processed"\} 2$/m);
    } finally {
      meta.control.setWebhookUrl(webhookUrl);
      await proxy.close();
    }
  });

  it('refuses an unsigned or forged delivery (401, 403) and stores nothing', async () => {
    const before = (await deliveries()).length;
    const body = encodeLikeMeta({
      object: 'page',
      entry: [{ id: meta.page.id, time: 1, messaging: [{ sender: { id: '1' }, message: { text: 'refund me' } }] }],
    });
    const forgedSignature = { 'x-hub-signature-256': signatureHeaders('0123456789abcdef0123456789abcdef', body)['x-hub-signature-256']! };
    expect((await post(body, {})).status).toBe(401);
    expect((await post(body, forgedSignature)).status).toBe(403);
    expect((await post(body.replace('refund me', 'refund us'), signed(body))).status).toBe(403);
    expect((await post(body, { 'x-hub-signature': signatureHeaders(meta.credentials.appSecret, body)['x-hub-signature']! })).status).toBe(401);
    expect(await deliveries()).toHaveLength(before);
    const metrics = await (await fetch(`http://127.0.0.1:${h.earshot.port}/metrics`)).text();
    expect(metrics).toMatch(/^earshot_webhook_deliveries_refused_total\{network="meta",reason="unsigned"\} 2$/m);
    expect(metrics).toMatch(/^earshot_webhook_deliveries_refused_total\{network="meta",reason="forged"\} 2$/m);
  });

  it('refuses a body over 1 MB with 413, announced or streamed, before reading it whole; and a signed body that is not JSON with 400', async () => {
    const before = (await deliveries()).length;
    const huge = encodeLikeMeta({ object: 'page', entry: [{ id: '1', time: 1, messaging: [{ message: { text: 'x'.repeat(1024 * 1024) } }] }] });
    expect((await post(huge, signed(huge))).status).toBe(413);
    const streamed = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let sent = 0; sent <= 1024 * 1024; sent += 64 * 1024) controller.enqueue(new Uint8Array(64 * 1024).fill(0x20));
        controller.close();
      },
    });
    expect((await post(streamed, { 'x-hub-signature-256': 'sha256=00' })).status).toBe(413);

    const notJson = '{"object":"page","entry":[{"message":"call me on 555-0100"';
    expect((await post(notJson, signed(notJson))).status).toBe(400);
    expect(h.logs.join('')).not.toContain('555-0100');
    expect(await deliveries()).toHaveLength(before);
  });

  it('reports the inbox on /healthz', async () => {
    const health = (await (await fetch(`http://127.0.0.1:${h.earshot.port}/healthz`)).json()) as Record<string, unknown>;
    expect(health).toMatchObject({ status: 'ok', webhookInbox: { status: 'current', waiting: 0, oldestWaitingSince: null, failing: 0, maxAgeSeconds: 300 } });
  });
});

describe('without Meta configured', () => {
  it('has no /webhooks/meta route and no inbox on /healthz', async () => {
    const h = await startHarness(databaseKinds[0]!);
    try {
      const port = h.earshot.port!;
      expect((await fetch(`http://127.0.0.1:${port}/webhooks/meta?hub.mode=subscribe&hub.challenge=1&hub.verify_token=x`)).status).toBe(404);
      expect((await fetch(`http://127.0.0.1:${port}/webhooks/meta`, { method: 'POST', body: '{}' })).status).toBe(404);
      expect(await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()).not.toHaveProperty('webhookInbox');
    } finally {
      await h.stop();
    }
  });
});

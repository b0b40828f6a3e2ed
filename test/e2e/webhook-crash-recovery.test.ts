import { readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { earshotEnvironment } from '../../emulators/earshot-environment.js';
import { startMetaEmulator, type MetaEmulator } from '../../emulators/meta/index.js';
import { freePort, startEarshotProcess, type EarshotProcess } from '../../emulators/sandbox/earshot-process.js';
import { startSlackEmulator, type SlackEmulator } from '../../emulators/slack/index.js';
import { startXEmulator, type XEmulator } from '../../emulators/x/index.js';
import { eventually } from '../support/earshot-harness.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-databases.js';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** Forwards webhooks to Earshot and kills it (kill -9) the moment it acknowledges one, before passing the 200 on. */
async function startKillingProxy(target: string, onAcknowledged: () => void): Promise<{ url: string; close(): Promise<void> }> {
  const server: Server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const headers = { 'content-type': 'application/json', 'x-hub-signature-256': String(request.headers['x-hub-signature-256']) };
      fetch(target, { method: 'POST', headers, body: Buffer.concat(chunks) }).then(
        (answer) => {
          if (answer.status === 200) onAcknowledged();
          response.writeHead(answer.status).end();
        },
        () => response.writeHead(502).end(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/meta`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

async function readDeliveries(database: TestDatabase) {
  const db = await database.open();
  try {
    return await db.prisma.webhookDelivery.findMany();
  } finally {
    await db.close();
  }
}

describe.each(databaseKinds)('Earshot killed right after acknowledging a Meta webhook (%s)', (kind) => {
  let x: XEmulator | undefined;
  let slack: SlackEmulator | undefined;
  let meta: MetaEmulator | undefined;
  let database: TestDatabase | undefined;
  let child: EarshotProcess | undefined;
  let proxy: { close(): Promise<void> } | undefined;

  afterEach(async () => {
    await child?.kill();
    await proxy?.close();
    await Promise.all([x?.close(), slack?.close(), meta?.close()]);
    await database?.drop();
  });

  it('processes the delivery after the restart: an acknowledged delivery is never lost', { timeout: 150_000 }, async () => {
    const dir = process.env.EARSHOT_TEST_TLS_DIR!;
    x = await startXEmulator({ tls: { key: readFileSync(path.join(dir, 'key.pem'), 'utf8'), cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8') } });
    slack = await startSlackEmulator({ delivery: { mode: 'http' } });
    meta = await startMetaEmulator({ protocol: 'http' });
    database = await createTestDatabase(kind, { ownServer: true });
    const port = await freePort();
    const env = {
      ...earshotEnvironment({ slack, x, database: database.location, port, pollIntervalSeconds: 3600, logLevel: 'info' }),
      META_APP_SECRET: meta.credentials.appSecret,
      META_VERIFY_TOKEN: meta.credentials.verifyToken,
    };
    slack.setRequestUrl(`http://127.0.0.1:${port}/slack/events`);
    const logFile = (run: string) => path.join(tmpdir(), `earshot-webhook-crash-${port}-${run}.log`);
    const launch = {
      root: repoRoot,
      env: { ...env, PATH: process.env.PATH ?? '', NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS ?? '' },
      port,
      logFile: logFile('first'),
      readyTimeoutMs: 60_000,
    };
    const first = (child = await startEarshotProcess(launch));
    const killing = await startKillingProxy(`http://127.0.0.1:${port}/webhooks/meta`, () => void first.kill());
    proxy = killing;
    meta.control.setWebhookUrl(killing.url);

    const jane = meta.control.createFacebookUser({ name: 'Jane Doe' });
    meta.control.sendMessengerMessage({ from: jane.id, text: 'Where is my kettle?' });
    await meta.control.settled();
    expect(meta.control.deliveries()).toMatchObject([{ state: 'delivered', attempts: [{ status: 200 }] }]);
    await first.exited;

    const [stored] = await readDeliveries(database);
    expect(stored).toMatchObject({ network: 'meta', processedAt: null, body: meta.control.deliveries()[0]!.body });

    child = await startEarshotProcess({ ...launch, logFile: logFile('restarted') });
    await eventually(async () => {
      const health = (await (await fetch(`http://127.0.0.1:${port}/healthz`)).json()) as { webhookInbox?: { waiting: number } };
      return health.webhookInbox?.waiting === 0;
    }, 'the delivery to be processed after the restart');
    await child.stop();
    expect(await readDeliveries(database)).toMatchObject([{ id: stored!.id, processedAt: expect.any(Date), body: null, lastError: null }]);
    const processedLines = readFileSync(logFile('restarted'), 'utf8')
      .split('\n')
      .filter((line) => line.includes('"msg":"Meta notification received"'));
    expect(processedLines.map((line) => JSON.parse(line) as unknown)).toEqual([
      expect.objectContaining({ deliveryId: stored!.id, object: 'page', entries: 1, messages: 1 }),
    ]);
    // Meta was answered once, before the crash: it has nothing to send again.
    expect(meta.control.deliveries()[0]!.attempts).toHaveLength(1);
  });
});

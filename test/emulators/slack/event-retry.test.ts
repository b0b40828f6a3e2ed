import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { isValidSlackRequest } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { type SlackEmulator, startSlackEmulator } from '../../../emulators/slack/index.js';

interface Received {
  headers: IncomingHttpHeaders;
  body: string;
}

/** A bare app endpoint whose answer time per attempt the test decides. */
async function slowApp(delaysMs: number[]): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
      const delay = delaysMs[received.length - 1] ?? 0;
      setTimeout(() => {
        if (!res.destroyed) res.writeHead(200).end();
      }, delay).unref();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`, received, server };
}

let emulator: SlackEmulator | undefined;
let appServer: Server | undefined;
afterEach(async () => {
  await emulator?.close();
  appServer?.closeAllConnections();
  appServer?.close();
});

describe('Events API delivery over HTTP', () => {
  it('retries an event the app does not acknowledge in time, with X-Slack-Retry-Num and the same event_id', async () => {
    const app = await slowApp([400, 400, 0]);
    appServer = app.server;
    emulator = await startSlackEmulator({ delivery: { mode: 'http', requestUrl: app.url }, timings: { ackTimeoutMs: 150, eventRetryDelaysMs: [10, 20, 30] } });

    const result = await emulator.driver.postMessage({ user: 'alice', channel: 'social', text: 'Anyone there?' });

    expect(result.delivery?.acked).toBe(true);
    expect(result.delivery?.attempts.map((a) => [a.attempt, a.retryReason ?? null])).toEqual([
      [0, null],
      [1, 'http_timeout'],
      [2, 'http_timeout'],
    ]);
    expect(app.received.map((r) => [r.headers['x-slack-retry-num'] ?? null, r.headers['x-slack-retry-reason'] ?? null])).toEqual([
      [null, null],
      ['1', 'http_timeout'],
      ['2', 'http_timeout'],
    ]);
    const eventIds = app.received.map((r) => (JSON.parse(r.body) as { event_id: string }).event_id);
    expect(new Set(eventIds).size).toBe(1);
    for (const r of app.received) {
      expect(r.headers['content-type']).toBe('application/json');
      expect(
        isValidSlackRequest({
          signingSecret: emulator.signingSecret,
          body: r.body,
          headers: {
            'x-slack-signature': String(r.headers['x-slack-signature']),
            'x-slack-request-timestamp': Number(r.headers['x-slack-request-timestamp']),
          },
        }),
      ).toBe(true);
    }
  });

  it('gives up after three retries, like Slack', async () => {
    const app = await slowApp([300, 300, 300, 300, 300]);
    appServer = app.server;
    emulator = await startSlackEmulator({ delivery: { mode: 'http', requestUrl: app.url }, timings: { ackTimeoutMs: 50, eventRetryDelaysMs: [0, 0, 0] } });

    const result = await emulator.driver.postMessage({ user: 'alice', channel: 'social', text: 'Anyone?' });

    expect(result.delivery?.acked).toBe(false);
    // Counted where Slack counts them: on a loaded machine an attempt can be abandoned before the app reads it.
    expect(emulator.state.deliveries()).toEqual([expect.objectContaining({ kind: 'event', type: 'message', acked: false })]);
    expect(emulator.state.deliveries()[0]!.attempts).toHaveLength(4);
  });

  it('accepts the Request URL after start (the app may start after the emulator)', async () => {
    emulator = await startSlackEmulator({ timings: { eventRetryDelaysMs: [] } });
    const before = await emulator.driver.postMessage({ user: 'bob', channel: 'social', text: 'too early' });
    const app = await slowApp([0]);
    appServer = app.server;
    emulator.setRequestUrl(app.url);

    const after = await emulator.driver.postMessage({ user: 'bob', channel: 'social', text: 'now' });

    expect(before.delivery?.acked).toBe(false);
    expect(before.delivery?.attempts[0]?.error).toMatch(/no Request URL/);
    expect(after.delivery?.acked).toBe(true);
  });
});

import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createSlackFetch } from '../../src/slack/slack-fetch.js';

describe('createSlackFetch', () => {
  let server: Server;
  let base: string;
  beforeEach(async () => {
    // /api/* answers at once; anything else (a response_url) never answers.
    server = createServer((request, response) => {
      if (request.url?.startsWith('/api/')) response.end('{"ok":true}');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterEach(async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });

  it('gives a response_url post that never answers a deadline, and reports every call by method and status', async () => {
    const calls: Array<[string, string]> = [];
    const slackFetch = createSlackFetch({ apiUrl: `${base}/api/`, timeoutMs: 2_000, onCall: (method, status) => calls.push([method, status]) });

    expect((await slackFetch(`${base}/api/chat.postMessage`, { method: 'POST', body: 'x' })).status).toBe(200);
    await expect(slackFetch(`${base}/actions/T1/1/abc`, { method: 'POST', body: '{}' })).rejects.toMatchObject({ name: 'TimeoutError' });
    expect(calls).toEqual([
      ['chat.postMessage', '200'],
      ['response_url', 'timeout'],
    ]);
  });
});

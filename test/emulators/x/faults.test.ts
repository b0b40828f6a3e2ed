import { once } from 'node:events';
import { connect } from 'node:net';
import { ApiRequestError, ApiResponseError } from 'twitter-api-v2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startXEmulator, type XEmulator } from '../../../emulators/x/index.js';
import { clientFor } from './client.js';

let x: XEmulator;
let now = Date.parse('2026-03-01T10:00:00Z');
beforeEach(async () => {
  now = Date.parse('2026-03-01T10:00:00Z');
  x = await startXEmulator({ now: () => now });
});
afterEach(() => x.close());

const failure = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (error: unknown) => error,
  );

describe('X emulator fault injection', () => {
  it('answers 503 with X body for the next request only, then recovers', async () => {
    x.control.injectFault({ method: 'GET', path: '/2/users/:id/mentions', kind: 'status', status: 503 });
    const client = clientFor(x);
    await expect(client.v2.me()).resolves.toBeDefined();
    const error = await failure(client.v2.userMentionTimeline(x.brand.id));
    expect(error).toBeInstanceOf(ApiResponseError);
    expect((error as ApiResponseError).code).toBe(503);
    expect((error as ApiResponseError).data).toEqual({
      title: 'Service Unavailable',
      detail: 'Service Unavailable',
      type: 'about:blank',
      status: 503,
    });
    await expect(client.v2.userMentionTimeline(x.brand.id)).resolves.toBeDefined();
    expect(x.control.requests({ path: '/2/users/*/mentions' }).map((r) => r.status)).toEqual([503, 200]);
  });

  it('simulates an exhausted rate-limit window resetting in k seconds', async () => {
    x.control.injectFault({ path: '/2/tweets', method: 'POST', kind: 'rateLimit', resetInSeconds: 30, times: 2 });
    const client = clientFor(x);
    for (let i = 0; i < 2; i += 1) {
      const error = (await failure(client.v2.tweet(`attempt ${i}`))) as ApiResponseError;
      expect(error.rateLimitError).toBe(true);
      expect(error.rateLimit).toEqual({ limit: 100, remaining: 0, reset: now / 1000 + 30 });
    }
    await expect(client.v2.tweet('attempt 3')).resolves.toBeDefined();
    expect(x.control.posts().map((p) => p.text)).toEqual(['attempt 3']);
  });

  it('commitThenDrop: the reply is posted but the client only sees a dropped connection', async () => {
    x.control.createUser({ username: 'jane' });
    const mention = x.control.post('jane', { text: '@acme_support refund please' });
    x.control.injectFault({ method: 'POST', path: '/2/tweets', kind: 'commitThenDrop' });
    const client = clientFor(x);

    const error = await failure(client.v2.reply('Refund issued', mention.id));
    expect(error).toBeInstanceOf(ApiRequestError);
    const posted = x.control.posts({ author: 'acme_support' });
    expect(posted).toEqual([expect.objectContaining({ text: 'Refund issued', conversationId: mention.id })]);
    expect(x.control.requests({ method: 'POST', path: '/2/tweets' })).toEqual([
      expect.objectContaining({
        status: 201,
        outcome: 'dropped',
        userId: x.brand.id,
        body: { text: 'Refund issued', reply: { in_reply_to_tweet_id: mention.id } },
      }),
    ]);
    // A blind retry is refused as a duplicate, so the outcome must be looked up instead.
    const retry = (await failure(client.v2.reply('Refund issued', mention.id))) as ApiResponseError;
    expect(retry.code).toBe(403);
    const ours = await client.v2.userTimeline(x.brand.id, { 'tweet.fields': ['referenced_tweets'], since_id: mention.id });
    expect(ours.tweets).toEqual([expect.objectContaining({ text: 'Refund issued', referenced_tweets: [{ type: 'replied_to', id: mention.id }] })]);
  });

  it('hang: never answers; destroyAfterMs ends it like a network timeout', async () => {
    x.control.injectFault({ path: '/2/users/me', kind: 'hang', destroyAfterMs: 20 });
    const error = await failure(clientFor(x).v2.me());
    expect(error).toBeInstanceOf(ApiRequestError);
    expect(x.control.requests({ path: '/2/users/me' })).toEqual([expect.objectContaining({ status: null, outcome: 'hung' })]);
  });

  it('hang without a deadline is cut by a client timeout, and close() still returns promptly', async () => {
    x.control.injectFault({ path: '/2/users/me', kind: 'hang', times: 2 });
    const client = clientFor(x);
    const timedOut = await failure(client.v2.get('users/me', undefined, { timeout: 50 }));
    expect(timedOut).toBeInstanceOf(ApiRequestError);
    const pending = failure(client.v2.me());
    await new Promise((resolve) => setTimeout(resolve, 20));
    await x.close();
    expect(await pending).toBeInstanceOf(ApiRequestError);
  });

  it('close() returns promptly while a connection is still opening (no TLS handshake yet)', async () => {
    const { hostname, port } = new URL(x.baseUrl);
    const opening = connect({ host: hostname, port: Number(port) });
    await once(opening, 'connect');
    const closedByServer = once(opening, 'close');
    await x.close();
    await closedByServer;
  });

  it('delayMs answers normally, late', async () => {
    x.control.injectFault({ path: '/2/users/me', kind: 'delay', delayMs: 120 });
    const started = performance.now();
    await expect(clientFor(x).v2.me()).resolves.toBeDefined();
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('matches method and path patterns; clearFaults disarms', async () => {
    x.control.injectFault({ method: 'POST', path: '/2/*', kind: 'status', status: 500, times: 5 });
    const client = clientFor(x);
    await expect(client.v2.me()).resolves.toBeDefined();
    expect(((await failure(client.v2.tweet('a'))) as ApiResponseError).code).toBe(500);
    x.control.clearFaults();
    await expect(client.v2.tweet('a')).resolves.toBeDefined();
  });
});

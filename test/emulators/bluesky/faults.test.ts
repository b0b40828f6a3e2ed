import { once } from 'node:events';
import { connect } from 'node:net';
import type { AtpAgent } from '@atproto/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBlueskyEmulator, type BlueskyEmulator } from '../../../emulators/bluesky/index.js';
import { brandAgent, failure } from './helpers.js';

let bsky: BlueskyEmulator;
let agent: AtpAgent;
let now: number;

beforeEach(async () => {
  now = Date.parse('2026-03-01T10:00:00Z');
  bsky = await startBlueskyEmulator({ now: () => now });
  bsky.control.createUser({ handle: 'jane' });
  agent = await brandAgent(bsky);
});
afterEach(() => bsky.close());

describe('Bluesky emulator fault injection', () => {
  it('answers a status with its XRPC body for the next call only, then recovers', async () => {
    bsky.control.injectFault({ nsid: 'app.bsky.notification.listNotifications', kind: 'status', status: 502 });
    const error = await failure(agent.listNotifications());
    expect([error.status, error.error, error.message]).toEqual([502, 'UpstreamFailure', 'Upstream Failure']);
    await expect(agent.listNotifications()).resolves.toMatchObject({ success: true });
    expect(bsky.control.requests({ nsid: '*.listNotifications' }).map((r) => r.status)).toEqual([502, 200]);
  });

  it('an injected ExpiredToken makes the client refresh its session and retry', async () => {
    bsky.control.injectFault({
      nsid: 'app.bsky.feed.getAuthorFeed',
      kind: 'status',
      status: 400,
      body: { error: 'ExpiredToken', message: 'Token has expired' },
    });
    const before = agent.session?.accessJwt;
    now += 1000;
    await expect(agent.getAuthorFeed({ actor: bsky.brand.did })).resolves.toMatchObject({ success: true });
    expect(agent.session?.accessJwt).not.toBe(before);
    expect(bsky.control.requests().map((r) => r.nsid)).toEqual([
      'com.atproto.server.createSession',
      'app.bsky.feed.getAuthorFeed',
      'com.atproto.server.refreshSession',
      'app.bsky.feed.getAuthorFeed',
    ]);
  });

  it('simulates a spent rate-limit window resetting in k seconds, with the method’s policy', async () => {
    bsky.control.injectFault({ nsid: 'com.atproto.repo.createRecord', kind: 'rateLimit', resetInSeconds: 30, times: 2 });
    for (let i = 0; i < 2; i += 1) {
      const error = await failure(agent.post({ text: `attempt ${i}` }));
      expect([error.status, error.error]).toEqual([429, 'RateLimitExceeded']);
      expect(error.headers).toMatchObject({
        'ratelimit-limit': '5000',
        'ratelimit-remaining': '0',
        'ratelimit-reset': String(now / 1000 + 30),
        'ratelimit-policy': '5000;w=3600',
      });
    }
    await expect(agent.post({ text: 'attempt 3' })).resolves.toBeDefined();
    expect(bsky.control.posts().map((p) => p.text)).toEqual(['attempt 3']);
  });

  it('commitThenDrop: the reply is stored but the client only sees a dropped connection, so it must look before retrying', async () => {
    const question = bsky.control.post('jane', { text: `@${bsky.brand.handle} refund please` });
    bsky.control.injectFault({ nsid: 'com.atproto.repo.createRecord', kind: 'commitThenDrop' });
    const ref = { uri: question.uri, cid: question.cid };
    const error = await failure(agent.post({ text: 'Refund issued', reply: { root: ref, parent: ref } }));
    expect(error.status).toBe(1);
    expect(bsky.control.posts({ author: bsky.brand.did }).map((p) => p.text)).toEqual(['Refund issued']);
    expect(bsky.control.requests({ nsid: 'com.atproto.repo.createRecord' })).toEqual([
      expect.objectContaining({ status: 200, outcome: 'dropped', did: bsky.brand.did, body: expect.objectContaining({ collection: 'app.bsky.feed.post' }) }),
    ]);
    const feed = await agent.getAuthorFeed({ actor: bsky.brand.did });
    expect(feed.data.feed.map((item) => item.reply?.parent)).toEqual([expect.objectContaining({ uri: question.uri })]);
  });

  it('notYetIndexed: AppView reads miss recent writes once, then see them', async () => {
    const question = bsky.control.post('jane', { text: `@${bsky.brand.handle} hello?` });
    bsky.control.injectFault({ nsid: 'app.bsky.*', kind: 'notYetIndexed', times: 3 });
    expect((await agent.listNotifications()).data.notifications).toEqual([]);
    expect((await agent.getPosts({ uris: [question.uri] })).data.posts).toEqual([]);
    const thread = await failure(agent.getPostThread({ uri: question.uri }));
    expect(thread.error).toBe('NotFound');
    expect((await agent.listNotifications()).data.notifications).toHaveLength(1);
  });

  it('hang: never answers; destroyAfterMs ends it like a network failure', async () => {
    bsky.control.injectFault({ nsid: 'app.bsky.actor.getProfile', kind: 'hang', destroyAfterMs: 20 });
    const error = await failure(agent.getProfile({ actor: bsky.brand.did }));
    expect(error.status).toBe(1);
    expect(bsky.control.requests({ nsid: 'app.bsky.actor.getProfile' })).toEqual([expect.objectContaining({ status: null, outcome: 'hung' })]);
  });

  it('hang without a deadline is cut by the caller’s AbortSignal, and close() still returns promptly', async () => {
    bsky.control.injectFault({ nsid: 'app.bsky.actor.getProfile', kind: 'hang', times: 2 });
    const timedOut = await failure(agent.app.bsky.actor.getProfile({ actor: bsky.brand.did }, { signal: AbortSignal.timeout(50) }));
    expect(timedOut.status).toBe(1);
    const pending = failure(agent.getProfile({ actor: bsky.brand.did }));
    await new Promise((resolve) => setTimeout(resolve, 20));
    await bsky.close();
    expect((await pending).status).toBe(1);
  });

  it('close() returns promptly while a connection is open but idle', async () => {
    const { hostname, port } = new URL(bsky.service);
    const idle = connect({ host: hostname, port: Number(port) });
    await once(idle, 'connect');
    const closedByServer = once(idle, 'close');
    await bsky.close();
    await closedByServer;
  });

  it('delayMs answers normally, late', async () => {
    bsky.control.injectFault({ nsid: 'app.bsky.actor.getProfile', kind: 'delay', delayMs: 120 });
    const started = performance.now();
    await expect(agent.getProfile({ actor: bsky.brand.did })).resolves.toBeDefined();
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('matches NSID patterns; clearFaults disarms', async () => {
    bsky.control.injectFault({ nsid: 'com.atproto.repo.*', kind: 'status', status: 500, times: 5 });
    await expect(agent.getProfile({ actor: bsky.brand.did })).resolves.toBeDefined();
    expect((await failure(agent.post({ text: 'a' }))).status).toBe(500);
    bsky.control.clearFaults();
    await expect(agent.post({ text: 'a' })).resolves.toBeDefined();
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBlueskyEmulator, type BlueskyEmulator, type EmulatedAccount, type EmulatedPost } from '../../../emulators/bluesky/index.js';
import { brandAgent, controlRequest } from './helpers.js';

let bsky: BlueskyEmulator;
beforeEach(async () => {
  bsky = await startBlueskyEmulator({ brand: { handle: 'globex.example.com', displayName: 'Globex Help' }, appPassword: 'abcd-efgh-ijkl-mnop' });
});
afterEach(() => bsky.close());

describe('Bluesky emulator control API over HTTP', () => {
  it('seeds customers, mentions, replies, quotes, likes, follows and blocks that the XRPC API then serves', async () => {
    expect(bsky.credentials).toEqual({ identifier: 'globex.example.com', email: 'globex@example.com', password: 'abcd-efgh-ijkl-mnop' });
    const created = await controlRequest(bsky, 'POST', '/users', { handle: 'jane', displayName: 'Jane', followersCount: 5 });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({
      handle: 'jane.bsky.social',
      did: expect.stringMatching(/^did:plc:/),
      appPassword: expect.stringMatching(/^([a-z2-7]{4}-){3}[a-z2-7]{4}$/),
    });
    await controlRequest(bsky, 'POST', '/users', { handle: 'sam' });

    const mention = (await controlRequest(bsky, 'POST', '/posts', { as: 'jane', text: '@globex.example.com checkout is broken' })).body as EmulatedPost;
    const ours = (await controlRequest(bsky, 'POST', '/posts', { as: 'globex.example.com', text: 'Looking into it', replyTo: mention.uri }))
      .body as EmulatedPost;
    expect(ours.reply).toEqual({ root: { uri: mention.uri, cid: mention.cid }, parent: { uri: mention.uri, cid: mention.cid } });
    const quote = (await controlRequest(bsky, 'POST', '/posts', { as: 'sam', text: 'same', quote: ours.uri })).body as EmulatedPost;
    expect(quote.quote).toEqual({ uri: ours.uri, cid: ours.cid });
    expect((await controlRequest(bsky, 'POST', '/likes', { as: 'sam', uri: ours.uri })).status).toBe(201);
    expect((await controlRequest(bsky, 'POST', '/follows', { as: 'jane' })).status).toBe(201);

    const agent = await brandAgent(bsky);
    expect((await agent.listNotifications()).data.notifications.map((n) => n.reason)).toEqual(['follow', 'like', 'quote', 'mention']);
    const notifications = (await controlRequest(bsky, 'GET', '/notifications')).body as { reason: string }[];
    expect(notifications.map((n) => n.reason)).toEqual(['follow', 'like', 'quote', 'mention']);
    expect(((await controlRequest(bsky, 'GET', '/posts?author=jane')).body as EmulatedPost[]).map((p) => p.text)).toEqual([
      '@globex.example.com checkout is broken',
    ]);

    expect((await controlRequest(bsky, 'POST', '/blocks', { blocker: 'sam', blocked: 'globex.example.com' })).status).toBe(201);
    expect((await agent.listNotifications()).data.notifications.map((n) => n.reason)).toEqual(['follow', 'mention']);
    expect((await controlRequest(bsky, 'DELETE', `/records?uri=${encodeURIComponent(mention.uri)}`)).body).toEqual({ deleted: true });
    expect((await agent.listNotifications()).data.notifications.map((n) => n.reason)).toEqual(['follow']);

    const requests = (await controlRequest(bsky, 'GET', '/requests?nsid=com.atproto.server.*')).body as { nsid: string; body: { password: string } }[];
    expect(requests.map((r) => [r.nsid, r.body.password])).toEqual([['com.atproto.server.createSession', '[redacted]']]);
    // The control API shows what is stored; the AppView hides the blocked account's notifications only when serving them.
    const state = (await controlRequest(bsky, 'GET', '/state')).body as { users: unknown[]; posts: unknown[]; notifications: unknown[] };
    expect([state.users.length, state.posts.length, state.notifications.length]).toEqual([3, 2, 3]);
  });

  it('arms faults, changes settings and resets state', async () => {
    expect((await controlRequest(bsky, 'POST', '/faults', { kind: 'status', status: 503, nsid: 'app.bsky.actor.getProfile' })).status).toBe(201);
    const agent = await brandAgent(bsky);
    await expect(agent.getProfile({ actor: bsky.brand.did })).rejects.toMatchObject({ status: 503, error: 'NotEnoughResources' });
    await controlRequest(bsky, 'POST', '/faults', { kind: 'hang', nsid: '*' });
    expect((await controlRequest(bsky, 'DELETE', '/faults')).body).toEqual({ cleared: true });
    await expect(agent.getProfile({ actor: bsky.brand.did })).resolves.toBeDefined();

    expect((await controlRequest(bsky, 'POST', '/settings', { rateLimits: false, accessTokenSeconds: 60 })).body).toEqual({
      rateLimits: false,
      accessTokenSeconds: 60,
      refreshTokenSeconds: 90 * 86_400,
    });
    await controlRequest(bsky, 'POST', '/users', { handle: 'jane' });
    expect((await controlRequest(bsky, 'POST', '/reset')).body).toEqual({ reset: true });
    const state = (await controlRequest(bsky, 'GET', '/state')).body as { users: EmulatedAccount[] };
    expect(state.users.map((u) => u.handle)).toEqual(['globex.example.com']);
    expect(bsky.control.requests()).toEqual([]);
    await expect(agent.getProfile({ actor: bsky.brand.did })).resolves.toMatchObject({ data: { postsCount: 0 } });
  });

  it('answers invalid control input with 400 and unknown control paths with 404', async () => {
    expect(await controlRequest(bsky, 'POST', '/posts', { as: 'nobody', text: 'hi' })).toEqual({ status: 400, body: { error: 'no account nobody' } });
    expect((await controlRequest(bsky, 'POST', '/users', { handle: 'has space' })).status).toBe(400);
    expect((await controlRequest(bsky, 'POST', '/posts', { as: 'globex.example.com', text: 'x'.repeat(301) })).status).toBe(400);
    expect((await controlRequest(bsky, 'POST', '/faults', { kind: 'explode', nsid: '*' })).status).toBe(400);
    expect((await controlRequest(bsky, 'DELETE', '/records')).status).toBe(400);
    expect((await controlRequest(bsky, 'GET', '/nothing')).status).toBe(404);
  });
});

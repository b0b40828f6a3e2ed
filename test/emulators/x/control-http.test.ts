import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startXEmulator, type EmulatedDmEvent, type EmulatedPost, type EmulatedUser, type XEmulator } from '../../../emulators/x/index.js';
import { clientFor, controlRequest } from './client.js';

let x: XEmulator;
beforeEach(async () => {
  x = await startXEmulator({ brand: { username: 'globex', name: 'Globex Help' } });
});
afterEach(() => x.close());

describe('X emulator control API over HTTP', () => {
  it('seeds customers, mentions, replies, quotes and DMs that the X API then serves', async () => {
    const created = await controlRequest(x, 'POST', '/users', { username: 'jane', name: 'Jane', followersCount: 5 });
    expect(created.status).toBe(201);
    const jane = created.body as EmulatedUser;
    expect(jane).toMatchObject({ username: 'jane', followersCount: 5, accessToken: expect.any(String) });

    const mention = (await controlRequest(x, 'POST', '/posts', { as: 'jane', text: '@globex is checkout broken?' })).body as EmulatedPost;
    const brandReply = (await controlRequest(x, 'POST', '/posts', { as: 'globex', text: 'Looking into it', replyToId: mention.id })).body as EmulatedPost;
    expect(brandReply.text).toBe('@jane Looking into it');
    const quote = (await controlRequest(x, 'POST', '/posts', { as: 'jane', text: 'see this', quoteOfId: brandReply.id })).body as EmulatedPost;
    expect(quote.referencedTweets).toEqual([{ type: 'quoted', id: brandReply.id }]);
    const dm = await controlRequest(x, 'POST', '/dms', { from: 'jane', text: 'my order is 998' });
    expect(dm.status).toBe(201);
    expect((dm.body as EmulatedDmEvent).recipientId).toBe(x.brand.id);

    const client = clientFor(x);
    expect((await client.v2.userMentionTimeline(x.brand.id)).tweets.map((t) => t.id)).toEqual([mention.id]);
    expect((await client.v2.listDmEvents()).events.map((e) => ('text' in e ? e.text : undefined))).toEqual(['my order is 998']);
    await client.v2.reply('Fixed now', mention.id);

    const byBrand = (await controlRequest(x, 'GET', '/posts?author=globex')).body as EmulatedPost[];
    expect(byBrand.map((p) => p.text)).toEqual(['Fixed now', '@jane Looking into it']);
    const requests = (await controlRequest(x, 'GET', '/requests?method=POST&path=/2/tweets')).body as { status: number }[];
    expect(requests.map((r) => r.status)).toEqual([201]);
    const state = (await controlRequest(x, 'GET', '/state')).body as { users: unknown[]; posts: unknown[]; dmEvents: unknown[] };
    expect([state.users.length, state.posts.length, state.dmEvents.length]).toEqual([2, 4, 1]);
    expect((await controlRequest(x, 'GET', `/dm_events?user=jane`)).body).toHaveLength(1);
    expect((await controlRequest(x, 'DELETE', `/posts/${quote.id}`)).body).toEqual({ deleted: true });
  });

  it('arms faults, changes settings and resets state', async () => {
    expect((await controlRequest(x, 'POST', '/faults', { kind: 'status', status: 503, path: '/2/users/me' })).status).toBe(201);
    const client = clientFor(x);
    await expect(client.v2.me()).rejects.toMatchObject({ code: 503 });
    await controlRequest(x, 'POST', '/faults', { kind: 'status', status: 503, path: '/2/users/me' });
    expect((await controlRequest(x, 'DELETE', '/faults')).body).toEqual({ cleared: true });
    await expect(client.v2.me()).resolves.toBeDefined();

    expect((await controlRequest(x, 'POST', '/settings', { replyRestriction: false, rateLimits: false })).body).toEqual({
      replyRestriction: false,
      rateLimits: false,
    });
    await controlRequest(x, 'POST', '/users', { username: 'jane' });
    expect((await controlRequest(x, 'POST', '/reset')).body).toEqual({ reset: true });
    const state = (await controlRequest(x, 'GET', '/state')).body as { users: EmulatedUser[]; posts: unknown[] };
    expect(state.users.map((u) => u.username)).toEqual(['globex']);
    expect(x.control.requests()).toEqual([]);
    await expect(client.v2.me()).resolves.toBeDefined();
  });

  it('answers invalid control input with 400 and unknown control paths with 404', async () => {
    expect(await controlRequest(x, 'POST', '/posts', { as: 'nobody', text: 'hi' })).toEqual({ status: 400, body: { error: 'no user nobody' } });
    expect((await controlRequest(x, 'POST', '/users', { username: 'has space' })).status).toBe(400);
    expect((await controlRequest(x, 'POST', '/faults', { kind: 'explode', path: '/2/tweets' })).status).toBe(400);
    expect((await controlRequest(x, 'GET', '/nothing')).status).toBe(404);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FacebookComment, FacebookUser, InstagramComment, InstagramMedia, InstagramUser, MetaEmulator, Post } from '../../../emulators/meta/index.js';
import { startMetaEmulator } from '../../../emulators/meta/index.js';
import { controlRequest, graph } from './graph-client.js';
import { startReceiver, type Receiver } from './receiver.js';

let meta: MetaEmulator;
let receiver: Receiver;
beforeEach(async () => {
  receiver = await startReceiver('sandbox-token');
  meta = await startMetaEmulator({ credentials: { verifyToken: 'sandbox-token' } });
});
afterEach(async () => {
  await meta.close();
  await receiver.close();
});

describe('Meta emulator control API over HTTP', () => {
  it('seeds customers, comments, mentions and DMs that the Graph API serves and the webhooks announce', async () => {
    expect((await controlRequest(meta, 'POST', '/webhook', { url: receiver.url, verify: true })).body).toMatchObject({ ok: true });
    const jane = (await controlRequest(meta, 'POST', '/facebook/users', { name: 'Jane Doe' })).body as FacebookUser;
    const igJane = (await controlRequest(meta, 'POST', '/instagram/users', { username: 'jane.doe' })).body as InstagramUser;
    const post = (await controlRequest(meta, 'POST', '/facebook/posts', { message: 'Launch' })).body as Post;
    const created = await controlRequest(meta, 'POST', '/facebook/comments', { from: 'Jane Doe', on: post.id, message: 'Blue?' });
    expect(created.status).toBe(201);
    const comment = created.body as FacebookComment;
    expect(comment).toMatchObject({ postId: post.id, authorId: jane.id, message: 'Blue?' });
    expect((await controlRequest(meta, 'PATCH', `/facebook/comments/${comment.id}`, { message: 'Blue or red?' })).body).toMatchObject({
      message: 'Blue or red?',
    });
    const media = (await controlRequest(meta, 'POST', '/instagram/media', { caption: 'Launch' })).body as InstagramMedia;
    const igComment = (await controlRequest(meta, 'POST', '/instagram/comments', { from: 'jane.doe', on: media.id, text: 'Price?' })).body as InstagramComment;
    const mention = (await controlRequest(meta, 'POST', '/instagram/mentions', { from: 'jane.doe', text: 'help' })).body as InstagramComment;
    expect(mention.text).toBe(`@${meta.instagram.username} help`);
    await controlRequest(meta, 'POST', '/messenger/messages', { from: 'Jane Doe', text: 'Order?' });
    await controlRequest(meta, 'POST', '/instagram/messages', { from: 'jane.doe', text: 'Hi' });

    expect((await graph(meta, 'GET', `/${comment.id}?fields=message`)).body).toEqual({ message: 'Blue or red?', id: comment.id });
    expect((await graph(meta, 'GET', `/${igComment.id}?fields=text`)).body).toEqual({ text: 'Price?', id: igComment.id });
    expect((await controlRequest(meta, 'GET', `/messages?with=${igJane.username}`)).body).toEqual([
      expect.objectContaining({ channel: 'instagram', text: 'Hi' }),
    ]);
    expect((await controlRequest(meta, 'GET', `/facebook/comments?post=${post.id}`)).body).toHaveLength(1);
    expect((await controlRequest(meta, 'GET', '/instagram/comments')).body).toHaveLength(2);
    const state = (await controlRequest(meta, 'GET', '/state')).body as Record<string, unknown[]>;
    expect([state.facebookUsers?.length, state.instagramUsers?.length, state.posts?.length, state.media?.length, state.messages?.length]).toEqual([
      1, 1, 1, 2, 2,
    ]);

    await meta.control.settled();
    const deliveries = (await controlRequest(meta, 'GET', '/deliveries')).body as { state: string }[];
    expect(deliveries.length).toBeGreaterThanOrEqual(4);
    expect(deliveries.every((d) => d.state === 'delivered')).toBe(true);
    expect((await controlRequest(meta, 'DELETE', `/facebook/comments/${comment.id}`)).body).toEqual({ deleted: true });
  });

  it('pauses and resumes deliveries, arms faults, expires tokens, changes settings and resets', async () => {
    await controlRequest(meta, 'POST', '/webhook', { url: receiver.url });
    expect((await controlRequest(meta, 'POST', '/deliveries/pause', { mode: 'queue' })).body).toEqual({ paused: true });
    await controlRequest(meta, 'POST', '/facebook/users', { name: 'Jane Doe' });
    const post = (await controlRequest(meta, 'POST', '/facebook/posts', { message: 'Launch' })).body as Post;
    await controlRequest(meta, 'POST', '/facebook/comments', { from: 'Jane Doe', on: post.id, message: 'Blue?' });
    await meta.control.settled();
    expect(receiver.received).toHaveLength(0);
    await controlRequest(meta, 'POST', '/deliveries/resume');
    await meta.control.settled();
    expect(receiver.received).toHaveLength(1);

    expect((await controlRequest(meta, 'POST', '/faults', { kind: 'rateLimit', code: 613, path: '/me' })).status).toBe(201);
    expect((await graph(meta, 'GET', '/me')).body).toMatchObject({ error: { code: 613 } });
    expect((await controlRequest(meta, 'GET', '/requests?path=/me')).body).toEqual([expect.objectContaining({ status: 400, errorCode: 613 })]);
    await controlRequest(meta, 'POST', '/faults', { kind: 'error', code: 2, path: '/me' });
    expect((await controlRequest(meta, 'DELETE', '/faults')).body).toEqual({ cleared: true });
    expect((await graph(meta, 'GET', '/me')).status).toBe(200);

    await controlRequest(meta, 'POST', '/tokens/expire', { token: 'page' });
    expect((await graph(meta, 'GET', '/me')).body).toMatchObject({ error: { code: 190, error_subcode: 463 } });

    expect((await controlRequest(meta, 'POST', '/settings', { retryDelaysMs: [10], batchWindowMs: 5, rateLimitPerHour: false })).body).toMatchObject({
      webhookUrl: receiver.url,
      retryDelaysMs: [10],
      batchWindowMs: 5,
      rateLimitPerHour: false,
    });
    expect((await controlRequest(meta, 'POST', '/reset')).body).toEqual({ reset: true });
    expect((await graph(meta, 'GET', '/me')).status).toBe(200);
    const state = (await controlRequest(meta, 'GET', '/state')).body as { posts: unknown[]; settings: { batchWindowMs: number } };
    expect(state.posts).toEqual([]);
    expect(state.settings.batchWindowMs).toBe(5);
    expect((await controlRequest(meta, 'GET', '/deliveries')).body).toEqual([]);
  });

  it('answers a failed subscription check with 400 and keeps the old callback URL', async () => {
    const refused = await controlRequest(meta, 'POST', '/webhook', { url: receiver.url, verify: true, verifyToken: 'wrong' });
    expect(refused).toEqual({ status: 400, body: expect.objectContaining({ ok: false, status: 403 }) });
    expect((await controlRequest(meta, 'GET', '/settings')).body).toMatchObject({ webhookUrl: null });
    expect((await controlRequest(meta, 'POST', '/webhook/verify', { url: receiver.url })).body).toMatchObject({ ok: true });
  });

  it('answers invalid control input with 400 and unknown control paths with 404', async () => {
    expect(await controlRequest(meta, 'POST', '/facebook/comments', { from: 'nobody', on: '1', message: 'hi' })).toEqual({
      status: 400,
      body: { error: 'no Facebook user nobody' },
    });
    expect((await controlRequest(meta, 'POST', '/instagram/users', { username: '' })).status).toBe(400);
    expect((await controlRequest(meta, 'POST', '/faults', { kind: 'explode', path: '/me' })).status).toBe(400);
    expect((await controlRequest(meta, 'POST', '/faults', { kind: 'rateLimit', code: 5, path: '/me' })).status).toBe(400);
    expect((await controlRequest(meta, 'GET', '/nothing')).status).toBe(404);
  });
});

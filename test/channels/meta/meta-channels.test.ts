import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startMetaEmulator, type MetaEmulator } from '../../../emulators/meta/index.js';
import { encodeLikeMeta } from '../../../emulators/meta/webhooks/encode.js';
import { createFacebookChannel, type FacebookChannel } from '../../../src/channels/meta/facebook-channel.js';
import { createGraphClient } from '../../../src/channels/meta/graph-client.js';
import { createInstagramChannel, type InstagramChannel } from '../../../src/channels/meta/instagram-channel.js';
import { createMetaWebhookHandler } from '../../../src/channels/meta/meta-webhook-handler.js';
import type { SocialPost } from '../../../src/channels/social-channel.js';
import type { WebhookHandler } from '../../../src/ingest/webhooks/webhook-handler.js';
import { createLogger } from '../../../src/log/create-logger.js';

/** The Facebook and Instagram channels and the webhook handler against the Meta emulator's Graph API. */
describe('Facebook and Instagram through Graph', () => {
  let meta: MetaEmulator;
  let facebook: FacebookChannel;
  let instagram: InstagramChannel;
  let handler: WebhookHandler;
  let ingested: Array<{ network: string; posts: readonly SocialPost[] }>;
  let logs: string[];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void logs.push(line) } });

  beforeAll(async () => {
    meta = await startMetaEmulator({ protocol: 'http' });
    const graph = createGraphClient({ graphUrl: meta.graphUrl, accessToken: meta.credentials.pageAccessToken, readTimeoutMs: 5_000, writeTimeoutMs: 5_000 });
    facebook = createFacebookChannel({ graph, pageId: meta.page.id, logger });
    instagram = createInstagramChannel({ graph, accountId: meta.instagram.id, logger });
    handler = createMetaWebhookHandler(
      { appSecret: meta.credentials.appSecret, verifyToken: meta.credentials.verifyToken },
      { facebook, instagram, ingest: async (network, posts) => void ingested.push({ network, posts }) },
    );
  });
  afterAll(async () => {
    await meta?.close();
  });
  beforeEach(() => {
    meta.control.reset();
    ingested = [];
    logs = [];
  });

  const deliver = (payload: unknown) =>
    handler.process({ id: 'd1', network: 'meta', receivedAt: new Date(), body: encodeLikeMeta(payload), headers: {} }, { logger });
  const feedNotification = (value: Record<string, unknown>, pageId = meta.page.id) => ({
    object: 'page',
    entry: [{ id: pageId, time: Math.floor(Date.now() / 1000), changes: [{ field: 'feed', value: { item: 'comment', verb: 'add', ...value } }] }],
  });

  it('knows the Page and the Instagram account it watches', async () => {
    expect(await facebook.whoAmI()).toMatchObject({ id: meta.page.id, handle: meta.page.username, name: meta.page.name });
    expect(await instagram.whoAmI()).toMatchObject({ id: meta.instagram.id, handle: meta.instagram.username });
  });

  it('reads from Graph a comment the notification names without its words or author', async () => {
    const jane = meta.control.createFacebookUser({ name: 'Jane Doe' });
    const post = meta.control.createPost({ message: 'Kettles' });
    const comment = meta.control.comment({ from: jane.id, on: post.id, message: 'Mine leaks' });
    await deliver(feedNotification({ comment_id: comment.id, post_id: post.id, parent_id: post.id }));
    expect(ingested).toEqual([
      {
        network: 'facebook',
        posts: [
          expect.objectContaining({
            id: comment.id,
            conversationId: comment.id,
            text: 'Mine leaks',
            author: expect.objectContaining({ id: jane.id, handle: 'Jane Doe' }),
          }),
        ],
      },
    ]);
  });

  it('skips a comment deleted since, and one on another Page; a Graph outage fails the delivery so it is retried', async () => {
    const jane = meta.control.createFacebookUser({ name: 'Jane Doe' });
    const post = meta.control.createPost({ message: 'Kettles' });
    const comment = meta.control.comment({ from: jane.id, on: post.id, message: 'Mine leaks' });
    meta.control.deleteComment(comment.id);
    await deliver(feedNotification({ comment_id: comment.id, post_id: post.id }));
    await deliver(feedNotification({ comment_id: '1_2', post_id: '1', from: { id: '9', name: 'Sam' }, message: 'hi' }, '999999999999999'));
    expect(ingested).toEqual([]);
    expect(logs.join('')).toContain('another Page or account than the watched one');

    const again = meta.control.comment({ from: jane.id, on: post.id, message: 'Still leaking' });
    meta.control.injectFault({ method: 'GET', path: '/:id', kind: 'error', code: 2 });
    await expect(deliver(feedNotification({ comment_id: again.id, post_id: post.id }))).rejects.toThrow(/Graph API error 2/);
  });

  it('reads an Instagram mention through mentioned_comment, and answers it through the mentions edge, once', async () => {
    const sam = meta.control.createInstagramUser({ username: 'sam.k' });
    const mention = meta.control.mention({ from: sam.id, text: 'my order never came' });
    await deliver({
      object: 'instagram',
      entry: [{ id: meta.instagram.id, time: 1, changes: [{ field: 'mentions', value: { comment_id: mention.id, media_id: mention.mediaId } }] }],
    });
    expect(ingested).toEqual([
      { network: 'instagram', posts: [expect.objectContaining({ id: mention.id, text: mention.text, author: expect.objectContaining({ handle: 'sam.k' }) })] },
    ]);

    const sent = await instagram.sendPublicReply({ text: '@sam.k so sorry, sending it today', inReplyToId: mention.id });
    expect(meta.control.mediaComments({ media: mention.mediaId })).toContainEqual(
      expect.objectContaining({ id: sent.id, parentId: mention.id, authorId: meta.instagram.id }),
    );
  });

  it('polls comments and replies since the cursor, oldest first, the brand’s own among them, each once', async () => {
    const sam = meta.control.createInstagramUser({ username: 'sam.k' });
    const media = meta.control.createMedia({ caption: 'Autumn' });
    const question = meta.control.commentOnMedia({ from: sam.id, on: media.id, text: 'Waterproof?' });
    const answer = meta.control.commentOnMedia({ from: meta.instagram.id, on: question.id, text: 'Yes' });
    const first = await instagram.fetchMentions(meta.instagram.id, undefined);
    expect(first.posts.map((post) => [post.id, post.conversationId, post.inReplyToPostId])).toEqual([
      [question.id, question.id, undefined],
      [answer.id, question.id, question.id],
    ]);
    expect(first.rejected).toEqual([]);
    const later = await instagram.fetchMentions(meta.instagram.id, first.newestId);
    // Graph's times have whole seconds: the newest second is read again, and the poller ignores what it has.
    expect(later.posts.every((post) => post.createdAt.toISOString() >= first.newestId!)).toBe(true);
    expect(later.newestId).toBe(first.newestId);
  });

  it("finds the Page's earlier reply with the same text after a lost answer, and nothing older or by someone else", async () => {
    const jane = meta.control.createFacebookUser({ name: 'Jane Doe' });
    const post = meta.control.createPost({ message: 'Kettles' });
    const comment = meta.control.comment({ from: jane.id, on: post.id, message: 'Mine leaks' });
    meta.control.comment({ from: jane.id, on: comment.id, message: 'Sorry, it is on its way' });
    const reply = meta.control.comment({ from: meta.page.id, on: comment.id, message: 'Sorry, it is on its way' });
    const found = await facebook.findOwnReply(meta.page.id, { text: 'Sorry, it is on its way ', inReplyToId: comment.id, notBefore: new Date() });
    expect(found?.id).toBe(reply.id);
    expect(await facebook.findOwnReply(meta.page.id, { text: 'Something else', inReplyToId: comment.id, notBefore: new Date() })).toBeUndefined();
    expect(
      await facebook.findOwnReply(meta.page.id, { text: 'Sorry, it is on its way', inReplyToId: comment.id, notBefore: new Date(Date.now() + 3_600_000) }),
    ).toBeUndefined();
  });
});

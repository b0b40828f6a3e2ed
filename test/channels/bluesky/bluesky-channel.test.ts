import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBlueskyEmulator, type BlueskyEmulator } from '../../../emulators/bluesky/index.js';
import { createBlueskyChannel } from '../../../src/channels/bluesky/bluesky-channel.js';
import type { SocialChannel } from '../../../src/channels/social-channel.js';
import { createLogger } from '../../../src/log/create-logger.js';

describe('Bluesky through @atproto/api', () => {
  let bsky: BlueskyEmulator;
  let channel: SocialChannel;
  let clock: number;
  const tick = () => (clock += 1000);

  beforeEach(async () => {
    clock = Date.UTC(2026, 0, 5, 9);
    bsky = await startBlueskyEmulator({ now: tick });
    channel = createBlueskyChannel({
      service: bsky.service,
      credentials: { identifier: bsky.credentials.identifier, appPassword: bsky.credentials.password },
      logger: createLogger({ level: 'silent' }),
      now: () => new Date(tick()),
    });
    bsky.control.createUser({ handle: 'jane', displayName: 'Jane Doe' });
    bsky.control.createUser({ handle: 'sam' });
  });
  afterEach(async () => {
    await bsky.close();
  });

  it('knows the watched account', async () => {
    await expect(channel.whoAmI()).resolves.toMatchObject({ id: bsky.brand.did, handle: 'acme-support.bsky.social', name: 'Acme Support' });
  });

  it('reads mentions, replies and quotes as posts of threads named by their root, oldest first, and only new ones next time', async () => {
    const announcement = bsky.control.postAsBrand({ text: 'New store hours from Monday' });
    const mention = bsky.control.post('jane', { text: '@acme-support.bsky.social my order is late' });
    const reply = bsky.control.post('sam', { text: 'Does that include Sundays?', replyTo: announcement.uri });
    const quote = bsky.control.post('jane', { text: 'Finally!', quote: announcement.uri });
    bsky.control.like('sam', announcement.uri);

    const first = await channel.fetchMentions(bsky.brand.did, undefined);
    expect(first.posts.map((post) => post.text)).toEqual(['@acme-support.bsky.social my order is late', 'Does that include Sundays?', 'Finally!']);
    expect(first.posts[0]).toMatchObject({
      id: mention.uri,
      conversationId: mention.uri,
      author: { id: bsky.control.user('jane')!.did, handle: 'jane.bsky.social', name: 'Jane Doe' },
    });
    expect(first.posts[1]).toMatchObject({ id: reply.uri, conversationId: announcement.uri, inReplyToPostId: announcement.uri });
    expect(first.posts[2]).toMatchObject({ id: quote.uri, conversationId: quote.uri, quotedPostId: announcement.uri });
    expect(first.rejected).toEqual([]);
    expect(bsky.control.seenAt()).toBe(first.newestId);

    const later = bsky.control.post('jane', { text: '@acme-support.bsky.social any news?', replyTo: mention.uri });
    const second = await channel.fetchMentions(bsky.brand.did, first.newestId);
    expect(second.posts.map((post) => post.id).filter((id) => id !== quote.uri)).toEqual([later.uri]);
    expect(second.posts.at(-1)).toMatchObject({ conversationId: mention.uri, inReplyToPostId: mention.uri });

    const third = await channel.fetchMentions(bsky.brand.did, second.newestId);
    expect(third.posts.map((post) => post.id).filter((id) => id !== later.uri)).toEqual([]);
  });

  it('reads mentions beyond one page', async () => {
    for (let i = 0; i < 130; i += 1) bsky.control.post('jane', { text: `@acme-support.bsky.social question ${i}` });
    const fetched = await channel.fetchMentions(bsky.brand.did, undefined);
    expect(fetched.posts.map((post) => post.text)).toEqual(Array.from({ length: 130 }, (_, i) => `@acme-support.bsky.social question ${i}`));
  });

  it('logs in once and refreshes an expired access token instead of logging in again', async () => {
    await channel.whoAmI();
    bsky.control.injectFault({
      nsid: 'app.bsky.notification.listNotifications',
      kind: 'status',
      status: 400,
      body: { error: 'ExpiredToken', message: 'Token has expired' },
    });
    await channel.fetchMentions(bsky.brand.did, undefined);
    await channel.fetchMentions(bsky.brand.did, undefined);
    expect(bsky.control.requests({ nsid: 'com.atproto.server.createSession' })).toHaveLength(1);
    expect(bsky.control.requests({ nsid: 'com.atproto.server.refreshSession' })).toHaveLength(1);
  });

  it("reads the brand's own posts made since a post, oldest first", async () => {
    const mention = bsky.control.post('jane', { text: '@acme-support.bsky.social hello' });
    const before = bsky.control.postAsBrand({ text: 'An older announcement' });
    const answer = bsky.control.postAsBrand({ text: 'Hi Jane', replyTo: mention.uri });
    const other = bsky.control.postAsBrand({ text: 'Another announcement' });

    const own = await channel.fetchOwnPosts(bsky.brand.did, before.uri);
    expect(own.posts.map((post) => post.id)).toEqual([answer.uri, other.uri]);
    expect(own.posts[0]).toMatchObject({ conversationId: mention.uri, inReplyToPostId: mention.uri, author: { id: bsky.brand.did } });
    expect(own.newestId).toBe(other.uri);
  });

  it('replies with the thread root and parent, and turns a @handle into a mention', async () => {
    const question = bsky.control.post('jane', { text: '@acme-support.bsky.social where is my order?' });
    const followUp = bsky.control.post('jane', { text: 'It was due Friday', replyTo: question.uri });

    const sent = await channel.sendPublicReply({ text: '@jane.bsky.social it ships today 📦', inReplyToId: followUp.uri });

    const posted = bsky.control.getPost(sent.id)!;
    expect(posted).toMatchObject({ did: bsky.brand.did, text: '@jane.bsky.social it ships today 📦' });
    expect(posted.reply).toEqual({ root: { uri: question.uri, cid: question.cid }, parent: { uri: followUp.uri, cid: followUp.cid } });
    const [created] = bsky.control.requests({ nsid: 'com.atproto.repo.createRecord' });
    expect(created?.body).toMatchObject({
      record: {
        facets: [{ index: { byteStart: 0, byteEnd: 17 }, features: [{ $type: 'app.bsky.richtext.facet#mention', did: bsky.control.user('jane')!.did }] }],
      },
    });
  });

  it('says a deleted post cannot be replied to', async () => {
    const question = bsky.control.post('jane', { text: '@acme-support.bsky.social hello?' });
    bsky.control.deleteRecord(question.uri);
    const failure = await channel.sendPublicReply({ text: 'Hi!', inReplyToId: question.uri }).catch((error: unknown) => error);
    expect(channel.network.classifyError(failure)).toMatchObject({ kind: 'post_deleted', retryable: false });
    expect(bsky.control.requests({ nsid: 'com.atproto.repo.createRecord' })).toHaveLength(0);
  });

  it("names a post linked by its author's handle by the id it is stored under, without logging in", async () => {
    const question = bsky.control.post('jane', { text: '@acme-support.bsky.social hello?' });
    const byHandle = channel.network.postIdFromLink(`https://bsky.app/profile/Jane.bsky.social/post/${question.rkey}`)!;
    await expect(channel.storedPostId!(byHandle)).resolves.toBe(question.uri);
    await expect(channel.storedPostId!(question.uri)).resolves.toBe(question.uri);
    await expect(channel.storedPostId!(`at://nobody.bsky.social/app.bsky.feed.post/${question.rkey}`)).rejects.toThrow();
    expect(bsky.control.requests({ nsid: 'com.atproto.server.createSession' })).toHaveLength(0);
  });

  it('finds the reply a lost answer posted, and nothing for another post', async () => {
    const question = bsky.control.post('jane', { text: '@acme-support.bsky.social hello?' });
    const other = bsky.control.post('sam', { text: '@acme-support.bsky.social hi' });
    const started = new Date(clock);
    bsky.control.injectFault({ nsid: 'com.atproto.repo.createRecord', kind: 'commitThenDrop' });

    const failure = await channel.sendPublicReply({ text: 'Hello Jane', inReplyToId: question.uri }).catch((error: unknown) => error);
    expect(channel.network.classifyError(failure)).toMatchObject({ kind: 'timeout_unknown_outcome', retryable: false });

    const found = await channel.findOwnReply(bsky.brand.did, { text: 'Hello Jane', inReplyToId: question.uri, notBefore: started });
    expect(found).toMatchObject({ id: bsky.control.posts({ author: bsky.brand.did })[0]!.uri, inReplyToPostId: question.uri });
    await expect(channel.findOwnReply(bsky.brand.did, { text: 'Hello Jane', inReplyToId: other.uri, notBefore: started })).resolves.toBeUndefined();
  });

  it('abandons a call Bluesky does not answer within the deadline', async () => {
    const impatient = createBlueskyChannel({
      service: bsky.service,
      credentials: { identifier: bsky.credentials.identifier, appPassword: bsky.credentials.password },
      logger: createLogger({ level: 'silent' }),
      readTimeoutMs: 200,
    });
    bsky.control.injectFault({ nsid: 'app.bsky.notification.listNotifications', kind: 'hang' });
    const failure = await impatient.fetchMentions(bsky.brand.did, undefined).catch((error: unknown) => error);
    expect(impatient.network.classifyError(failure).kind).toBe('timeout_unknown_outcome');
  });
});

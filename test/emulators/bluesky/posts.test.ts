import { AppBskyFeedDefs, AtUri, RichText, type AtpAgent } from '@atproto/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBlueskyEmulator, type BlueskyEmulator, type EmulatedPost } from '../../../emulators/bluesky/index.js';
import { brandAgent, failure, xrpc } from './helpers.js';

let bsky: BlueskyEmulator;
let agent: AtpAgent;

beforeEach(async () => {
  bsky = await startBlueskyEmulator();
  bsky.control.createUser({ handle: 'jane', displayName: 'Jane Doe' });
  bsky.control.createUser({ handle: 'sam' });
  agent = await brandAgent(bsky);
});
afterEach(() => bsky.close());

const strong = (post: { uri: string; cid: string }) => ({ uri: post.uri, cid: post.cid });

/** The brand answers a post in its thread, with facets detected (and resolved) by the library, as the adapter will. */
async function reply(to: EmulatedPost, text: string): Promise<{ uri: string; cid: string }> {
  const rt = new RichText({ text });
  await rt.detectFacets(agent);
  return agent.post({ text: rt.text, ...(rt.facets ? { facets: rt.facets } : {}), reply: { root: to.reply?.root ?? strong(to), parent: strong(to) } });
}

describe('Bluesky emulator posting through @atproto/api', () => {
  it('publishes a reply whose mention facet, detected by RichText, notifies the customer and shows in the thread', async () => {
    const question = bsky.control.post('jane', { text: `@${bsky.brand.handle} where is order #123? 📦` });
    const answer = await reply(question, '@jane.bsky.social it ships today ✨ — sorry for the wait!');

    expect(new AtUri(answer.uri)).toMatchObject({ host: bsky.brand.did, collection: 'app.bsky.feed.post' });
    expect(new AtUri(answer.uri).rkey).toMatch(/^[234567a-j][234567a-z]{12}$/);
    expect(answer.cid).toMatch(/^bafyrei[a-z2-7]+$/);
    const stored = bsky.control.getPost(answer.uri);
    expect(stored).toMatchObject({ did: bsky.brand.did, reply: { root: strong(question), parent: strong(question) } });
    expect(stored?.record.facets).toEqual([
      {
        $type: 'app.bsky.richtext.facet',
        index: { byteStart: 0, byteEnd: 17 },
        features: [{ $type: 'app.bsky.richtext.facet#mention', did: bsky.control.user('jane')?.did }],
      },
    ]);
    expect(bsky.control.notifications({ recipient: 'jane' }).map((n) => [n.reason, n.uri])).toEqual([['mention', answer.uri]]);

    const { data } = await agent.getPostThread({ uri: question.uri });
    if (!AppBskyFeedDefs.isThreadViewPost(data.thread)) throw new Error('expected a thread');
    expect(data.thread.post).toMatchObject({ uri: question.uri, replyCount: 1, author: { handle: 'jane.bsky.social' } });
    expect(data.thread.replies?.map((r) => (AppBskyFeedDefs.isThreadViewPost(r) ? r.post.uri : r))).toEqual([answer.uri]);
  });

  it('limits text to 300 graphemes and 3000 bytes with the PDS message, and counts an emoji family as one grapheme', async () => {
    await expect(agent.post({ text: 'a'.repeat(300) })).resolves.toBeDefined();
    await expect(agent.post({ text: '👩‍👩‍👧'.repeat(150) })).resolves.toBeDefined();
    const graphemes = await failure(agent.post({ text: 'a'.repeat(301) }));
    expect([graphemes.status, graphemes.error, graphemes.message]).toEqual([
      400,
      'InvalidRequest',
      'Invalid app.bsky.feed.post record: Record/text must not be longer than 300 graphemes',
    ]);
    const bytes = await failure(agent.post({ text: '👩‍👩‍👧'.repeat(170) }));
    expect(bytes.message).toBe('Invalid app.bsky.feed.post record: Record/text must not be longer than 3000 characters');
  });

  it('refuses facets whose offsets are UTF-16 positions rather than UTF-8 bytes', async () => {
    const text = '✨ thanks @jane.bsky.social';
    const jane = bsky.control.user('jane')?.did ?? '';
    const utf16 = text.indexOf('@');
    const mention = (byteStart: number, byteEnd: number) => [
      { index: { byteStart, byteEnd }, features: [{ $type: 'app.bsky.richtext.facet#mention', did: jane }] },
    ];
    const error = await failure(agent.post({ text, facets: mention(utf16, utf16 + 17) }));
    expect(error.status).toBe(400);
    expect(error.message).toMatch(/^Invalid app\.bsky\.feed\.post record: Record\/facets\/0 mentions did:plc:\w+ \(@jane\.bsky\.social\) but covers the text/);
    const cut = await failure(agent.post({ text, facets: mention(1, 2) }));
    expect(cut.message).toContain('cuts a character in two: offsets count UTF-8 bytes, not UTF-16 code units');
    const beyond = await failure(agent.post({ text, facets: mention(12, 40) }));
    expect(beyond.message).toContain("beyond the text's 28 UTF-8 bytes");
    const unresolved = await failure(
      agent.post({ text, facets: [{ index: { byteStart: 11, byteEnd: 28 }, features: [{ $type: 'app.bsky.richtext.facet#mention', did: '' }] }] }),
    );
    expect(unresolved.message).toBe('Invalid app.bsky.feed.post record: Record/facets/0/features/0/did must be a valid did');
    await expect(agent.post({ text, facets: mention(11, 28) })).resolves.toBeDefined();
  });

  it('deletes its own posts (idempotently) but may not write to or delete from another repo', async () => {
    const mine = await agent.post({ text: 'posted by mistake' });
    await agent.deletePost(mine.uri);
    expect(bsky.control.getPost(mine.uri)).toBeUndefined();
    await expect(agent.deletePost(mine.uri)).resolves.toBeUndefined();

    const theirs = bsky.control.post('jane', { text: 'my post' });
    const { rkey } = new AtUri(theirs.uri);
    const deleting = await failure(agent.com.atproto.repo.deleteRecord({ repo: theirs.did, collection: 'app.bsky.feed.post', rkey }));
    expect([deleting.status, deleting.error]).toEqual([401, 'AuthenticationRequired']);
    const writing = await failure(
      agent.com.atproto.repo.createRecord({
        repo: 'jane.bsky.social',
        collection: 'app.bsky.feed.post',
        record: { text: 'hi', createdAt: new Date().toISOString() },
      }),
    );
    expect(writing.status).toBe(401);
    expect(bsky.control.getPost(theirs.uri)).toBeDefined();
  });

  it('answers repo writes with commit metadata, rate-limit headers and InvalidSwap for a stale commit', async () => {
    const token = agent.session?.accessJwt ?? '';
    const write = (body: Record<string, unknown>) => xrpc(bsky, 'POST', 'com.atproto.repo.createRecord', { token, body });
    const record = { $type: 'app.bsky.feed.post', text: 'first', createdAt: '2026-03-01T10:00:00.000Z' };
    const first = await write({ repo: bsky.brand.did, collection: 'app.bsky.feed.post', record });
    expect(first.body).toMatchObject({
      commit: { cid: expect.stringMatching(/^bafyrei/), rev: expect.stringMatching(/^[234567a-z]{13}$/) },
      validationStatus: 'valid',
    });
    expect([first.headers.get('ratelimit-limit'), first.headers.get('ratelimit-remaining'), first.headers.get('ratelimit-policy')]).toEqual([
      '5000',
      '4997',
      '5000;w=3600',
    ]);
    const commit = (first.body as { commit: { cid: string } }).commit.cid;
    expect((await write({ repo: bsky.brand.did, collection: 'app.bsky.feed.post', record, swapCommit: commit })).status).toBe(200);
    expect(await write({ repo: bsky.brand.did, collection: 'app.bsky.feed.post', record, swapCommit: commit })).toMatchObject({
      status: 400,
      body: { error: 'InvalidSwap' },
    });
  });

  it('takes a client-chosen TID record key once; a second write to the same key fails without a second post', async () => {
    const rkey = '3lbqk5nbd7k2c';
    const post = () =>
      agent.com.atproto.repo.createRecord({
        repo: agent.did ?? '',
        collection: 'app.bsky.feed.post',
        rkey,
        record: { text: 'once', createdAt: new Date().toISOString() },
      });
    expect((await post()).data.uri).toBe(`at://${bsky.brand.did}/app.bsky.feed.post/${rkey}`);
    const again = await failure(post());
    expect([again.status, again.error]).toEqual([500, 'InternalServerError']);
    expect(bsky.control.posts({ author: bsky.brand.did })).toHaveLength(1);
  });

  it('likes a customer post: a like notification for them, and viewer.like for the brand', async () => {
    const praise = bsky.control.post('jane', { text: `love it @${bsky.brand.handle}` });
    const like = await agent.like(praise.uri, praise.cid);
    expect(bsky.control.notifications({ recipient: 'jane' }).map((n) => [n.reason, n.uri, n.reasonSubject])).toEqual([['like', like.uri, praise.uri]]);
    const { data } = await agent.getPosts({ uris: [praise.uri] });
    expect(data.posts[0]).toMatchObject({ likeCount: 1, viewer: { like: like.uri } });
  });
});

describe('Bluesky emulator reads through @atproto/api', () => {
  it('getPostThread honours depth and parentHeight and shows a deleted parent as notFoundPost', async () => {
    const root = bsky.control.post('jane', { text: `@${bsky.brand.handle} my app crashes` });
    const middle = bsky.control.post('sam', { text: 'same here', replyTo: root.uri });
    const leaf = bsky.control.post('jane', { text: 'any news?', replyTo: middle.uri });
    const deeper = bsky.control.post('sam', { text: 'bump', replyTo: leaf.uri });

    const { data } = await agent.getPostThread({ uri: leaf.uri, depth: 1, parentHeight: 1 });
    expect(data.thread).toMatchObject({
      $type: 'app.bsky.feed.defs#threadViewPost',
      post: { uri: leaf.uri },
      parent: { $type: 'app.bsky.feed.defs#threadViewPost', post: { uri: middle.uri } },
      replies: [{ $type: 'app.bsky.feed.defs#threadViewPost', post: { uri: deeper.uri } }],
    });
    expect((data.thread as { parent: { parent?: unknown } }).parent.parent).toBeUndefined();

    bsky.control.deleteRecord(middle.uri);
    const orphan = await agent.getPostThread({ uri: leaf.uri });
    expect((orphan.data.thread as { parent: unknown }).parent).toEqual({ $type: 'app.bsky.feed.defs#notFoundPost', uri: middle.uri, notFound: true });
    const missing = await failure(agent.getPostThread({ uri: middle.uri }));
    expect([missing.status, missing.error, missing.message]).toEqual([400, 'NotFound', `Post not found: ${middle.uri}`]);
  });

  it('shows a post by an account that blocks the brand as blockedPost and leaves its replies out', async () => {
    const ours = bsky.control.postAsBrand({ text: 'Status update' });
    const hostile = bsky.control.post('sam', { text: 'boo', replyTo: ours.uri });
    bsky.control.post('jane', { text: 'thanks!', replyTo: ours.uri });
    bsky.control.block('sam', bsky.brand.did);

    const { data } = await agent.getPostThread({ uri: ours.uri });
    expect((data.thread as { replies: { post: { author: { handle: string } } }[] }).replies.map((r) => r.post.author.handle)).toEqual(['jane.bsky.social']);
    const blocked = await agent.getPostThread({ uri: hostile.uri });
    expect(blocked.data.thread).toEqual({
      $type: 'app.bsky.feed.defs#blockedPost',
      uri: hostile.uri,
      blocked: true,
      author: { did: bsky.control.user('sam')?.did, viewer: { blockedBy: true } },
    });
  });

  it('getPosts returns the posts that exist, in the order asked', async () => {
    const a = bsky.control.post('jane', { text: 'a' });
    const b = bsky.control.post('sam', { text: 'b', quote: a.uri });
    bsky.control.deleteRecord(a.uri);
    const c = bsky.control.post('jane', { text: 'c' });
    const { data } = await agent.getPosts({ uris: [c.uri, a.uri, b.uri] });
    expect(data.posts.map((p) => p.uri)).toEqual([c.uri, b.uri]);
    expect(data.posts[1]?.embed).toEqual({
      $type: 'app.bsky.embed.record#view',
      record: { $type: 'app.bsky.embed.record#viewNotFound', uri: a.uri, notFound: true },
    });
  });

  it("getAuthorFeed pages the brand's own posts, newest first, with reply context and filters", async () => {
    const question = bsky.control.post('jane', { text: 'help?' });
    const posted: string[] = [];
    for (let i = 0; i < 7; i += 1) posted.push((await agent.post({ text: `update ${i}` })).uri);
    const answer = await reply(question, 'here to help');
    bsky.control.post('jane', { text: 'not in our feed' });

    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const { data } = await agent.getAuthorFeed({ actor: bsky.brand.handle, limit: 3, ...(cursor !== undefined ? { cursor } : {}) });
      pages.push(data.feed.map((item) => item.post.uri));
      cursor = data.cursor;
    } while (cursor !== undefined);
    expect(pages.flat()).toEqual([answer.uri, ...posted.reverse()]);
    expect(pages.map((p) => p.length)).toEqual([3, 3, 2, 0]);

    const withReplies = await agent.getAuthorFeed({ actor: bsky.brand.did, limit: 1 });
    expect(withReplies.data.feed[0]?.reply?.parent).toMatchObject({ $type: 'app.bsky.feed.defs#postView', uri: question.uri });
    const noReplies = await agent.getAuthorFeed({ actor: bsky.brand.did, filter: 'posts_no_replies' });
    expect(noReplies.data.feed).toHaveLength(7);
    const unknown = await failure(agent.getAuthorFeed({ actor: 'nobody.bsky.social' }));
    expect([unknown.status, unknown.message]).toEqual([400, 'Profile not found']);
  });

  it('getProfile counts posts and followers', async () => {
    await agent.post({ text: 'hello' });
    bsky.control.follow('jane');
    const { data } = await agent.getProfile({ actor: bsky.brand.handle });
    expect(data).toMatchObject({
      did: bsky.brand.did,
      handle: bsky.brand.handle,
      displayName: 'Acme Support',
      postsCount: 1,
      followersCount: 12_001,
      followsCount: 0,
    });
    const jane = await agent.getProfile({ actor: 'jane.bsky.social' });
    expect(jane.data.viewer).toMatchObject({ followedBy: expect.stringMatching(/^at:\/\/did:plc:\w+\/app\.bsky\.graph\.follow\//) });
  });
});

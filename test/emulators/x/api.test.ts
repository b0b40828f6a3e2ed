import { ApiResponseError } from 'twitter-api-v2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startXEmulator, type XEmulator } from '../../../emulators/x/index.js';
import { appClientFor, clientFor } from './client.js';

let x: XEmulator;
beforeEach(async () => {
  x = await startXEmulator();
});
afterEach(() => x.close());

const isApiError = (code: number) => (error: unknown) => error instanceof ApiResponseError && error.code === code;

describe('X emulator through twitter-api-v2', () => {
  it('answers users/me for the brand, with requested user fields only', async () => {
    const client = clientFor(x);
    const plain = await client.v2.me();
    expect(plain.data).toEqual({ id: x.brand.id, name: 'Acme Support', username: 'acme_support' });
    const detailed = await client.v2.me({ 'user.fields': ['profile_image_url', 'public_metrics'] });
    expect(detailed.data.profile_image_url).toMatch(/^https:\/\//);
    expect(detailed.data.public_metrics?.followers_count).toBe(12_000);
  });

  it('lists mentions newest first with expansions, includes and meta', async () => {
    const jane = x.control.createUser({ username: 'jane', name: 'Jane Doe', followersCount: 42 });
    const first = x.control.post('jane', { text: '@Acme_Support where is my order?' });
    x.control.post('jane', { text: 'no mention here' });
    x.control.postAsBrand({ text: 'We are on it @jane' });
    const second = x.control.post('@jane', { text: 'hello @acme_support #outage' });

    const timeline = await clientFor(x).v2.userMentionTimeline(x.brand.id, {
      expansions: ['author_id', 'referenced_tweets.id', 'in_reply_to_user_id'],
      'tweet.fields': ['conversation_id', 'created_at', 'author_id', 'entities'],
      'user.fields': ['username', 'name', 'public_metrics'],
    });

    expect(timeline.tweets.map((t) => t.id)).toEqual([second.id, first.id]);
    expect(timeline.meta).toEqual({ result_count: 2, newest_id: second.id, oldest_id: first.id });
    expect(timeline.tweets[0]).toEqual({
      id: second.id,
      text: 'hello @acme_support #outage',
      edit_history_tweet_ids: [second.id],
      author_id: jane.id,
      conversation_id: second.id,
      created_at: second.createdAt,
      entities: {
        mentions: [{ start: 6, end: 19, username: 'acme_support', id: x.brand.id }],
        hashtags: [{ start: 20, end: 27, tag: 'outage' }],
      },
    });
    expect(timeline.includes.users).toEqual([
      {
        id: jane.id,
        name: 'Jane Doe',
        username: 'jane',
        public_metrics: { followers_count: 42, following_count: 0, tweet_count: 3, listed_count: 0, like_count: 0 },
      },
    ]);
  });

  it('returns only id, text and edit_history_tweet_ids unless fields are requested', async () => {
    x.control.createUser({ username: 'jane' });
    const mention = x.control.post('jane', { text: '@acme_support hi' });
    const timeline = await clientFor(x).v2.userMentionTimeline(x.brand.id);
    expect(timeline.data.data).toEqual([{ id: mention.id, text: '@acme_support hi', edit_history_tweet_ids: [mention.id] }]);
    expect(timeline.data.includes).toBeUndefined();
  });

  it('polls with since_id and pages with next_token', async () => {
    x.control.createUser({ username: 'jane' });
    const ids = Array.from({ length: 12 }, (_, i) => x.control.post('jane', { text: `@acme_support question ${i}` }).id);
    const client = clientFor(x);

    const page1 = await client.v2.userMentionTimeline(x.brand.id, { max_results: 5 });
    expect(page1.tweets.map((t) => t.id)).toEqual(ids.slice(7).reverse());
    expect(page1.meta.next_token).toEqual(expect.any(String));
    const page2 = await client.v2.userMentionTimeline(x.brand.id, { max_results: 5, pagination_token: page1.meta.next_token });
    expect(page2.tweets.map((t) => t.id)).toEqual(ids.slice(2, 7).reverse());
    expect(page2.meta.previous_token).toEqual(expect.any(String));
    const back = await client.v2.userMentionTimeline(x.brand.id, { max_results: 5, pagination_token: page2.meta.previous_token });
    expect(back.tweets.map((t) => t.id)).toEqual(page1.tweets.map((t) => t.id));

    const all = await client.v2.userMentionTimeline(x.brand.id, { max_results: 5 });
    await all.fetchLast(100);
    expect(all.tweets).toHaveLength(12);

    const newer = await client.v2.userMentionTimeline(x.brand.id, { since_id: ids[9] });
    expect(newer.tweets.map((t) => t.id)).toEqual([ids[11], ids[10]]);
    const none = await client.v2.userMentionTimeline(x.brand.id, { since_id: ids[11] });
    expect(none.data.data).toBeUndefined();
    expect(none.meta).toEqual({ result_count: 0 });
    const older = await client.v2.userMentionTimeline(x.brand.id, { until_id: ids[2] });
    expect(older.tweets.map((t) => t.id)).toEqual([ids[1], ids[0]]);
  });

  it('reaches only the 800 most recent mentions, as X does', async () => {
    x.control.createUser({ username: 'jane' });
    const ids = Array.from({ length: 805 }, (_, i) => x.control.post('jane', { text: `@acme_support n${i}` }).id);
    const timeline = await clientFor(x).v2.userMentionTimeline(x.brand.id, { max_results: 100 });
    await timeline.fetchLast(1000);
    expect(timeline.tweets).toHaveLength(800);
    expect(timeline.tweets.at(-1)?.id).toBe(ids[5]);
  });

  it('posts a reply that joins the conversation and can be looked up', async () => {
    const jane = x.control.createUser({ username: 'jane' });
    const mention = x.control.post('jane', { text: '@acme_support my parcel is lost' });
    const client = clientFor(x);

    const reply = await client.v2.reply('Sorry to hear that, checking now', mention.id);
    expect(reply.data).toEqual({ id: expect.stringMatching(/^\d+$/), text: 'Sorry to hear that, checking now', edit_history_tweet_ids: [reply.data.id] });
    expect(BigInt(reply.data.id) > BigInt(mention.id)).toBe(true);

    const lookedUp = await client.v2.singleTweet(reply.data.id, {
      'tweet.fields': ['conversation_id', 'in_reply_to_user_id', 'referenced_tweets', 'author_id'],
      expansions: ['referenced_tweets.id', 'in_reply_to_user_id'],
    });
    expect(lookedUp.data).toMatchObject({
      conversation_id: mention.id,
      in_reply_to_user_id: jane.id,
      referenced_tweets: [{ type: 'replied_to', id: mention.id }],
      author_id: x.brand.id,
    });
    expect(lookedUp.includes?.tweets?.map((t) => t.id)).toEqual([mention.id]);
    expect(lookedUp.includes?.users?.map((u) => u.id)).toEqual([jane.id]);

    const followUp = x.control.post('jane', { text: 'thanks, any news?', replyToId: reply.data.id });
    expect(followUp.text).toBe('@acme_support thanks, any news?');
    expect(followUp.conversationId).toBe(mention.id);
    const mentions = await client.v2.userMentionTimeline(x.brand.id);
    expect(mentions.tweets.map((t) => t.id)).toEqual([followUp.id, mention.id]);
  });

  it("lists a user's own posts, optionally without replies", async () => {
    x.control.createUser({ username: 'jane' });
    const mention = x.control.post('jane', { text: '@acme_support hi' });
    const announcement = x.control.postAsBrand({ text: 'Status: all systems normal' });
    const reply = x.control.postAsBrand({ text: 'Hello!', replyToId: mention.id });
    const client = clientFor(x);
    const all = await client.v2.userTimeline(x.brand.id, { 'tweet.fields': ['in_reply_to_user_id'] });
    expect(all.tweets.map((t) => [t.id, t.text])).toEqual([
      [reply.id, '@jane Hello!'],
      [announcement.id, 'Status: all systems normal'],
    ]);
    const noReplies = await client.v2.userTimeline(x.brand.id, { exclude: ['replies'] });
    expect(noReplies.tweets.map((t) => t.id)).toEqual([announcement.id]);
  });

  it('looks up several posts and reports missing ones in errors', async () => {
    x.control.createUser({ username: 'jane' });
    const post = x.control.post('jane', { text: 'hello world' });
    const result = await clientFor(x).v2.tweets([post.id, '1'], { expansions: ['author_id'] });
    expect(result.data.map((t) => t.id)).toEqual([post.id]);
    expect(result.includes?.users?.map((u) => u.username)).toEqual(['jane']);
    expect(result.errors).toEqual([
      {
        value: '1',
        detail: 'Could not find tweet with ids: [1].',
        title: 'Not Found Error',
        resource_type: 'tweet',
        parameter: 'ids',
        resource_id: '1',
        type: 'https://api.twitter.com/2/problems/resource-not-found',
      },
    ]);
    const single = await clientFor(x).v2.singleTweet('2');
    expect(single.data).toBeUndefined();
    expect(single.errors?.[0]).toMatchObject({ title: 'Not Found Error', parameter: 'id', resource_id: '2' });
  });

  it('deletes own posts', async () => {
    const client = clientFor(x);
    const post = await client.v2.tweet('Scheduled maintenance tonight');
    expect(await client.v2.deleteTweet(post.data.id)).toEqual({ data: { deleted: true } });
    expect(x.control.getPost(post.data.id)).toBeUndefined();
    x.control.createUser({ username: 'jane' });
    const theirs = x.control.post('jane', { text: 'mine' });
    await expect(client.v2.deleteTweet(theirs.id)).rejects.toSatisfy(isApiError(403));
  });

  it('likes and unlikes a post as the authenticated user only', async () => {
    const jane = x.control.createUser({ username: 'jane' });
    const mention = x.control.post('jane', { text: '@acme_support love it' });
    const client = clientFor(x);
    expect(await client.v2.like(x.brand.id, mention.id)).toEqual({ data: { liked: true } });
    expect(x.control.likes('acme_support')).toEqual([mention.id]);
    expect(await client.v2.unlike(x.brand.id, mention.id)).toEqual({ data: { liked: false } });
    expect(x.control.likes(x.brand.id)).toEqual([]);
    await expect(client.v2.like(jane.id, mention.id)).rejects.toSatisfy(isApiError(403));
  });

  it('sends DMs and lists DM events, all or with one participant', async () => {
    const jane = x.control.createUser({ username: 'jane' });
    const bob = x.control.createUser({ username: 'bob' });
    const incoming = x.control.sendDm('jane', { text: 'my account number is 1234' });
    x.control.sendDm('bob', { text: 'hi from bob' });
    const client = clientFor(x);

    // X answers { data: {...} } (CreateDmEventResponse); twitter-api-v2 1.29 types it without the wrapper.
    const response = (await client.v2.sendDmToParticipant(jane.id, { text: 'Thanks, we will look into it' })) as unknown as {
      data: { dm_conversation_id: string; dm_event_id: string };
    };
    const sent = response.data;
    const conversationId = `${x.brand.id}-${jane.id}`;
    expect(sent).toEqual({ dm_conversation_id: conversationId, dm_event_id: expect.stringMatching(/^\d+$/) });

    const all = await client.v2.listDmEvents({ 'dm_event.fields': ['sender_id', 'dm_conversation_id', 'created_at'], expansions: ['sender_id'] });
    expect(all.events.map((e) => e.id)).toEqual([sent.dm_event_id, x.control.dmEvents({ user: 'bob' })[0]?.id, incoming.id]);
    expect(all.events[2]).toEqual({
      id: incoming.id,
      event_type: 'MessageCreate',
      text: 'my account number is 1234',
      sender_id: jane.id,
      dm_conversation_id: conversationId,
      created_at: incoming.createdAt,
    });
    expect(all.includes.users.map((u) => u.username).sort()).toEqual(['acme_support', 'bob', 'jane']);

    const withJane = await client.v2.listDmEventsWithParticipant(jane.id);
    expect(withJane.events.map((e) => ('text' in e ? e.text : undefined))).toEqual(['Thanks, we will look into it', 'my account number is 1234']);
    expect(x.control.dmEvents({ user: bob.id }).map((e) => e.text)).toEqual(['hi from bob']);
  });

  it('accepts the app Bearer token on read endpoints that allow it, not on users/me', async () => {
    x.control.createUser({ username: 'jane' });
    const mention = x.control.post('jane', { text: '@acme_support hi' });
    const app = appClientFor(x);
    expect((await app.v2.userMentionTimeline(x.brand.id)).tweets.map((t) => t.id)).toEqual([mention.id]);
    expect((await app.v2.singleTweet(mention.id)).data.id).toBe(mention.id);
    const error = await app.v2.me().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiResponseError);
    expect((error as ApiResponseError).code).toBe(403);
    expect((error as ApiResponseError).data).toMatchObject({ title: 'Unsupported Authentication' });
  });

  it('lets customers act through the API with their own tokens', async () => {
    const jane = x.control.createUser({ username: 'jane' });
    const asJane = clientFor(x, jane);
    const mention = await asJane.v2.tweet('@acme_support is the app down?');
    const mentions = await clientFor(x).v2.userMentionTimeline(x.brand.id, { 'tweet.fields': ['author_id'] });
    expect(mentions.tweets).toEqual([expect.objectContaining({ id: mention.data.id, author_id: jane.id })]);
  });
});

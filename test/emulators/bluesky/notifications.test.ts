import type { AtpAgent } from '@atproto/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBlueskyEmulator, type BlueskyEmulator } from '../../../emulators/bluesky/index.js';
import { brandAgent } from './helpers.js';

let bsky: BlueskyEmulator;
let agent: AtpAgent;
let now: number;

beforeEach(async () => {
  now = Date.parse('2026-03-01T10:00:00Z');
  bsky = await startBlueskyEmulator({ now: () => now });
  bsky.control.createUser({ handle: 'jane', displayName: 'Jane Doe' });
  bsky.control.createUser({ handle: 'sam.example.com' });
  agent = await brandAgent(bsky);
});
afterEach(() => bsky.close());

const brandMention = (bsky: BlueskyEmulator, text: string) => `@${bsky.brand.handle} ${text}`;

describe('Bluesky emulator notifications through @atproto/api', () => {
  it('notifies the brand of mentions, replies, quotes, likes and follows, newest first, as the AppView does', async () => {
    const ours = bsky.control.postAsBrand({ text: 'Our spring sale starts today' });
    const mention = bsky.control.post('jane', { text: brandMention(bsky, 'my order #123 is late') });
    const reply = bsky.control.post('sam.example.com', { text: 'does it include shoes?', replyTo: ours.uri });
    const quote = bsky.control.post('jane', { text: 'finally!', quote: ours.uri });
    const like = bsky.control.like('jane', ours.uri);
    const follow = bsky.control.follow('sam.example.com');

    const { data } = await agent.listNotifications();
    expect(data.notifications.map((n) => [n.reason, n.uri, n.reasonSubject])).toEqual([
      ['follow', follow.uri, undefined],
      ['like', like.uri, ours.uri],
      ['quote', quote.uri, ours.uri],
      ['reply', reply.uri, ours.uri],
      ['mention', mention.uri, undefined],
    ]);
    const first = data.notifications[4];
    expect(first).toMatchObject({
      cid: mention.cid,
      author: { did: bsky.control.user('jane')?.did, handle: 'jane.bsky.social', displayName: 'Jane Doe' },
      record: { $type: 'app.bsky.feed.post', text: mention.text, createdAt: '2026-03-01T10:00:00.000Z' },
      isRead: false,
      indexedAt: '2026-03-01T10:00:00.000Z',
    });
    expect(data.priority).toBe(false);
  });

  it('gives one notification per post, mention first, and none for a mention typed without a facet or for our own posts', async () => {
    const ours = bsky.control.postAsBrand({ text: 'Maintenance tonight' });
    const both = bsky.control.post('jane', { text: brandMention(bsky, 'will it affect logins?'), replyTo: ours.uri });
    bsky.control.post('jane', { text: brandMention(bsky, 'plain text, no link'), facets: 'none' });
    bsky.control.postAsBrand({ text: `@${bsky.brand.handle} note to self` });
    const deep = bsky.control.post('sam.example.com', { text: 'me too', replyTo: both.uri });

    const { data } = await agent.listNotifications();
    expect(data.notifications.map((n) => [n.reason, n.uri, n.reasonSubject])).toEqual([
      ['reply', deep.uri, ours.uri],
      ['mention', both.uri, undefined],
    ]);
  });

  it('pages with limit and cursor; the page after the last is empty and has no cursor', async () => {
    const posted = Array.from({ length: 120 }, (_, i) =>
      bsky.control.post(i % 2 === 0 ? 'jane' : 'sam.example.com', { text: brandMention(bsky, `question ${i}`) }),
    );
    const pages: string[][] = [];
    let cursor: string | undefined;
    do {
      const { data } = await agent.listNotifications({ limit: 50, ...(cursor !== undefined ? { cursor } : {}) });
      pages.push(data.notifications.map((n) => n.uri));
      cursor = data.cursor;
    } while (cursor !== undefined);
    expect(pages.map((p) => p.length)).toEqual([50, 50, 20, 0]);
    expect(pages.flat()).toEqual(posted.map((p) => p.uri).reverse());
  });

  it('filters by reason', async () => {
    const ours = bsky.control.postAsBrand({ text: 'New release' });
    bsky.control.like('jane', ours.uri);
    const reply = bsky.control.post('jane', { text: 'crashes on start', replyTo: ours.uri });
    const mention = bsky.control.post('sam.example.com', { text: brandMention(bsky, 'hello') });
    const { data } = await agent.listNotifications({ reasons: ['mention', 'reply', 'quote'] });
    expect(data.notifications.map((n) => n.uri)).toEqual([mention.uri, reply.uri]);
  });

  it('updateSeen marks what came before as read and drives the unread count', async () => {
    bsky.control.post('jane', { text: brandMention(bsky, 'one') });
    now += 1000;
    bsky.control.post('jane', { text: brandMention(bsky, 'two') });
    expect((await agent.countUnreadNotifications()).data.count).toBe(2);

    await agent.updateSeenNotifications(new Date(now).toISOString());
    expect(bsky.control.seenAt()).toBe('2026-03-01T10:00:01.000Z');
    now += 1000;
    bsky.control.post('jane', { text: brandMention(bsky, 'three') });

    const { data } = await agent.listNotifications();
    expect(data.notifications.map((n) => [(n.record as { text: string }).text.split(' ')[1], n.isRead])).toEqual([
      ['three', false],
      ['two', true],
      ['one', true],
    ]);
    expect(data.seenAt).toBe('2026-03-01T10:00:01.000Z');
    expect((await agent.countUnreadNotifications()).data.count).toBe(1);
  });

  it('drops the notification when the customer deletes the post, and hides accounts on either side of a block', async () => {
    const deleted = bsky.control.post('jane', { text: brandMention(bsky, 'oops, wrong account') });
    const kept = bsky.control.post('jane', { text: brandMention(bsky, 'real question') });
    bsky.control.post('sam.example.com', { text: brandMention(bsky, 'spam spam') });
    expect(bsky.control.deleteRecord(deleted.uri)).toBe(true);
    bsky.control.block('sam.example.com', bsky.brand.handle);

    const { data } = await agent.listNotifications();
    expect(data.notifications.map((n) => n.uri)).toEqual([kept.uri]);
    expect((await agent.countUnreadNotifications()).data.count).toBe(1);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { SocialPost } from '../../src/channels/social-channel.js';
import type { Database } from '../../src/db/database.js';
import { ingestPosts, type WatchedAccount } from '../../src/ingest/ingest-posts.js';
import { createMigratedDatabase, databaseKinds } from '../support/test-databases.js';

function post(id: string, text: string, extra: Partial<SocialPost> = {}): SocialPost {
  return {
    id,
    conversationId: extra.conversationId ?? id,
    author: { id: '500', handle: 'jo', name: 'Jo' },
    text,
    createdAt: new Date(Number(id)),
    urls: [],
    media: [],
    raw: { id, text },
    ...extra,
  };
}

describe.each(databaseKinds)('ingestPosts (%s)', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;
  let account: WatchedAccount;
  beforeEach(async () => {
    ({ db, dispose } = await createMigratedDatabase(kind));
    const row = await db.prisma.socialAccount.create({ data: { platform: 'x', externalId: '1', handle: 'acme' } });
    account = { id: row.id, platform: 'x', externalId: '1' };
  });
  afterEach(async () => {
    await dispose();
  });

  it('stores each post once, however often it is delivered', async () => {
    const mention = post('1000', '@acme hi');
    await ingestPosts(db.prisma, account, [mention, mention]);
    await ingestPosts(db.prisma, account, [mention]);
    expect(await db.prisma.message.count()).toBe(1);
    expect(await db.prisma.conversation.count()).toBe(1);
  });

  it('reopens a resolved conversation when the customer writes again, but not for an author marked as spam', async () => {
    await ingestPosts(db.prisma, account, [post('1000', '@acme hi')]);
    await db.prisma.conversation.updateMany({ data: { status: 'resolved', resolvedAt: new Date() } });
    await ingestPosts(db.prisma, account, [post('1001', '@acme again', { conversationId: '1000', inReplyToPostId: '1000' })]);
    expect((await db.prisma.conversation.findFirstOrThrow()).status).toBe('open');

    await db.prisma.conversation.updateMany({ data: { status: 'resolved', resolvedAt: new Date() } });
    await db.prisma.author.updateMany({ data: { spamMarkedAt: new Date(), spamMarkedBy: 'U1' } });
    await ingestPosts(db.prisma, account, [post('1002', '@acme buy followers', { conversationId: '1000', inReplyToPostId: '1001' })]);
    const conversation = await db.prisma.conversation.findFirstOrThrow();
    expect(conversation.status).toBe('resolved');
    expect(await db.prisma.message.count()).toBe(3);
  });
});

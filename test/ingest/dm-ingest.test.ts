import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SocialDirectMessage } from '../../src/channels/social-channel.js';
import type { Database } from '../../src/db/database.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { ingestDirectMessages } from '../../src/ingest/dm-ingest.js';
import type { WatchedAccount } from '../../src/ingest/ingest-posts.js';
import { createLogger } from '../../src/log/create-logger.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-databases.js';

const logger = createLogger({ level: 'silent' });
const brandId = '1000';
const jo = { id: '2000', handle: 'jo', name: 'Jo' };
const dmConversationId = '1000-2000';
let nextId = 5000;

/** One DM a second apart, so that the stored order is the order of sending. */
function dm(text: string, fromAccount = false): SocialDirectMessage {
  nextId += 1;
  const at = new Date(Date.UTC(2026, 6, 21, 13, 0, nextId - 5000));
  return {
    id: String(nextId),
    dmConversationId,
    senderId: fromAccount ? brandId : jo.id,
    participantId: jo.id,
    ...(fromAccount ? {} : { participant: jo }),
    fromAccount,
    text,
    createdAt: at,
    raw: { id: String(nextId) },
  };
}

describe.each(databaseKinds)('ingesting direct messages (%s)', (kind) => {
  let test: TestDatabase;
  let db: Database;
  let account: WatchedAccount;
  // One database for the file (an embedded one is slow to create); emptied before each test.
  beforeAll(async () => {
    test = await createTestDatabase(kind);
    db = await test.open();
    await migrateDatabase(db);
  });
  afterAll(async () => {
    await db?.close();
    await test?.drop();
  });
  beforeEach(async () => {
    // The audit trail refuses deletes (append-only); this file empties it between cases on purpose.
    await db.executeSql('ALTER TABLE "AuditEntry" DISABLE TRIGGER "AuditEntry_append_only"', []);
    await db.prisma.auditEntry.deleteMany();
    await db.executeSql('ALTER TABLE "AuditEntry" ENABLE TRIGGER "AuditEntry_append_only"', []);
    await db.prisma.message.deleteMany();
    await db.prisma.conversation.deleteMany();
    await db.prisma.author.deleteMany();
    await db.prisma.socialAccount.deleteMany();
    const stored = await db.prisma.socialAccount.create({ data: { platform: 'x', externalId: brandId, handle: 'acme' } });
    account = { id: stored.id, platform: 'x', externalId: brandId };
  });

  const messages = () => db.prisma.message.findMany({ orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] });

  it("a first DM starts a private conversation; later ones join it once each; the account's own DMs join it", async () => {
    const first = dm('hi, my invoice is wrong');
    const [started] = [...(await ingestDirectMessages(db.prisma, account, [first], logger))];
    const conversation = await db.prisma.conversation.findUniqueOrThrow({ where: { id: started! } });
    expect(conversation).toMatchObject({ visibility: 'private', externalConversationId: dmConversationId, dmConversationId, status: 'new' });

    const reply = dm('looking into it', true);
    const follow = dm('it says 40 but I paid 30');
    expect([...(await ingestDirectMessages(db.prisma, account, [first, reply, follow], logger))]).toEqual([started]);
    expect(await ingestDirectMessages(db.prisma, account, [first, reply, follow], logger)).toEqual(new Set());
    expect((await messages()).map((m) => [m.direction, m.visibility, m.externalId, m.deliveryState])).toEqual([
      ['inbound', 'private', `dm:${first.id}`, 'received'],
      ['outbound', 'private', `dm:${reply.id}`, 'sent'],
      ['inbound', 'private', `dm:${follow.id}`, 'received'],
    ]);
    expect((await db.prisma.conversation.findUniqueOrThrow({ where: { id: started! } })).status).toBe('open');
  });

  it("links the account's DM to the message Earshot is sending instead of storing it twice", async () => {
    const [started] = [...(await ingestDirectMessages(db.prisma, account, [dm('hello')], logger))];
    const sending = await db.prisma.message.create({
      data: {
        conversationId: started!,
        direction: 'outbound',
        visibility: 'private',
        platform: 'x',
        text: 'We refunded   you',
        slackUserId: 'U1',
        deliveryState: 'sending',
      },
    });
    const echo = dm('We refunded you', true);
    expect(await ingestDirectMessages(db.prisma, account, [echo], logger)).toEqual(new Set());
    expect((await db.prisma.message.findUniqueOrThrow({ where: { id: sending.id } })).externalId).toBe(`dm:${echo.id}`);
    expect(await db.prisma.message.count()).toBe(2);
  });

  it('ignores DMs the account sends to people without a conversation, and reopens a resolved DM conversation', async () => {
    expect(await ingestDirectMessages(db.prisma, account, [dm('promo', true)], logger)).toEqual(new Set());
    expect(await db.prisma.conversation.count()).toBe(0);

    const [started] = [...(await ingestDirectMessages(db.prisma, account, [dm('hello')], logger))];
    await db.prisma.conversation.update({ where: { id: started! }, data: { status: 'resolved', resolvedAt: new Date() } });
    expect([...(await ingestDirectMessages(db.prisma, account, [dm('one more thing')], logger))]).toEqual([started]);
    expect(await db.prisma.conversation.findUniqueOrThrow({ where: { id: started! } })).toMatchObject({ status: 'open', resolvedAt: null });
    expect((await db.prisma.auditEntry.findMany()).map((entry) => entry.action)).toContain('conversation.reopened');
  });

  it("joins the customer's open public conversation and notes the DM conversation there", async () => {
    const author = await db.prisma.author.create({ data: { platform: 'x', externalId: jo.id, handle: 'jo' } });
    const conversation = await db.prisma.conversation.create({
      data: { platform: 'x', externalConversationId: '777', accountId: account.id, authorId: author.id, status: 'replied' },
    });
    expect([...(await ingestDirectMessages(db.prisma, account, [dm('here is my order number')], logger))]).toEqual([conversation.id]);
    expect(await db.prisma.conversation.findUniqueOrThrow({ where: { id: conversation.id } })).toMatchObject({
      visibility: 'public',
      dmConversationId,
      status: 'open',
    });
  });
});

import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { activeReplier, REPLYING_MARKER_MS, startReplying, stopReplying } from '../../src/conversations/collision-notice.js';
import { myQueue, recentlyResolved, teamsWithUnclaimedConversations, unassignedQueue } from '../../src/conversations/home-queue.js';
import type { Database } from '../../src/db/database.js';
import { loadAuthorHistory } from '../../src/slack/sync/conversation-view.js';
import { recordingQueue } from '../support/recording-queue.js';
import { createMigratedDatabase, databaseKinds } from '../support/test-databases.js';

const ME = 'U0ME';
const BOB = 'U0BOB';
const BILLING = 'S0BILLING';
const STORES = 'S0STORES';

describe.each(databaseKinds)('App Home queues, author history and reply markers (%s)', (kind) => {
  let db: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let prisma: Database['prisma'];
  let accountId: string;
  let sequence = 0;

  beforeAll(async () => {
    db = await createMigratedDatabase(kind);
    prisma = db.db.prisma;
    accountId = (await prisma.socialAccount.create({ data: { platform: 'x', externalId: 'brand', handle: 'acme' } })).id;
  });
  afterAll(async () => {
    await db?.dispose();
  });
  beforeEach(async () => {
    await prisma.conversation.deleteMany();
    await prisma.author.deleteMany();
  });

  async function author(handle: string, spam = false) {
    return prisma.author.create({ data: { platform: 'x', externalId: `author-${handle}`, handle, ...(spam ? { spamMarkedAt: new Date() } : {}) } });
  }

  async function conversation(spec: {
    authorId: string;
    startedAt: string;
    status?: 'new' | 'open' | 'assigned' | 'replied' | 'resolved';
    resolvedAt?: string;
    assignee?: string;
    team?: string;
    threadTs?: string;
  }) {
    const n = ++sequence;
    const created = await prisma.conversation.create({
      data: {
        platform: 'x',
        externalConversationId: `conv-${n}`,
        accountId,
        authorId: spec.authorId,
        createdAt: new Date(spec.startedAt),
        status: spec.status ?? 'new',
        resolvedAt: spec.resolvedAt ? new Date(spec.resolvedAt) : null,
        assigneeSlackUserId: spec.assignee ?? null,
        assigneeSlackTeamId: spec.team ?? null,
        slackChannelId: spec.threadTs ? 'C0SOCIAL' : null,
        slackThreadTs: spec.threadTs ?? null,
        messages: { create: [{ direction: 'inbound', platform: 'x', externalId: `post-${n}`, text: `question ${n}`, createdAt: new Date(spec.startedAt) }] },
      },
    });
    return created;
  }

  it('lists unassigned conversations oldest first, without spammers, whatever their reach', async () => {
    const famous = await prisma.author.create({ data: { platform: 'x', externalId: 'famous', handle: 'famous', followerCount: 1_000_000 } });
    const jo = await author('jo');
    const spammer = await author('spammer', true);
    const newer = await conversation({ authorId: famous.id, startedAt: '2026-07-21T12:00:00Z' });
    const older = await conversation({ authorId: jo.id, startedAt: '2026-07-21T09:00:00Z', status: 'replied' });
    await conversation({ authorId: spammer.id, startedAt: '2026-07-21T08:00:00Z' });
    await conversation({ authorId: jo.id, startedAt: '2026-07-21T07:00:00Z', assignee: BOB, status: 'assigned' });
    await conversation({ authorId: jo.id, startedAt: '2026-07-21T06:00:00Z', team: BILLING, status: 'assigned' });
    await conversation({ authorId: jo.id, startedAt: '2026-07-21T05:00:00Z', status: 'resolved', resolvedAt: '2026-07-21T05:30:00Z' });

    const page = await unassignedQueue(prisma, 15);
    expect(page.items.map((item) => item.id)).toEqual([older.id, newer.id]);
    expect(page.total).toBe(2);
    expect(page.items[1]).toMatchObject({ handle: 'famous', text: expect.stringMatching(/^question /), status: 'new' });

    const capped = await unassignedQueue(prisma, 1);
    expect(capped.items.map((item) => item.id)).toEqual([older.id]);
    expect(capped.total).toBe(2);
  });

  it("makes my queue from what is assigned to me and what my teams haven't claimed yet", async () => {
    const jo = await author('jo');
    const mine = await conversation({ authorId: jo.id, startedAt: '2026-07-21T10:00:00Z', assignee: ME, status: 'assigned' });
    const teams = await conversation({ authorId: jo.id, startedAt: '2026-07-21T09:00:00Z', team: BILLING, status: 'assigned' });
    await conversation({ authorId: jo.id, startedAt: '2026-07-21T08:00:00Z', team: BILLING, assignee: BOB, status: 'assigned' });
    await conversation({ authorId: jo.id, startedAt: '2026-07-21T07:00:00Z', team: STORES, status: 'assigned' });
    await conversation({ authorId: jo.id, startedAt: '2026-07-21T06:00:00Z', assignee: ME, status: 'resolved', resolvedAt: '2026-07-21T06:10:00Z' });

    expect((await teamsWithUnclaimedConversations(prisma)).sort()).toEqual([BILLING, STORES]);
    expect((await myQueue(prisma, ME, [BILLING], 15)).items.map((item) => item.id)).toEqual([teams.id, mine.id]);
    expect((await myQueue(prisma, ME, [], 15)).items.map((item) => item.id)).toEqual([mine.id]);
  });

  it('lists recently resolved conversations, most recent first', async () => {
    const jo = await author('jo');
    const first = await conversation({
      authorId: jo.id,
      startedAt: '2026-07-21T06:00:00Z',
      status: 'resolved',
      resolvedAt: '2026-07-21T08:00:00Z',
      threadTs: '1.1',
    });
    const second = await conversation({
      authorId: jo.id,
      startedAt: '2026-07-21T07:00:00Z',
      status: 'resolved',
      resolvedAt: '2026-07-21T07:30:00Z',
      threadTs: '1.2',
    });
    await conversation({ authorId: jo.id, startedAt: '2026-07-21T07:00:00Z', threadTs: '1.3' });
    await conversation({ authorId: jo.id, startedAt: '2026-07-21T07:10:00Z', status: 'resolved', resolvedAt: '2026-07-21T09:00:00Z' }); // a spammer's: never posted
    expect((await recentlyResolved(prisma, 10)).items.map((item) => item.id)).toEqual([first.id, second.id]);
    expect((await recentlyResolved(prisma, 1)).items.map((item) => item.id)).toEqual([first.id]);
  });

  it("counts and links the customer's earlier conversations", async () => {
    const jo = await author('jo');
    const other = await author('kim');
    const refs = [];
    for (let n = 0; n < 7; n++) {
      const created = await conversation({ authorId: jo.id, startedAt: `2026-07-2${n}T06:00:00Z`, ...(n === 1 ? {} : { threadTs: `17846427${n}0.000100` }) });
      refs.push(created.ref);
    }
    await conversation({ authorId: other.id, startedAt: '2026-07-20T06:00:00Z' });
    const latest = await prisma.conversation.findUniqueOrThrow({ where: { ref: refs[6]! } });
    const history = await loadAuthorHistory(prisma, latest);
    expect(history.total).toBe(6);
    expect(history.recent.map((earlier) => earlier.ref)).toEqual([refs[5], refs[4], refs[3], refs[2], refs[1]]);
    expect(history.recent[0]?.threadUrl).toBe('https://slack.com/archives/C0SOCIAL/p1784642750000100');
    expect(history.recent[4]?.threadUrl).toBeUndefined();

    const first = await prisma.conversation.findUniqueOrThrow({ where: { ref: refs[0]! } });
    expect(await loadAuthorHistory(prisma, first)).toEqual({ total: 0, recent: [] });
  });

  it('marks who is replying until they stop, and only clears their own marker', async () => {
    const jo = await author('jo');
    const { id } = await conversation({ authorId: jo.id, startedAt: '2026-07-21T06:00:00Z' });
    const { queue, sent } = recordingQueue();
    const now = new Date('2026-07-21T10:00:00Z');

    expect(await startReplying({ prisma, queue }, { conversationId: id, slackUserId: ME, now })).toBe(true);
    let stored = await prisma.conversation.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({ replyingSlackUserId: ME, replyingUntil: new Date(now.getTime() + REPLYING_MARKER_MS) });
    expect(sent.map(({ key, startAfter }) => ({ key, startAfter }))).toEqual([
      { key: id, startAfter: undefined },
      { key: `${id}:replying-until:${now.getTime() + REPLYING_MARKER_MS}`, startAfter: new Date(now.getTime() + REPLYING_MARKER_MS + 1_000) },
    ]);

    await startReplying({ prisma, queue }, { conversationId: id, slackUserId: BOB, now });
    expect(await stopReplying({ prisma, queue }, { conversationId: id, slackUserId: ME })).toBe(false);
    expect((await prisma.conversation.findUniqueOrThrow({ where: { id } })).replyingSlackUserId).toBe(BOB);
    expect(await stopReplying({ prisma, queue }, { conversationId: id, slackUserId: BOB })).toBe(true);
    stored = await prisma.conversation.findUniqueOrThrow({ where: { id } });
    expect(stored).toMatchObject({ replyingSlackUserId: null, replyingUntil: null });

    expect(await startReplying({ prisma, queue }, { conversationId: '00000000-0000-4000-8000-000000000000', slackUserId: ME })).toBe(false);
  });
});

describe('activeReplier', () => {
  const now = new Date('2026-07-21T10:00:00Z');
  it('ignores a marker that ran out', () => {
    expect(activeReplier({ replyingSlackUserId: ME, replyingUntil: new Date(now.getTime() + 1) }, now)).toBe(ME);
    expect(activeReplier({ replyingSlackUserId: ME, replyingUntil: now }, now)).toBeUndefined();
    expect(activeReplier({ replyingSlackUserId: ME, replyingUntil: null }, now)).toBeUndefined();
    expect(activeReplier({ replyingSlackUserId: null, replyingUntil: new Date(now.getTime() + 1) }, now)).toBeUndefined();
  });
});

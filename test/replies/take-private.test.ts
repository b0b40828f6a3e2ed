import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import { takePrivate } from '../../src/replies/take-private.js';
import { recordingQueue } from '../support/recording-queue.js';
import { seedOpenConversation } from '../support/seed-conversation.js';
import { createMigratedDatabase, databaseKinds } from '../support/test-databases.js';

describe.each(databaseKinds)('taking a conversation private (%s)', (kind) => {
  let db: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let prisma: Database['prisma'];
  let conversationId: string;
  let caseNumber = 0;

  beforeAll(async () => {
    db = await createMigratedDatabase(kind);
    prisma = db.db.prisma;
  });
  afterAll(async () => {
    await db?.dispose();
  });
  beforeEach(async () => {
    caseNumber += 1;
    conversationId = await seedOpenConversation(prisma, caseNumber, 'I was charged twice');
  });

  const request = (requestKey: string) => ({
    conversationId,
    slackUserId: 'U0ALICE',
    publicText: '@jo we sent you a DM',
    directMessageText: 'Hi Jo, can you tell us your order number?',
    requestKey,
    invitationHeldForApproval: undefined,
    directMessageHeldForApproval: undefined,
  });
  const outbound = () => prisma.message.findMany({ where: { conversationId, direction: 'outbound' }, select: { visibility: true, text: true } });

  it('the same form submitted again after a failure half-way queues what is missing, once; another request is refused', async () => {
    const jobs = recordingQueue();
    jobs.failNext();
    await expect(takePrivate(prisma, jobs.queue, request('view-1'))).rejects.toThrow('unreachable');
    expect((await prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).visibility).toBe('private');

    const again = await takePrivate(prisma, jobs.queue, request('view-1'));
    expect(again.ok).toBe(true);
    expect(await outbound()).toHaveLength(2);
    expect(await takePrivate(prisma, jobs.queue, request('view-1'))).toEqual(again);
    expect(await outbound()).toHaveLength(2);

    expect(await takePrivate(prisma, jobs.queue, request('view-2'))).toEqual({ ok: false, reason: 'already_private' });
    expect(await outbound()).toHaveLength(2);
  });
});

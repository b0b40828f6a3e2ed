import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { SocialChannel } from '../../src/channels/social-channel.js';
import type { Database } from '../../src/db/database.js';
import { sendReplyJob } from '../../src/jobs/jobs.js';
import { createLogger } from '../../src/log/create-logger.js';
import { queuePublicReply } from '../../src/replies/queue-public-reply.js';
import { approveDraft, rejectDraft } from '../../src/replies/review-draft.js';
import { sendPublicReply } from '../../src/replies/send-public-reply.js';
import { recordingQueue } from '../support/recording-queue.js';
import { seedOpenConversation } from '../support/seed-conversation.js';
import { createMigratedDatabase, databaseKinds } from '../support/test-databases.js';

/** X as far as sending replies goes: it counts the posts it was asked to make. */
function countingChannel() {
  const posted: string[] = [];
  const channel = {
    async sendPublicReply(reply: { text: string }) {
      posted.push(reply.text);
      return { id: `post-${posted.length}` };
    },
    async findOwnReply() {
      return undefined;
    },
  } as unknown as SocialChannel;
  return { channel, posted };
}

describe.each(databaseKinds)('held drafts (%s)', (kind) => {
  let db: Awaited<ReturnType<typeof createMigratedDatabase>>;
  let prisma: Database['prisma'];
  let conversationId: string;
  const logger = createLogger({ level: 'silent' });

  beforeAll(async () => {
    db = await createMigratedDatabase(kind);
    prisma = db.db.prisma;
  });
  afterAll(async () => {
    await db?.dispose();
  });
  let caseNumber = 0;
  beforeEach(async () => {
    caseNumber += 1;
    conversationId = await seedOpenConversation(prisma, caseNumber, 'where is it?');
  });

  function holdDraft(key = 'draft') {
    return queuePublicReply(prisma, recordingQueue().queue, {
      conversationId,
      slackUserId: 'U0BOB',
      text: '@jo soon',
      idempotencyKey: `${key}-${caseNumber}`,
      surface: 'reply_modal',
      heldForApproval: 'learning responder',
    });
  }

  it('a held draft is stored awaiting approval, audited, and the conversation waits for approval; no send job is queued', async () => {
    const { queue, sent } = recordingQueue();
    const messageId = await queuePublicReply(prisma, queue, {
      conversationId,
      slackUserId: 'U0BOB',
      text: '@jo soon',
      idempotencyKey: `k-${caseNumber}`,
      surface: 'reply_modal',
      heldForApproval: 'learning responder',
    });
    expect(await prisma.message.findUniqueOrThrow({ where: { id: messageId } })).toMatchObject({
      deliveryState: 'awaiting_approval',
      approvalReason: 'learning responder',
    });
    expect((await prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).status).toBe('awaiting_approval');
    expect(await prisma.auditEntry.findFirst({ where: { conversationId, action: 'draft.held' } })).toMatchObject({
      actorSlackUserId: 'U0BOB',
      details: { messageId, reason: 'learning responder' },
    });
    expect(sent.map((job) => job.job)).toEqual(['slack-sync-thread']);
  });

  it('the send job never posts a draft awaiting approval or a rejected one', async () => {
    const { channel, posted } = countingChannel();
    const deps = { prisma, channels: new Map([['x' as const, channel]]), queue: recordingQueue().queue };
    const waiting = await holdDraft('waiting');
    const rejected = await holdDraft('rejected');
    await rejectDraft(prisma, recordingQueue().queue, { messageId: rejected, reviewerSlackUserId: 'U0ANN', reason: 'tone' });
    await sendPublicReply(deps, waiting, { logger, attempt: 0 });
    await sendPublicReply(deps, rejected, { logger, attempt: 0 });
    expect(posted).toEqual([]);
    expect((await prisma.message.findUniqueOrThrow({ where: { id: waiting } })).deliveryState).toBe('awaiting_approval');

    await approveDraft(prisma, recordingQueue().queue, { messageId: waiting, reviewerSlackUserId: 'U0ANN', surface: 'draft_buttons' });
    await sendPublicReply(deps, waiting, { logger, attempt: 0 });
    expect(posted).toEqual(['@jo soon']);
  });

  it('an approved draft that X refuses no longer holds the conversation as awaiting approval', async () => {
    const messageId = await holdDraft();
    await approveDraft(prisma, recordingQueue().queue, { messageId, reviewerSlackUserId: 'U0ANN', surface: 'draft_buttons' });
    const refusing = {
      async sendPublicReply() {
        throw new Error('You are not allowed to create a Tweet with duplicate content.');
      },
      async findOwnReply() {
        return undefined;
      },
    } as unknown as SocialChannel;
    const deps = { prisma, channels: new Map([['x' as const, refusing]]), queue: recordingQueue().queue };
    await sendPublicReply(deps, messageId, { logger, attempt: sendReplyJob.retryLimit }).catch(() => undefined);
    expect((await prisma.message.findUniqueOrThrow({ where: { id: messageId } })).deliveryState).toBe('failed');
    expect((await prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).status).toBe('open');
  });

  it('two approvals at once: exactly one wins, the other learns who approved it', async () => {
    const messageId = await holdDraft();
    const { queue, sent } = recordingQueue();
    const outcomes = await Promise.all(
      ['U0ANN', 'U0DAN', 'U0LEE'].map((reviewer) => approveDraft(prisma, queue, { messageId, reviewerSlackUserId: reviewer, surface: 'draft_buttons' })),
    );
    expect(outcomes.filter((outcome) => outcome.ok)).toHaveLength(1);
    const message = await prisma.message.findUniqueOrThrow({ where: { id: messageId } });
    expect(outcomes.filter((outcome) => !outcome.ok)).toEqual([
      { ok: false, reason: 'already_reviewed', deliveryState: 'pending', reviewedBySlackUserId: message.reviewedBySlackUserId },
      { ok: false, reason: 'already_reviewed', deliveryState: 'pending', reviewedBySlackUserId: message.reviewedBySlackUserId },
    ]);
    expect(sent.filter((job) => job.job === 'x-send-reply')).toHaveLength(1);
    expect(await prisma.auditEntry.count({ where: { conversationId, action: 'draft.approved' } })).toBe(1);
  });

  it('an edit replaces the text and is audited before the approval; a rejection afterwards is refused', async () => {
    const messageId = await holdDraft();
    const { queue } = recordingQueue();
    expect(await approveDraft(prisma, queue, { messageId, reviewerSlackUserId: 'U0ANN', editedText: '@jo tomorrow', surface: 'draft_edit_modal' })).toEqual({
      ok: true,
      conversationId,
    });
    expect(await prisma.message.findUniqueOrThrow({ where: { id: messageId } })).toMatchObject({
      text: '@jo tomorrow',
      deliveryState: 'pending',
      reviewedBySlackUserId: 'U0ANN',
    });
    expect(
      (await prisma.auditEntry.findMany({ where: { conversationId, action: { startsWith: 'draft.' } }, orderBy: { id: 'asc' } })).map((entry) => entry.action),
    ).toEqual(['draft.held', 'draft.edited', 'draft.approved']);
    expect(await rejectDraft(prisma, queue, { messageId, reviewerSlackUserId: 'U0DAN', reason: 'no' })).toMatchObject({
      ok: false,
      reason: 'already_reviewed',
      reviewedBySlackUserId: 'U0ANN',
    });
  });

  it("a rejection stores the reason, frees the conversation and queues the author's DM", async () => {
    const messageId = await holdDraft();
    const { queue, sent } = recordingQueue();
    expect(await rejectDraft(prisma, queue, { messageId, reviewerSlackUserId: 'U0ANN', reason: 'Too casual' })).toEqual({ ok: true, conversationId });
    expect(await prisma.message.findUniqueOrThrow({ where: { id: messageId } })).toMatchObject({ deliveryState: 'rejected', rejectionReason: 'Too casual' });
    expect((await prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } })).status).toBe('open');
    expect(sent.map((job) => job.job).sort()).toEqual(['slack-notify-draft-rejected', 'slack-sync-thread']);
    const audit = await prisma.auditEntry.findFirstOrThrow({ where: { conversationId, action: 'draft.rejected' } });
    expect(JSON.stringify(audit.details)).not.toContain('Too casual');
  });
});

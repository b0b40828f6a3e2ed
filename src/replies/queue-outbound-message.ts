import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/prisma-errors.js';
import { nextStatus } from '../domain/conversation-status.js';
import type { Platform } from '../generated/prisma/enums.js';
import type { JobDefinition, JobQueue } from '../jobs/job-queue.js';
import { syncThreadJob } from '../jobs/jobs.js';

type SendJob = JobDefinition<{ messageId: string }>;

export interface OutboundDraft {
  conversationId: string;
  platform: Platform;
  visibility: 'public' | 'private';
  /** The customer's post a public reply answers. */
  inReplyToExternalId?: string | undefined;
  /** Who wrote it; null for Earshot's own automatic reply. */
  slackUserId: string | null;
  /** Final text, already validated and signed. */
  text: string;
  /** The same request twice (a double submit, a Slack retry) queues one message. */
  idempotencyKey: string;
  surface: string;
  /** `reply` or `dm`: the audit log says `<kind>.queued`, `<kind>.retried`. */
  kind: 'reply' | 'dm';
  /** Sent by Earshot itself (the out-of-hours acknowledgement), audited as `reply.automated`: never a team reply. */
  automated?: { createdAt: Date };
  /** Why an approver must see it first: stored as a draft awaiting approval instead of being sent. */
  heldForApproval?: string | undefined;
}

type TransactionClient = Parameters<Parameters<Database['prisma']['$transaction']>[0]>[0];

/**
 * Records an outbound message as pending, audited, and queues the job that sends it; returns its id.
 * A held message is stored awaiting approval and shown in the thread instead (nothing is sent).
 */
export async function queueOutboundMessage(prisma: Database['prisma'], queue: JobQueue, job: SendJob, draft: OutboundDraft): Promise<string> {
  const held = draft.heldForApproval !== undefined;
  let messageId: string;
  try {
    messageId = await prisma.$transaction((tx) => recordOutboundMessage(tx, draft));
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await prisma.message.findUniqueOrThrow({ where: { idempotencyKey: draft.idempotencyKey } });
    return existing.id;
  }
  if (!held) await queue.send(job, { messageId }, { key: messageId });
  // The thread shows the draft, or that the message is on its way ("Sending…"), at once.
  await queue.send(syncThreadJob, { conversationId: draft.conversationId }, { key: draft.conversationId });
  return messageId;
}

/** Within the caller's transaction: the pending (or held) message and its audit entry (the caller queues the send job once committed). */
export async function recordOutboundMessage(tx: TransactionClient, draft: OutboundDraft): Promise<string> {
  const held = draft.heldForApproval !== undefined;
  const message = await tx.message.create({
    data: {
      conversationId: draft.conversationId,
      direction: 'outbound',
      visibility: draft.visibility,
      platform: draft.platform,
      inReplyToExternalId: draft.inReplyToExternalId ?? null,
      text: draft.text,
      slackUserId: draft.slackUserId,
      idempotencyKey: draft.idempotencyKey,
      deliveryState: draft.heldForApproval !== undefined ? 'awaiting_approval' : 'pending',
      approvalReason: draft.heldForApproval ?? null,
      ...(draft.automated ? { automated: true, createdAt: draft.automated.createdAt } : {}),
    },
  });
  await tx.auditEntry.create({
    data: {
      conversationId: draft.conversationId,
      actorSlackUserId: draft.slackUserId,
      action: held ? 'draft.held' : draft.automated ? `${draft.kind}.automated` : `${draft.kind}.queued`,
      surface: draft.surface,
      details: {
        messageId: message.id,
        ...(draft.inReplyToExternalId ? { inReplyTo: draft.inReplyToExternalId } : {}),
        ...(held ? { reason: draft.heldForApproval } : {}),
      },
    },
  });
  if (held) {
    const conversation = await tx.conversation.findUniqueOrThrow({ where: { id: draft.conversationId }, select: { status: true } });
    await tx.conversation.update({ where: { id: draft.conversationId }, data: { status: nextStatus(conversation.status, 'replyQueuedForApproval') } });
  }
  return message.id;
}

/**
 * The Retry button on a failed message, or on one still not sent long after it was queued (stuck):
 * queue the same message again. Returns false when it is neither.
 */
export async function retryOutboundMessage(
  prisma: Database['prisma'],
  queue: JobQueue,
  job: SendJob,
  retry: { messageId: string; slackUserId: string; visibility: 'public' | 'private'; kind: 'reply' | 'dm' },
): Promise<boolean> {
  const which = { id: retry.messageId, direction: 'outbound', visibility: retry.visibility } as const;
  const { count: failed } = await prisma.message.updateMany({
    where: { ...which, deliveryState: 'failed' },
    data: { deliveryState: 'pending', lastError: null, failureKind: null },
  });
  // A stuck message keeps its state: one left `sending` must be looked up on the network before it is posted again.
  const count = failed || (await prisma.message.count({ where: { ...which, deliveryState: { in: ['pending', 'sending'] } } }));
  if (count === 0) return false;
  const message = await prisma.message.findUniqueOrThrow({ where: { id: retry.messageId } });
  await prisma.auditEntry.create({
    data: {
      conversationId: message.conversationId,
      actorSlackUserId: retry.slackUserId,
      action: `${retry.kind}.retried`,
      surface: 'retry_button',
      details: { messageId: retry.messageId },
    },
  });
  await queue.send(job, { messageId: retry.messageId }, { key: retry.messageId });
  await queue.send(syncThreadJob, { conversationId: message.conversationId }, { key: message.conversationId });
  return true;
}

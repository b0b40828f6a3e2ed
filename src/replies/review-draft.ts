import type { Database } from '../db/database.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { notifyDraftRejectedJob, sendReplyJob, syncThreadJob } from '../jobs/jobs.js';
import { settleDraftStatus } from './settle-draft-status.js';

export type ReviewOutcome =
  | { ok: true; conversationId: string }
  | { ok: false; reason: 'not_found' }
  /** Someone else got there first (or the draft was already settled). */
  | { ok: false; reason: 'already_reviewed'; deliveryState: string; reviewedBySlackUserId: string | null };

export interface ApproveRequest {
  messageId: string;
  reviewerSlackUserId: string;
  /** The approver's edit, already validated (length, private data). */
  editedText?: string | undefined;
  surface: 'draft_buttons' | 'draft_edit_modal';
  now?: Date;
}

/**
 * Approves a held draft and queues it for X. The state change is conditional
 * (awaiting_approval → pending), so two approvers clicking at once publish it exactly once.
 */
export async function approveDraft(prisma: Database['prisma'], queue: JobQueue, request: ApproveRequest): Promise<ReviewOutcome> {
  const reviewedAt = request.now ?? new Date();
  const approved = await prisma.$transaction(async (tx) => {
    const { count } = await tx.message.updateMany({
      where: { id: request.messageId, direction: 'outbound', visibility: 'public', deliveryState: 'awaiting_approval' },
      data: { deliveryState: 'pending', reviewedBySlackUserId: request.reviewerSlackUserId, reviewedAt, ...(request.editedText !== undefined ? { text: request.editedText } : {}) },
    });
    if (count === 0) return undefined;
    const message = await tx.message.findUniqueOrThrow({ where: { id: request.messageId } });
    const audit = (action: string) => ({ conversationId: message.conversationId, actorSlackUserId: request.reviewerSlackUserId, action, surface: request.surface, details: { messageId: message.id, authorSlackUserId: message.slackUserId } });
    if (request.editedText !== undefined) await tx.auditEntry.create({ data: audit('draft.edited') });
    await tx.auditEntry.create({ data: audit('draft.approved') });
    return message;
  });
  if (!approved) return alreadyReviewed(prisma, request.messageId);
  await queue.send(sendReplyJob, { messageId: approved.id }, { key: approved.id });
  await queue.send(syncThreadJob, { conversationId: approved.conversationId }, { key: approved.conversationId });
  return { ok: true, conversationId: approved.conversationId };
}

export interface RejectRequest {
  messageId: string;
  reviewerSlackUserId: string;
  /** Shown to the author; kept on the message, not in the audit log. */
  reason: string;
  now?: Date;
}

/** Rejects a held draft: it never goes out, the thread says so and the author is told why by DM. */
export async function rejectDraft(prisma: Database['prisma'], queue: JobQueue, request: RejectRequest): Promise<ReviewOutcome> {
  const reviewedAt = request.now ?? new Date();
  const rejected = await prisma.$transaction(async (tx) => {
    const { count } = await tx.message.updateMany({
      where: { id: request.messageId, direction: 'outbound', deliveryState: 'awaiting_approval' },
      data: { deliveryState: 'rejected', rejectionReason: request.reason, reviewedBySlackUserId: request.reviewerSlackUserId, reviewedAt },
    });
    if (count === 0) return undefined;
    const message = await tx.message.findUniqueOrThrow({ where: { id: request.messageId } });
    await settleDraftStatus(tx, message.conversationId);
    await tx.auditEntry.create({
      data: { conversationId: message.conversationId, actorSlackUserId: request.reviewerSlackUserId, action: 'draft.rejected', surface: 'draft_reject_modal', details: { messageId: message.id, authorSlackUserId: message.slackUserId } },
    });
    return message;
  });
  if (!rejected) return alreadyReviewed(prisma, request.messageId);
  await queue.send(syncThreadJob, { conversationId: rejected.conversationId }, { key: rejected.conversationId });
  await queue.send(notifyDraftRejectedJob, { messageId: rejected.id }, { key: rejected.id });
  return { ok: true, conversationId: rejected.conversationId };
}

async function alreadyReviewed(prisma: Database['prisma'], messageId: string): Promise<ReviewOutcome> {
  const message = await prisma.message.findUnique({ where: { id: messageId } });
  if (!message) return { ok: false, reason: 'not_found' };
  return { ok: false, reason: 'already_reviewed', deliveryState: message.deliveryState, reviewedBySlackUserId: message.reviewedBySlackUserId };
}

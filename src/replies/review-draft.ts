import type { Database } from '../db/database.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { notifyDraftRejectedJob, sendDmJob, sendReplyJob, syncThreadJob } from '../jobs/jobs.js';
import { settleDraftStatus } from './settle-draft-status.js';

export type ReviewOutcome =
  | { ok: true; conversationId: string }
  | { ok: false; reason: 'not_found' }
  /** Someone else got there first (or the draft was already settled). */
  | { ok: false; reason: 'already_reviewed'; deliveryState: string; reviewedBySlackUserId: string | null };

export interface ApproveRequest {
  messageId: string;
  reviewerSlackUserId: string;
  /** The approver's edit, already validated (length, private data); the reply is then credited to the approver. */
  editedText?: string | undefined;
  surface: 'draft_buttons' | 'draft_edit_modal';
  now?: Date;
}

/**
 * Approves a held draft (a public reply or a direct message) and queues it for its network. The state change is conditional
 * (awaiting_approval → pending), so two approvers clicking at once publish it exactly once.
 */
export async function approveDraft(prisma: Database['prisma'], queue: JobQueue, request: ApproveRequest): Promise<ReviewOutcome> {
  const reviewedAt = request.now ?? new Date();
  const approved = await prisma.$transaction(async (tx) => {
    const draft = await tx.message.findUnique({ where: { id: request.messageId } });
    if (!draft) return undefined;
    const edit = request.editedText !== undefined ? creditToEditor(draft, request.editedText, request.reviewerSlackUserId) : {};
    const { count } = await tx.message.updateMany({
      where: { id: request.messageId, direction: 'outbound', deliveryState: 'awaiting_approval', text: draft.text },
      data: { deliveryState: 'pending', reviewedBySlackUserId: request.reviewerSlackUserId, reviewedAt, ...edit },
    });
    if (count === 0) return undefined;
    const audit = (action: string) => ({
      conversationId: draft.conversationId,
      actorSlackUserId: request.reviewerSlackUserId,
      action,
      surface: request.surface,
      details: { messageId: draft.id, authorSlackUserId: draft.slackUserId },
    });
    if (request.editedText !== undefined) await tx.auditEntry.create({ data: audit('draft.edited') });
    await tx.auditEntry.create({ data: audit('draft.approved') });
    return draft;
  });
  if (!approved) return alreadyReviewed(prisma, request.messageId);
  await queue.send(approved.visibility === 'private' ? sendDmJob : sendReplyJob, { messageId: approved.id }, { key: approved.id });
  await queue.send(syncThreadJob, { conversationId: approved.conversationId }, { key: approved.conversationId });
  return { ok: true, conversationId: approved.conversationId };
}

export interface RewriteRequest {
  messageId: string;
  editorSlackUserId: string;
  /** The approver's edit, already validated (length, private data). */
  editedText: string;
  /** Why the editor's own words need another approver (the approval policy applied to the editor). */
  reason: string;
}

/**
 * An approver's edit that the approval policy holds in its turn (a sensitive topic, say): the
 * draft becomes the editor's and waits for another approver, so no one publishes their own
 * words past the policy by editing someone else's draft.
 */
export async function rewriteDraft(prisma: Database['prisma'], queue: JobQueue, request: RewriteRequest): Promise<ReviewOutcome> {
  const rewritten = await prisma.$transaction(async (tx) => {
    const draft = await tx.message.findUnique({ where: { id: request.messageId } });
    if (!draft) return undefined;
    const { count } = await tx.message.updateMany({
      where: { id: request.messageId, direction: 'outbound', visibility: 'public', deliveryState: 'awaiting_approval', text: draft.text },
      data: { ...creditToEditor(draft, request.editedText, request.editorSlackUserId), approvalReason: request.reason },
    });
    if (count === 0) return undefined;
    await tx.auditEntry.create({
      data: {
        conversationId: draft.conversationId,
        actorSlackUserId: request.editorSlackUserId,
        action: 'draft.edited',
        surface: 'draft_edit_modal',
        details: { messageId: draft.id, authorSlackUserId: draft.slackUserId },
      },
    });
    return draft;
  });
  if (!rewritten) return alreadyReviewed(prisma, request.messageId);
  await queue.send(syncThreadJob, { conversationId: rewritten.conversationId }, { key: rewritten.conversationId });
  return { ok: true, conversationId: rewritten.conversationId };
}

/** The edited words are the editor's: the reply is credited to them, and the first drafter is remembered. */
function creditToEditor(draft: { slackUserId: string | null; draftedBySlackUserId: string | null }, editedText: string, editorSlackUserId: string) {
  return { text: editedText, slackUserId: editorSlackUserId, draftedBySlackUserId: draft.draftedBySlackUserId ?? draft.slackUserId };
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
      data: {
        conversationId: message.conversationId,
        actorSlackUserId: request.reviewerSlackUserId,
        action: 'draft.rejected',
        surface: 'draft_reject_modal',
        details: { messageId: message.id, authorSlackUserId: message.slackUserId },
      },
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

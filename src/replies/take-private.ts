import type { Database } from '../db/database.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { syncThreadJob } from '../jobs/jobs.js';
import { queuePrivateReply } from './queue-private-reply.js';
import { queuePublicReply } from './queue-public-reply.js';

export interface TakePrivateRequest {
  conversationId: string;
  slackUserId: string;
  /** The public reply inviting the customer to a DM: validated (length, private data) and signed. */
  publicText: string;
  /** The first direct message: validated (length) and signed. */
  directMessageText: string;
  /** Identifies the submission (the modal's view id): the same submission twice sends once. */
  requestKey: string;
  /** The approval policy holds the public invitation as a draft. */
  invitationHeldForApproval?: string | undefined;
  /** The approval policy holds the first direct message as a draft too (learning member, sensitive topic). */
  directMessageHeldForApproval?: string | undefined;
}

export type TakePrivateOutcome = { ok: true; publicMessageId: string; directMessageId: string } | { ok: false; reason: 'not_found' | 'already_private' };

/**
 * Moves a conversation to direct messages: it becomes private (replies from Slack then go out as
 * DMs), a short public reply invites the customer, and the first DM is sent. Both messages go
 * through the exactly-once outbox.
 */
export async function takePrivate(prisma: Database['prisma'], queue: JobQueue, request: TakePrivateRequest): Promise<TakePrivateOutcome> {
  const publicKey = `take-private:${request.requestKey}:public`;
  const directKey = `take-private:${request.requestKey}:dm`;
  const changed = await prisma.$transaction(async (tx) => {
    const { count } = await tx.conversation.updateMany({ where: { id: request.conversationId, visibility: 'public' }, data: { visibility: 'private' } });
    if (count === 0) return false;
    await tx.auditEntry.create({
      data: {
        conversationId: request.conversationId,
        actorSlackUserId: request.slackUserId,
        action: 'conversation.taken_private',
        surface: 'take_private_modal',
        details: { requestKey: request.requestKey },
      },
    });
    return true;
  });
  if (!changed) {
    const conversation = await prisma.conversation.findUnique({ where: { id: request.conversationId }, select: { id: true } });
    if (!conversation) return { ok: false, reason: 'not_found' };
    // The same form submitted again (its first submission failed in front of the person, perhaps after
    // this change was committed) carries on and queues what is missing; anyone else's is refused.
    const sameRequest = await prisma.auditEntry.findFirst({
      where: { conversationId: request.conversationId, action: 'conversation.taken_private', details: { path: ['requestKey'], equals: request.requestKey } },
      select: { id: true },
    });
    if (!sameRequest) return { ok: false, reason: 'already_private' };
  }
  const publicMessageId = await queuePublicReply(prisma, queue, {
    conversationId: request.conversationId,
    slackUserId: request.slackUserId,
    text: request.publicText,
    idempotencyKey: publicKey,
    surface: 'take_private_modal',
    heldForApproval: request.invitationHeldForApproval,
  });
  const directMessageId = await queuePrivateReply(prisma, queue, {
    conversationId: request.conversationId,
    slackUserId: request.slackUserId,
    text: request.directMessageText,
    idempotencyKey: directKey,
    surface: 'take_private_modal',
    heldForApproval: request.directMessageHeldForApproval,
  });
  // The parent shows "🔒 Private" and loses its "Take private" button.
  await queue.send(syncThreadJob, { conversationId: request.conversationId }, { key: request.conversationId });
  return { ok: true, publicMessageId, directMessageId };
}

import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/prisma-errors.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { sendDmJob } from '../jobs/jobs.js';

export interface PrivateReplyRequest {
  conversationId: string;
  slackUserId: string;
  /** Final text, already validated (length) and signed. */
  text: string;
  /** The same request twice (a double submit, a Slack retry) queues one direct message. */
  idempotencyKey: string;
  surface: 'reply_modal' | 'take_private_modal';
}

/**
 * Records a direct message to the conversation's customer as pending and queues it for X; returns
 * the message id. It is stored `private`: it never goes out as a public reply.
 */
export async function queuePrivateReply(prisma: Database['prisma'], queue: JobQueue, request: PrivateReplyRequest): Promise<string> {
  const conversation = await prisma.conversation.findUniqueOrThrow({ where: { id: request.conversationId } });
  let messageId: string;
  try {
    messageId = await prisma.$transaction(async (tx) => {
      const message = await tx.message.create({
        data: {
          conversationId: conversation.id,
          direction: 'outbound',
          visibility: 'private',
          platform: conversation.platform,
          text: request.text,
          slackUserId: request.slackUserId,
          idempotencyKey: request.idempotencyKey,
          deliveryState: 'pending',
        },
      });
      await tx.auditEntry.create({
        data: { conversationId: conversation.id, actorSlackUserId: request.slackUserId, action: 'dm.queued', surface: request.surface, details: { messageId: message.id } },
      });
      return message.id;
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await prisma.message.findUniqueOrThrow({ where: { idempotencyKey: request.idempotencyKey } });
    return existing.id;
  }
  await queue.send(sendDmJob, { messageId }, { key: messageId });
  return messageId;
}

/** The Retry button on a failed direct message: queue the same message again. */
export async function retryPrivateReply(prisma: Database['prisma'], queue: JobQueue, messageId: string, slackUserId: string): Promise<boolean> {
  const { count } = await prisma.message.updateMany({
    where: { id: messageId, direction: 'outbound', visibility: 'private', deliveryState: 'failed' },
    data: { deliveryState: 'pending', lastError: null },
  });
  if (count === 0) return false;
  const message = await prisma.message.findUniqueOrThrow({ where: { id: messageId } });
  await prisma.auditEntry.create({ data: { conversationId: message.conversationId, actorSlackUserId: slackUserId, action: 'dm.retried', surface: 'retry_button', details: { messageId } } });
  await queue.send(sendDmJob, { messageId }, { key: messageId });
  return true;
}

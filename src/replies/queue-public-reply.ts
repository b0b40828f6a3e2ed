import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/prisma-errors.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { sendReplyJob } from '../jobs/jobs.js';

export interface PublicReplyRequest {
  conversationId: string;
  slackUserId: string;
  /** Final text, already validated (length, private data) and signed. */
  text: string;
  /** The same request twice (a double submit, a Slack retry) queues one reply. */
  idempotencyKey: string;
  surface: 'reply_modal' | 'message_shortcut' | 'retry_button' | 'take_private_modal';
}

/** Records the reply as pending and queues it for X; returns the message id. */
export async function queuePublicReply(prisma: Database['prisma'], queue: JobQueue, request: PublicReplyRequest): Promise<string> {
  const conversation = await prisma.conversation.findUniqueOrThrow({ where: { id: request.conversationId }, include: { messages: { where: { direction: 'inbound', visibility: 'public' }, orderBy: { createdAt: 'desc' }, take: 1 } } });
  const inReplyTo = conversation.messages[0]?.externalId;
  if (!inReplyTo) throw new Error(`conversation ${conversation.id} has no customer post to reply to`);
  let messageId: string;
  try {
    messageId = await prisma.$transaction(async (tx) => {
      const message = await tx.message.create({
        data: {
          conversationId: conversation.id,
          direction: 'outbound',
          platform: conversation.platform,
          inReplyToExternalId: inReplyTo,
          text: request.text,
          slackUserId: request.slackUserId,
          idempotencyKey: request.idempotencyKey,
          deliveryState: 'pending',
        },
      });
      await tx.auditEntry.create({
        data: { conversationId: conversation.id, actorSlackUserId: request.slackUserId, action: 'reply.queued', surface: request.surface, details: { messageId: message.id, inReplyTo } },
      });
      return message.id;
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await prisma.message.findUniqueOrThrow({ where: { idempotencyKey: request.idempotencyKey } });
    return existing.id;
  }
  await queue.send(sendReplyJob, { messageId }, { key: messageId });
  return messageId;
}

/** The Retry button on a failed reply: queue the same message again. */
export async function retryPublicReply(prisma: Database['prisma'], queue: JobQueue, messageId: string, slackUserId: string): Promise<boolean> {
  const { count } = await prisma.message.updateMany({ where: { id: messageId, direction: 'outbound', deliveryState: 'failed' }, data: { deliveryState: 'pending', lastError: null } });
  if (count === 0) return false;
  const message = await prisma.message.findUniqueOrThrow({ where: { id: messageId } });
  await prisma.auditEntry.create({ data: { conversationId: message.conversationId, actorSlackUserId: slackUserId, action: 'reply.retried', surface: 'retry_button', details: { messageId } } });
  await queue.send(sendReplyJob, { messageId }, { key: messageId });
  return true;
}

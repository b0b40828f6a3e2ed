import type { Database } from '../db/database.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { sendDmJob } from '../jobs/jobs.js';
import { queueOutboundMessage, retryOutboundMessage } from './queue-outbound-message.js';

export interface PrivateReplyRequest {
  conversationId: string;
  slackUserId: string;
  /** Final text, already validated (length) and signed. */
  text: string;
  /** The same request twice (a double submit, a Slack retry) queues one direct message. */
  idempotencyKey: string;
  surface: 'reply_modal' | 'take_private_modal';
  /** The approval policy's reason to hold it as a draft; absent: it goes out now. */
  heldForApproval?: string | undefined;
}

/**
 * Records a direct message to the conversation's customer as pending and queues it for its network; returns
 * the message id. It is stored `private`: it never goes out as a public reply.
 */
export async function queuePrivateReply(prisma: Database['prisma'], queue: JobQueue, request: PrivateReplyRequest): Promise<string> {
  const conversation = await prisma.conversation.findUniqueOrThrow({ where: { id: request.conversationId } });
  return queueOutboundMessage(prisma, queue, sendDmJob, { ...request, platform: conversation.platform, visibility: 'private', kind: 'dm' });
}

/** The Retry button on a failed direct message: queue the same message again. */
export function retryPrivateReply(prisma: Database['prisma'], queue: JobQueue, messageId: string, slackUserId: string): Promise<boolean> {
  return retryOutboundMessage(prisma, queue, sendDmJob, { messageId, slackUserId, visibility: 'private', kind: 'dm' });
}

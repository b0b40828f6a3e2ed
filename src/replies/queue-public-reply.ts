import type { Database } from '../db/database.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { sendReplyJob } from '../jobs/jobs.js';
import { queueOutboundMessage, retryOutboundMessage } from './queue-outbound-message.js';

export interface PublicReplyRequest {
  conversationId: string;
  slackUserId: string;
  /** Final text, already validated (length, private data) and signed. */
  text: string;
  /** The same request twice (a double submit, a Slack retry) queues one reply. */
  idempotencyKey: string;
  surface: 'reply_modal' | 'message_shortcut' | 'retry_button' | 'take_private_modal';
  /** The approval policy's reason to hold it as a draft; absent: it goes out now. */
  heldForApproval?: string | undefined;
}

/** Records the reply as pending and queues it for its network (or holds it as a draft for approval); returns the message id. */
export async function queuePublicReply(prisma: Database['prisma'], queue: JobQueue, request: PublicReplyRequest): Promise<string> {
  const conversation = await prisma.conversation.findUniqueOrThrow({
    where: { id: request.conversationId },
    include: { messages: { where: { direction: 'inbound', visibility: 'public' }, orderBy: { createdAt: 'desc' }, take: 1 } },
  });
  const inReplyTo = conversation.messages[0]?.externalId;
  if (!inReplyTo) throw new Error(`conversation ${conversation.id} has no customer post to reply to`);
  return queueOutboundMessage(prisma, queue, sendReplyJob, {
    ...request,
    platform: conversation.platform,
    visibility: 'public',
    inReplyToExternalId: inReplyTo,
    kind: 'reply',
  });
}

/** The Retry button on a failed reply: queue the same message again. */
export function retryPublicReply(prisma: Database['prisma'], queue: JobQueue, messageId: string, slackUserId: string): Promise<boolean> {
  return retryOutboundMessage(prisma, queue, sendReplyJob, { messageId, slackUserId, visibility: 'public', kind: 'reply' });
}

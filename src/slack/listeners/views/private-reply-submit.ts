import type { SlackViewMiddlewareArgs } from '@slack/bolt';
import { offersDirectMessages, type Network } from '../../../channels/network.js';
import { prepareDirectMessage } from '../../../domain/direct-message-draft.js';
import type { Logger } from '../../../log/create-logger.js';
import { queuePrivateReply } from '../../../replies/queue-private-reply.js';
import { decideReply } from '../../../roles/decide-reply.js';
import { renderDraftHeldModal } from '../../blocks/draft-messages.js';
import type { ListenerServices } from '../services.js';

export interface PrivateReplySubmission {
  ack: SlackViewMiddlewareArgs['ack'];
  slackUserId: string;
  viewId: string;
  /** The reply text input's block id (errors are keyed by it). */
  blockId: string;
  text: string;
  reply: { conversationId: string; network: Network; signature?: string | undefined };
  logger: Logger;
}

/**
 * The Reply modal submitted on a private conversation: the text goes to the customer as a direct
 * message, never publicly. No private-data guard (DMs are where account details belong), but the
 * network's limit for direct messages, and the approval policy for learning members and sensitive
 * topics. Returns whether the direct message was queued (false: the modal shows what to fix).
 */
export async function submitPrivateReply(services: ListenerServices, submission: PrivateReplySubmission): Promise<boolean> {
  const { ack, reply, blockId } = submission;
  const { network } = reply;
  if (!offersDirectMessages(network)) {
    await ack({ response_action: 'errors', errors: { [blockId]: `${network.name} has no direct messages: this conversation cannot be answered privately.` } });
    return false;
  }
  const prepared = prepareDirectMessage({ network, text: submission.text, signature: reply.signature });
  if (!prepared.ok) {
    await ack({ response_action: 'errors', errors: { [blockId]: prepared.error } });
    await services.prisma.auditEntry.create({
      data: {
        conversationId: reply.conversationId,
        actorSlackUserId: submission.slackUserId,
        action: 'dm.refused',
        surface: 'reply_modal',
        details: { problems: [prepared.problem] },
      },
    });
    return false;
  }
  const decision = await decideReply(services.roles, submission.slackUserId, prepared.finalText, 'direct');
  const heldForApproval = decision.action === 'hold' ? decision.reason : undefined;
  // Stored before the form closes, as for public replies.
  const messageId = await queuePrivateReply(services.prisma, services.queue, {
    conversationId: reply.conversationId,
    slackUserId: submission.slackUserId,
    text: prepared.finalText,
    idempotencyKey: `reply-modal:${submission.viewId}`,
    surface: 'reply_modal',
    heldForApproval,
  });
  await ack(heldForApproval ? { response_action: 'update', view: renderDraftHeldModal(network, heldForApproval, 'direct') } : undefined);
  submission.logger.info(
    { messageId, conversationId: reply.conversationId, held: heldForApproval !== undefined },
    heldForApproval ? 'direct message held for approval' : 'direct message queued',
  );
  return true;
}

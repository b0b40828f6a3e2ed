import { networkOf } from '../../channels/networks.js';
import type { ConversationForSlack, StoredMessage } from '../sync/conversation-view.js';
import {
  renderDirectMessageFailed,
  renderDirectMessageReceived,
  renderDirectMessageSent,
  renderDirectMessageSentElsewhere,
  renderDirectMessageWaiting,
} from './private-messages.js';
import type { SlackMessage } from './slack-message.js';

/** What a private message (a DM, either way) looks like in the thread, or nothing while it is being sent for the first time. */
export function renderPrivateMessageForThread(conversation: ConversationForSlack, message: StoredMessage): SlackMessage | undefined {
  const network = networkOf(conversation.platform);
  if (message.direction === 'inbound') {
    const { dmConversationId } = conversation;
    return renderDirectMessageReceived({
      network,
      handle: message.authorHandle ?? conversation.author.handle,
      authorName: message.authorName ?? conversation.author.name ?? undefined,
      text: message.text,
      createdAt: message.createdAt,
      conversationUrl: dmConversationId ? network.directMessages?.conversationUrl(dmConversationId) : undefined,
      keptSettled: message.acknowledgement,
    });
  }
  if (message.direction !== 'outbound') return undefined;
  if (!message.slackUserId) {
    return renderDirectMessageSentElsewhere({
      network,
      accountHandle: conversation.account.handle,
      text: message.text,
      createdAt: message.postedAt ?? message.createdAt,
    });
  }
  if (message.deliveryState === 'sent') {
    return renderDirectMessageSent({ network, slackUserId: message.slackUserId, text: message.text, createdAt: message.postedAt ?? message.createdAt });
  }
  if (message.deliveryState === 'failed') {
    return renderDirectMessageFailed({
      messageId: message.id,
      plainMessage: message.lastError ?? `${network.name} did not accept the direct message.`,
      slackUserId: message.slackUserId,
      text: message.text,
    });
  }
  if (message.deliveryState === 'pending' && message.lastError) {
    return renderDirectMessageWaiting({ slackUserId: message.slackUserId, text: message.text, plainMessage: message.lastError });
  }
  return undefined;
}

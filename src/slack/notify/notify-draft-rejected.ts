import type { webApi } from '@slack/bolt';
import type { Database } from '../../db/database.js';
import { renderDraftRejectedDirectMessage } from '../blocks/draft-messages.js';
import { recordStaffNotice } from './record-staff-notice.js';

export interface NotifyDraftRejectedDependencies {
  prisma: Database['prisma'];
  slack: webApi.WebClient;
}

/** DMs the author of a rejected draft: who rejected it, why, their text, and "Edit and send again". */
export async function notifyDraftRejected(deps: NotifyDraftRejectedDependencies, messageId: string): Promise<void> {
  const message = await deps.prisma.message.findUnique({ where: { id: messageId }, include: { conversation: { include: { author: true } } } });
  if (!message?.slackUserId || message.deliveryState !== 'rejected' || message.conversation.author.forgottenAt) return;
  const { conversation } = message;
  const threadUrl =
    conversation.slackChannelId && conversation.slackThreadTs
      ? (await deps.slack.chat.getPermalink({ channel: conversation.slackChannelId, message_ts: conversation.slackThreadTs })).permalink
      : undefined;
  const { channel } = await deps.slack.conversations.open({ users: message.slackUserId });
  if (!channel?.id) throw new Error('conversations.open answered without a channel');
  const posted = await deps.slack.chat.postMessage({
    channel: channel.id,
    ...renderDraftRejectedDirectMessage({
      messageId: message.id,
      reviewedBySlackUserId: message.reviewedBySlackUserId,
      rejectionReason: message.rejectionReason ?? '',
      text: message.text,
      ref: conversation.ref,
      customerHandle: conversation.author.handle,
      threadUrl,
    }),
  });
  await recordStaffNotice(deps.prisma, conversation.id, channel.id, posted.ts);
}

import type { webApi } from '@slack/bolt';
import type { Database } from '../../db/database.js';
import { renderHandoffDirectMessage, renderHandoffThreadNote } from '../blocks/handoff-messages.js';
import { recordStaffNotice } from './record-staff-notice.js';

export interface NotifyDependencies {
  prisma: Database['prisma'];
  slack: webApi.WebClient;
  botUserId: () => Promise<string>;
}

export class ThreadNotReadyError extends Error {}

/** Records a hand-off in the thread and tells the assignee, or every member of the team, by DM. */
export async function notifyHandoff(deps: NotifyDependencies, handoffId: string): Promise<void> {
  const stored = await deps.prisma.handoff.findUnique({ where: { id: handoffId }, include: { conversation: { include: { author: true } } } });
  if (!stored) return;
  const { conversation, conversationId, ...handoff } = stored;
  // A forgotten customer's hand-offs are not told any more (the note was erased with them).
  if (conversation.author.forgottenAt) return;
  if (!conversation.slackChannelId || !conversation.slackThreadTs) throw new ThreadNotReadyError('the conversation has no Slack thread yet');

  await deps.slack.chat.postMessage({ channel: conversation.slackChannelId, thread_ts: conversation.slackThreadTs, ...renderHandoffThreadNote(handoff) });
  const { permalink } = await deps.slack.chat.getPermalink({ channel: conversation.slackChannelId, message_ts: conversation.slackThreadTs });
  const common = { handoff, conversationId, ref: conversation.ref, customerHandle: conversation.author.handle, threadUrl: permalink ?? '' };

  const bot = await deps.botUserId();
  const directRecipients = new Map<string, boolean>();
  if (handoff.toUserId) directRecipients.set(handoff.toUserId, false);
  else if (handoff.toTeamId) {
    const { users = [] } = await deps.slack.usergroups.users.list({ usergroup: handoff.toTeamId });
    for (const member of users) directRecipients.set(member, true);
  }
  directRecipients.delete(handoff.byUserId);
  directRecipients.delete(bot);
  for (const [userId, offerTake] of directRecipients) {
    const { channel } = await deps.slack.conversations.open({ users: userId });
    if (!channel?.id) continue;
    const posted = await deps.slack.chat.postMessage({ channel: channel.id, ...renderHandoffDirectMessage({ ...common, offerTake }) });
    await recordStaffNotice(deps.prisma, conversationId, channel.id, posted.ts);
  }
}

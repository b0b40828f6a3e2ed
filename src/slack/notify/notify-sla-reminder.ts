import type { webApi } from '@slack/bolt';
import type { Database } from '../../db/database.js';
import { addBusinessMinutes, businessMinutesBetween, type BusinessCalendar } from '../../domain/business-time.js';
import { claimSlaReminder } from '../../sla/claim-sla-reminder.js';
import { renderSlaReminderDirectMessage, renderSlaReminderThreadNote } from '../blocks/sla-messages.js';
import type { SlackMessage } from '../blocks/slack-message.js';
import { ThreadNotReadyError } from './notify-handoff.js';
import { recordStaffNotice } from './record-staff-notice.js';
import { carriesEarshotMetadata } from '../sync/message-metadata.js';

export interface SlaReminderDependencies {
  prisma: Database['prisma'];
  slack: webApi.WebClient;
  botUserId: () => Promise<string>;
  /** SLA_MINUTES; undefined (reminders turned off since the job was queued): nothing is sent. */
  minutes: number | undefined;
  calendar: BusinessCalendar;
  now: () => Date;
}

const reminderEvent = 'earshot_sla_reminder';

/**
 * Claims the wait's reminder, then posts it in the conversation's thread (mentioning the assignee
 * or the team) and sends the assigned person a DM with a link to the thread. A retry after a crash
 * finds the claim already made and looks for what was posted (by message metadata) before posting.
 */
export async function notifySlaReminder(deps: SlaReminderDependencies, payload: { conversationId: string; waitingSince: string }): Promise<void> {
  const { minutes } = deps;
  if (!minutes) return;
  const waitingSince = new Date(payload.waitingSince);
  const conversation = await deps.prisma.conversation.findUnique({ where: { id: payload.conversationId }, include: { author: true } });
  if (!conversation || conversation.author.forgottenAt) return;
  const channel = conversation.slackChannelId;
  const threadTs = conversation.slackThreadTs;
  if (!channel || !threadTs) throw new ThreadNotReadyError('the conversation has no Slack thread yet');

  const now = deps.now();
  const reminder = {
    ref: conversation.ref,
    waitedMinutes: Math.floor(businessMinutesBetween(waitingSince, now, deps.calendar)),
    slaMinutes: minutes,
    businessHours: deps.calendar !== undefined,
  };
  const claim = await claimSlaReminder(deps.prisma, conversation.id, waitingSince, {
    ...reminder,
    dueAt: addBusinessMinutes(waitingSince, minutes, deps.calendar),
  });
  if (claim === 'not_waiting') return;
  const retried = claim === 'claimed_before';
  const tag = { event_type: reminderEvent, event_payload: { id: `${conversation.id}:${payload.waitingSince}` } };

  const note = renderSlaReminderThreadNote({ ...reminder, assigneeUserId: conversation.assigneeSlackUserId, teamId: conversation.assigneeSlackTeamId });
  if (!(retried && (await findTagged(deps.slack, { channel, threadTs, after: waitingSince }, tag.event_payload.id)))) {
    await post(deps.slack, { channel, thread_ts: threadTs }, note, tag);
  }

  const assignee = conversation.assigneeSlackUserId;
  if (!assignee || assignee === (await deps.botUserId())) return;
  const { channel: dm } = await deps.slack.conversations.open({ users: assignee });
  if (!dm?.id) return;
  if (retried && (await findTagged(deps.slack, { channel: dm.id }, tag.event_payload.id))) return;
  const { permalink } = await deps.slack.chat.getPermalink({ channel, message_ts: threadTs });
  const sent = await post(
    deps.slack,
    { channel: dm.id },
    renderSlaReminderDirectMessage({ ...reminder, customerHandle: conversation.author.handle, threadUrl: permalink ?? '' }),
    tag,
  );
  await recordStaffNotice(deps.prisma, conversation.id, dm.id, sent);
}

/** Returns the posted message's ts. */
async function post(
  slack: webApi.WebClient,
  target: { channel: string; thread_ts?: string },
  message: SlackMessage,
  metadata: { event_type: string; event_payload: { id: string } },
): Promise<string | undefined> {
  const posted = await slack.chat.postMessage({ ...target, ...message, unfurl_links: false, unfurl_media: false, metadata });
  return posted.ts;
}

/** Clocks of the networks and Slack may disagree a little. */
const clockMarginMs = 3_600_000;

/** Whether a message carrying this reminder's metadata is already there (in a thread: posted after the wait began). */
async function findTagged(slack: webApi.WebClient, where: { channel: string; threadTs?: string; after?: Date }, id: string): Promise<boolean> {
  const oldest = where.after ? String((where.after.getTime() - clockMarginMs) / 1000) : undefined;
  const page = where.threadTs
    ? await slack.conversations.replies({ channel: where.channel, ts: where.threadTs, ...(oldest ? { oldest } : {}), include_all_metadata: true, limit: 200 })
    : await slack.conversations.history({ channel: where.channel, include_all_metadata: true, limit: 200 });
  return (page.messages ?? []).some((message) => carriesEarshotMetadata(message, reminderEvent, id));
}

import { formatConversationRef } from '../../domain/conversation-ref.js';
import { escapeMrkdwn, formatMrkdwnLink } from './escape-mrkdwn.js';
import type { SlackMessage } from './slack-message.js';

export interface SlaReminder {
  ref: number;
  waitedMinutes: number;
  slaMinutes: number;
  /** The SLA counts business hours only. */
  businessHours: boolean;
}

/** "47 min", "2 h 5 min". */
export function formatWaited(minutes: number): string {
  const whole = Math.max(0, Math.floor(minutes));
  if (whole < 60) return `${whole} min`;
  const rest = whole % 60;
  return rest === 0 ? `${Math.floor(whole / 60)} h` : `${Math.floor(whole / 60)} h ${rest} min`;
}

function headline(reminder: SlaReminder): string {
  const over = `over the ${reminder.slaMinutes}-minute SLA${reminder.businessHours ? ' (business hours)' : ''}`;
  return `${formatConversationRef(reminder.ref)} has waited ${formatWaited(reminder.waitedMinutes)} — ${over}`;
}

/** In the conversation's thread, mentioning whoever has it: the assignee, else the team. */
export function renderSlaReminderThreadNote(reminder: SlaReminder & { assigneeUserId: string | null; teamId: string | null }): SlackMessage {
  const who = reminder.assigneeUserId ? ` <@${reminder.assigneeUserId}>` : reminder.teamId ? ` <!subteam^${reminder.teamId}>` : '';
  const text = `⏰ ${headline(reminder)}.${who}`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/** The direct message to the assignee, with a link to the thread. */
export function renderSlaReminderDirectMessage(reminder: SlaReminder & { customerHandle: string; threadUrl: string }): SlackMessage {
  const text = `⏰ Your conversation with @${escapeMrkdwn(reminder.customerHandle)}: ${headline(reminder)}. ${formatMrkdwnLink(reminder.threadUrl, 'open the thread')}`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

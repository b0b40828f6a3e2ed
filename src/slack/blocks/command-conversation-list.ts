import type { types } from '@slack/bolt';
import { formatConversationRef } from '../../domain/conversation-ref.js';
import type { ConversationStatus } from '../../domain/conversation-status.js';
import { customerWaitMs } from '../../domain/customer-wait.js';
import { escapeMrkdwn, formatMrkdwnLink } from './escape-mrkdwn.js';
import { formatSlackDate } from './format-slack-date.js';
import { hiddenPreviewNotice } from './hidden-preview.js';
import type { SlackMessage } from './slack-message.js';
import { escapeAndTruncate } from './truncate-mrkdwn.js';

/** One conversation in a `/social` answer. */
export interface ConversationListItem {
  ref: number;
  status: ConversationStatus;
  visibility: 'public' | 'private';
  handle: string;
  authorMarkedSpam: boolean;
  text: string;
  createdAt: Date;
  resolvedAt: Date | null;
  /** Since when the customer waits for the team; null once the team has answered. */
  waitingSince: Date | null;
  assigneeSlackUserId: string | null;
  assigneeSlackTeamId: string | null;
  /** The Slack thread; none when it was never posted (yet). */
  threadUrl?: string | undefined;
  /** A private conversation the reader may not read: the channel to join to see its text. */
  previewHiddenUntilJoining?: string | undefined;
}

export interface ConversationList {
  /** mrkdwn, already escaped. */
  title: string;
  items: readonly ConversationListItem[];
  total: number;
  /** mrkdwn, already escaped. */
  emptyText: string;
  /** "waiting": how long each has been open (the queue); "dated": when it started and ended (search, history). */
  show: 'waiting' | 'dated';
  /** Said under the list, e.g. how it is sorted. */
  footer?: string;
  now: Date;
}

const PREVIEW_MAX = 120;

/** A list of conversations: one section each, with its reference linked to the thread. */
export function renderConversationList(list: ConversationList): SlackMessage {
  if (list.items.length === 0) {
    const text = `${list.title}\n${list.emptyText}`;
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  }
  const more =
    list.total > list.items.length ? `Showing ${list.items.length} of ${list.total}` : `${list.total} ${list.total === 1 ? 'conversation' : 'conversations'}`;
  const blocks: types.KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: list.title } },
    ...list.items.map((item): types.KnownBlock => ({ type: 'section', text: { type: 'mrkdwn', text: renderItem(item, list) } })),
    { type: 'context', elements: [{ type: 'mrkdwn', text: [more, list.footer].filter(Boolean).join(' · ') }] },
  ];
  const fallback = [list.title, ...list.items.map((item) => `${formatConversationRef(item.ref)} @${item.handle} — ${describeStatus(item)}`)].join('\n');
  return { text: fallback, blocks };
}

function renderItem(item: ConversationListItem, list: ConversationList): string {
  const ref = formatConversationRef(item.ref);
  const parts = [
    item.threadUrl ? `*${formatMrkdwnLink(item.threadUrl, ref)}*` : `*${ref}*`,
    `@${escapeMrkdwn(item.handle)}`,
    list.show === 'waiting'
      ? describeWait(item, list.now)
      : `${formatSlackDate(item.createdAt)}${item.resolvedAt && item.status === 'resolved' ? ` → ${formatSlackDate(item.resolvedAt, '{date_short_pretty}')}` : ''}`,
    describeStatus(item),
  ];
  if (item.visibility === 'private') parts.push('🔒 Private');
  if (item.authorMarkedSpam) parts.push('🚫 Spam');
  if (!item.threadUrl) parts.push('_no thread_');
  if (item.previewHiddenUntilJoining) return `${parts.join(' · ')}\n${hiddenPreviewNotice(item.previewHiddenUntilJoining)}`;
  const preview = escapeAndTruncate(item.text.replace(/\s+/g, ' '), PREVIEW_MAX);
  return `${parts.join(' · ')}${preview ? `\n>${preview}` : ''}`;
}

function describeWait(item: ConversationListItem, now: Date): string {
  const waitMs = customerWaitMs(item, now);
  return waitMs === undefined ? '↩️ answered' : `waiting ${formatDuration(waitMs)}`;
}

/** "2 h 5 min", "3 min", "4 d 2 h", "less than a minute". */
export function formatDuration(milliseconds: number): string {
  const minutes = Math.floor(Math.max(0, milliseconds) / 60_000);
  if (minutes < 1) return 'less than a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours} h` : `${hours} h ${minutes % 60} min`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days} d` : `${days} d ${hours % 24} h`;
}

function describeStatus(item: ConversationListItem): string {
  const assignees = [
    item.assigneeSlackUserId ? `<@${item.assigneeSlackUserId}>` : null,
    item.assigneeSlackTeamId ? `<!subteam^${item.assigneeSlackTeamId}>` : null,
  ]
    .filter(Boolean)
    .join(' of ');
  const assigned = assignees ? ` · 👤 ${assignees}` : '';
  switch (item.status) {
    case 'new':
      return `🆕 New${assigned}`;
    case 'open':
      return `💬 Open${assigned}`;
    case 'assigned':
      return assignees ? `👤 Assigned to ${assignees}` : '👤 Assigned';
    case 'awaiting_approval':
      return `⏳ Awaiting approval${assigned}`;
    case 'replied':
      return `↩️ Replied${assigned}`;
    case 'resolved':
      return '✅ Resolved';
  }
}

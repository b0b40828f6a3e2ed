import type { types } from '@slack/bolt';
import { customerWaitMs } from '../../domain/customer-wait.js';
import { formatConversationRef } from '../../domain/conversation-ref.js';
import type { ConversationStatus } from '../../domain/conversation-status.js';
import { ACTION_IDS } from './action-ids.js';
import { escapeMrkdwn } from './escape-mrkdwn.js';
import { formatSlackDate } from './format-slack-date.js';
import { hiddenPreviewNotice } from './hidden-preview.js';
import { escapeAndTruncate } from './truncate-mrkdwn.js';

/** One conversation as the App Home lists it. */
export interface HomeItem {
  conversationId: string;
  ref: number;
  customerHandle: string;
  /** The customer's first post. */
  text: string;
  status: ConversationStatus;
  visibility: 'public' | 'private';
  createdAt: Date;
  /** Since when the customer waits for the team; null once the team has answered. */
  waitingSince: Date | null;
  resolvedAt?: Date;
  assigneeSlackUserId?: string;
  assigneeSlackTeamId?: string;
  /** The parent message's permalink; without it there is no "Open thread". */
  threadUrl?: string;
  /** A private conversation the reader may not read: the channel to join to see its text. */
  previewHiddenUntilJoining?: string;
}

export interface HomeSection {
  /** At most `HOME_SECTION_MAX` are shown, oldest first (the resolved list: most recent first). */
  items: readonly HomeItem[];
  /** How many there are in all ("and N more"). */
  total: number;
}

export interface AppHomeInput {
  userId: string;
  now: Date;
  mine: HomeSection;
  unassigned: HomeSection;
  resolved: HomeSection;
  /** A line shown on top, e.g. after a "Take it" that came too late. */
  notice?: string;
}

/** Items per list: 15 + 15 + 10 items of two blocks each, plus headings, stay under Slack's 100 blocks. */
export const HOME_SECTION_MAX = 15;
export const HOME_RESOLVED_MAX = 10;
const PREVIEW_MAX = 200;

type SectionKind = 'mine' | 'unassigned' | 'resolved';

/** The App Home tab: my queue, the unassigned queue (oldest first, with waiting times) and recently resolved. */
export function renderAppHome(input: AppHomeInput): types.HomeView {
  const blocks: types.KnownBlock[] = [];
  if (input.notice) blocks.push({ type: 'context', block_id: 'notice', elements: [{ type: 'mrkdwn', text: input.notice }] });
  blocks.push(
    ...renderSection('mine', 'My queue', input.mine, HOME_SECTION_MAX, input, 'Nothing is assigned to you or your teams.'),
    { type: 'divider' },
    ...renderSection('unassigned', 'Unassigned — oldest first', input.unassigned, HOME_SECTION_MAX, input, 'Every open conversation has someone on it. 🎉'),
    { type: 'divider' },
    ...renderSection('resolved', 'Recently resolved', input.resolved, HOME_RESOLVED_MAX, input, 'Nothing resolved yet.'),
  );
  return { type: 'home', blocks };
}

function renderSection(kind: SectionKind, title: string, section: HomeSection, max: number, input: AppHomeInput, empty: string): types.KnownBlock[] {
  const blocks: types.KnownBlock[] = [{ type: 'header', block_id: `${kind}_header`, text: { type: 'plain_text', text: title, emoji: true } }];
  const shown = section.items.slice(0, max);
  if (shown.length === 0) blocks.push({ type: 'context', block_id: `${kind}_empty`, elements: [{ type: 'mrkdwn', text: empty }] });
  for (const item of shown) blocks.push(...renderItem(kind, item, input));
  const more = Math.max(section.total, section.items.length) - shown.length;
  if (more > 0) blocks.push({ type: 'context', block_id: `${kind}_more`, elements: [{ type: 'mrkdwn', text: `…and ${more} more` }] });
  return blocks;
}

function renderItem(kind: SectionKind, item: HomeItem, input: AppHomeInput): types.KnownBlock[] {
  const facts = [`*${formatConversationRef(item.ref)}*`, `@${escapeMrkdwn(item.customerHandle)}`];
  if (kind === 'resolved') {
    if (item.resolvedAt) facts.push(`✅ resolved ${formatSlackDate(item.resolvedAt, '{date_short_pretty} {time}')}`);
  } else {
    if (kind === 'mine') facts.push(describeAssignee(item, input.userId));
    facts.push(describeWait(item, input.now));
  }
  if (item.visibility === 'private') facts.push('🔒 Private');
  const preview = item.previewHiddenUntilJoining
    ? hiddenPreviewNotice(item.previewHiddenUntilJoining)
    : `>${escapeAndTruncate(item.text.replace(/\s+/g, ' ').trim(), PREVIEW_MAX) || '_(no text)_'}`;
  const blocks: types.KnownBlock[] = [
    { type: 'section', block_id: `${kind}:${item.conversationId}`, text: { type: 'mrkdwn', text: `${facts.join(' · ')}\n${preview}` } },
  ];

  const elements: types.ActionsBlockElement[] = [];
  if (item.threadUrl) elements.push({ ...button('Open thread', ACTION_IDS.homeOpenThread, item.conversationId), url: item.threadUrl });
  if (kind !== 'resolved') {
    if (item.assigneeSlackUserId !== input.userId) elements.push({ ...button('Take it', ACTION_IDS.homeTake, item.conversationId), style: 'primary' });
    elements.push(button('Resolve', ACTION_IDS.homeResolve, item.conversationId));
  }
  if (elements.length > 0) blocks.push({ type: 'actions', block_id: `${kind}_actions:${item.conversationId}`, elements });
  return blocks;
}

function describeAssignee(item: HomeItem, userId: string): string {
  if (item.assigneeSlackUserId === userId) return '👤 you';
  if (item.assigneeSlackTeamId) return `👥 <!subteam^${item.assigneeSlackTeamId}>`;
  return item.assigneeSlackUserId ? `👤 <@${item.assigneeSlackUserId}>` : '👤 unassigned';
}

function describeWait(item: HomeItem, now: Date): string {
  const waitMs = customerWaitMs(item, now);
  const waiting = waitMs === undefined ? '↩️ answered' : `waiting ${formatWaitingTime(waitMs)}`;
  return item.status === 'awaiting_approval' ? `⏳ awaiting approval · ${waiting}` : waiting;
}

/** "4 min", "3 h", "2 d": how long someone has been waiting, rounded down. */
export function formatWaitingTime(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return 'under a minute';
  if (minutes < 60) return `${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${hours} h`;
  return `${Math.floor(hours / 24)} d`;
}

function button(label: string, actionId: string, value: string): types.Button {
  return { type: 'button', text: { type: 'plain_text', text: label, emoji: true }, action_id: actionId, value };
}

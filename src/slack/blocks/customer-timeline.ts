import type { types } from '@slack/bolt';
import type { Network } from '../../channels/network.js';
import { formatConversationRef } from '../../domain/conversation-ref.js';
import type { ConversationStatus } from '../../domain/conversation-status.js';
import { escapeMrkdwn, formatMrkdwnLink } from './escape-mrkdwn.js';
import { formatSlackDate } from './format-slack-date.js';
import { hiddenPreviewNotice } from './hidden-preview.js';
import type { SlackMessage } from './slack-message.js';
import { escapeAndTruncate } from './truncate-mrkdwn.js';

export interface TimelineEntry {
  from: 'customer' | 'team';
  text: string;
  at: Date;
  slackUserId?: string;
  automated?: boolean;
}

export interface TimelineItem {
  ref: number;
  network: Network;
  /** The brand's handle on the conversation's network, for answers posted outside Earshot. */
  brandHandle: string;
  status: ConversationStatus;
  visibility: 'public' | 'private';
  createdAt: Date;
  resolvedAt: Date | null;
  answeredBy: ReadonlyArray<{ slackUserId: string } | { brand: true }>;
  messages: readonly TimelineEntry[];
  earlierMessages: number;
  threadUrl?: string | undefined;
  /** A private conversation the reader may not read: the channel to join to see its messages. */
  previewHiddenUntilJoining?: string | undefined;
}

export interface CustomerTimelineView {
  /** The customer's handle, unescaped. */
  handle: string;
  markedSpam: boolean;
  conversations: readonly TimelineItem[];
  olderConversations: number;
}

/** Each message is cut here so that a conversation of HISTORY_MESSAGES_MAX messages fits one section (3,000 characters). */
const MESSAGE_TEXT_MAX = 280;

const STATUS_LABELS: Record<ConversationStatus, string> = {
  new: '🆕 New',
  open: '💬 Open',
  assigned: '👤 Assigned',
  awaiting_approval: '⏳ Awaiting approval',
  replied: '↩️ Replied',
  resolved: '✅ Resolved',
};

/** `/social history @handle`: one customer's conversations, oldest to newest, each with its messages. */
export function renderCustomerTimeline(view: CustomerTimelineView): SlackMessage {
  const handle = `@${escapeMrkdwn(view.handle)}`;
  const total = view.conversations.length + view.olderConversations;
  const title = `*History of ${handle}*${view.markedSpam ? ' · 🚫 marked as spam' : ''}`;
  if (total === 0) {
    const text = `${title}\nNo conversations with ${handle} yet.`;
    return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
  }
  const blocks: types.KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: title } }];
  if (view.olderConversations > 0) {
    const older = `${view.olderConversations} older ${view.olderConversations === 1 ? 'conversation' : 'conversations'} not shown (\`/social search ${handle}\` lists them all)`;
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: older }] });
  }
  for (const conversation of view.conversations)
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: renderConversation(conversation, view.handle) } });
  const summary = `${total} ${total === 1 ? 'conversation' : 'conversations'} · oldest first`;
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: summary }] });
  const fallback = [
    title,
    ...view.conversations.map((conversation) => `${formatConversationRef(conversation.ref)} ${STATUS_LABELS[conversation.status]}`),
  ].join('\n');
  return { text: fallback, blocks };
}

function renderConversation(conversation: TimelineItem, customerHandle: string): string {
  const ref = formatConversationRef(conversation.ref);
  const resolved = conversation.resolvedAt && conversation.status === 'resolved' ? ` → ${formatSlackDate(conversation.resolvedAt, '{date_short_pretty}')}` : '';
  const facts = [
    `${conversation.network.icon} ${conversation.threadUrl ? `*${formatMrkdwnLink(conversation.threadUrl, ref)}*` : `*${ref}*`}`,
    `${formatSlackDate(conversation.createdAt)}${resolved}`,
    STATUS_LABELS[conversation.status],
  ];
  if (conversation.visibility === 'private') facts.push('🔒 Private');
  facts.push(
    conversation.answeredBy.length > 0
      ? `answered by ${conversation.answeredBy.map((who) => describeAnswerer(who, conversation)).join(', ')}`
      : 'no answer yet',
  );
  const heading = facts.join(' · ');
  if (conversation.previewHiddenUntilJoining) return `${heading}\n${hiddenPreviewNotice(conversation.previewHiddenUntilJoining)}`;
  const lines = conversation.messages.map((message) => renderMessage(message, conversation, customerHandle));
  if (conversation.earlierMessages > 0)
    lines.unshift(`_…${conversation.earlierMessages} earlier ${conversation.earlierMessages === 1 ? 'message' : 'messages'}_`);
  return [heading, ...lines].join('\n');
}

function renderMessage(message: TimelineEntry, conversation: TimelineItem, customerHandle: string): string {
  const who =
    message.from === 'customer'
      ? `@${escapeMrkdwn(customerHandle)}`
      : message.automated
        ? '🤖 automatic reply'
        : `↩️ ${message.slackUserId ? `<@${message.slackUserId}>` : `@${escapeMrkdwn(conversation.brandHandle)}`}`;
  const text = escapeAndTruncate(message.text.replace(/\s+/g, ' ').trim(), MESSAGE_TEXT_MAX) || '_(no text)_';
  return `>*${who}* ${formatSlackDate(message.at, '{date_short_pretty} {time}')}: ${text}`;
}

function describeAnswerer(who: { slackUserId: string } | { brand: true }, conversation: TimelineItem): string {
  return 'slackUserId' in who ? `<@${who.slackUserId}>` : `@${escapeMrkdwn(conversation.brandHandle)} on ${conversation.network.name}`;
}

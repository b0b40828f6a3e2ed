import type { types } from '@slack/bolt';
import type { Network } from '../../channels/network.js';
import { formatConversationRef } from '../../domain/conversation-ref.js';
import type { ConversationStatus } from '../../domain/conversation-status.js';
import { ACTION_IDS, BLOCK_IDS } from './action-ids.js';
import { escapeMrkdwn, formatMrkdwnLink } from './escape-mrkdwn.js';
import { formatPostText, type PostUrlEntity } from './format-post-text.js';
import { formatSlackDate } from './format-slack-date.js';
import { encodeOverflowValue } from './overflow-value.js';
import { SECTION_TEXT_MAX } from './slack-limits.js';
import type { SlackMessage } from './slack-message.js';
import { escapeAndTruncate } from './truncate-mrkdwn.js';

/** The latest reply the customer received: from Slack (`slackUserId`) or posted on the network outside Earshot (`brandHandle`). */
export interface LastReply {
  slackUserId?: string;
  brandHandle?: string;
  at: Date;
}

export interface ParentMessageConversation {
  id: string;
  ref: number;
  /** Where the conversation takes place: its name and icon are shown, its links used. */
  network: Network;
  status: ConversationStatus;
  visibility: 'public' | 'private';
  assigneeSlackUserId?: string;
  /** A Slack user group the conversation was handed to. */
  assigneeSlackTeamId?: string;
  author: {
    name: string;
    handle: string;
    profileUrl: string;
    profileImageUrl?: string;
    followerCount?: number;
    firstSeenAt: Date;
    /** Marked as spam: their new posts start no threads. */
    markedSpam?: boolean;
  };
  post: {
    id: string;
    url: string;
    text: string;
    createdAt: Date;
    media: ReadonlyArray<{ url: string; type: string }>;
    urls: readonly PostUrlEntity[];
    /** When the customer deleted the post on the network (its text is still shown, from Earshot's record). */
    deletedAt?: Date;
  };
  lastReply?: LastReply;
  /** Someone has the reply modal open; shown so two people don't answer at once. */
  replyingSlackUserId?: string;
  /** A reply from this person is queued or being sent to the customer (the network may make it wait for minutes). */
  sendingSlackUserId?: string;
  /** The customer's earlier conversations, most recent first (`total` counts them all). */
  history?: { total: number; recent: ReadonlyArray<{ ref: number; threadUrl?: string }> };
}

const NOTIFICATION_PREVIEW_MAX = 150;
/** How many earlier conversations are linked by reference; the rest are only counted. */
export const HISTORY_LINKS_MAX = 5;
const MEDIA_LABELS: Record<string, string> = { photo: 'Photo', video: 'Video', animated_gif: 'GIF' };

/** The parent message of a conversation's Slack thread: who wrote what, where it stands, and what to do. */
export function renderParentMessage(conv: ParentMessageConversation): SlackMessage {
  const blocks: types.KnownBlock[] = [
    renderAuthor(conv.author),
    {
      type: 'section',
      block_id: 'post',
      text: { type: 'mrkdwn', text: formatPostText(conv.post.text, conv.post.urls, SECTION_TEXT_MAX) || '_(no text)_' },
    },
  ];
  if (conv.post.media.length > 0) blocks.push(context('media', renderMedia(conv.post.media)));
  // A deleted post's link leads nowhere, so it gives way to the deletion.
  const where = conv.post.deletedAt
    ? `🗑️ deleted on ${conv.network.name} by the customer ${formatSlackDate(conv.post.deletedAt)}`
    : formatMrkdwnLink(conv.post.url, `View on ${conv.network.name}`);
  blocks.push(
    context('meta', `${conv.network.icon} ${formatSlackDate(conv.post.createdAt)} · ${where} · ${formatConversationRef(conv.ref)}`),
    context('status', renderStatusLine(conv)),
  );
  if (conv.history && conv.history.total > 0) blocks.push(context('history', renderHistory(conv.history)));
  blocks.push(renderActions(conv));
  const preview = escapeAndTruncate(conv.post.text.replace(/\s+/g, ' '), NOTIFICATION_PREVIEW_MAX);
  return { text: `New mention from @${escapeMrkdwn(conv.author.handle)}: ${preview}`, blocks };
}

function renderAuthor(author: ParentMessageConversation['author']): types.SectionBlock {
  const details = [`*${escapeMrkdwn(author.name)}*`, formatMrkdwnLink(author.profileUrl, `@${author.handle}`)];
  if (author.followerCount !== undefined) details.push(formatFollowers(author.followerCount));
  details.push(`first seen ${formatSlackDate(author.firstSeenAt, '{date_short}')}`);
  return {
    type: 'section',
    block_id: 'author',
    text: { type: 'mrkdwn', text: details.join(' · ') },
    ...(author.profileImageUrl ? { accessory: { type: 'image', image_url: author.profileImageUrl, alt_text: `@${author.handle}` } } : {}),
  };
}

function formatFollowers(count: number): string {
  return `${new Intl.NumberFormat('en-US').format(count)} ${count === 1 ? 'follower' : 'followers'}`;
}

function renderMedia(media: ParentMessageConversation['post']['media']): string {
  return media
    .map((item, index) => {
      const label = MEDIA_LABELS[item.type] ?? 'Attachment';
      return formatMrkdwnLink(item.url, media.length > 1 ? `${label} ${index + 1}` : label);
    })
    .join(' · ');
}

function renderHistory(history: NonNullable<ParentMessageConversation['history']>): string {
  const refs = history.recent.slice(0, HISTORY_LINKS_MAX).map((earlier) => {
    const label = formatConversationRef(earlier.ref);
    return earlier.threadUrl ? formatMrkdwnLink(earlier.threadUrl, label) : label;
  });
  const more = history.total - refs.length;
  const noun = history.total === 1 ? 'earlier conversation' : 'earlier conversations';
  return `🗂️ ${history.total} ${noun}${refs.length > 0 ? `: ${refs.join(', ')}` : ''}${more > 0 && refs.length > 0 ? ` and ${more} more` : ''}`;
}

function renderAssignees(conv: ParentMessageConversation): string[] {
  const parts: string[] = [];
  if (conv.assigneeSlackUserId) parts.push(`👤 Assigned to <@${conv.assigneeSlackUserId}>`);
  if (conv.assigneeSlackTeamId) parts.push(`👥 <!subteam^${conv.assigneeSlackTeamId}>`);
  return parts;
}

function renderStatusLine(conv: ParentMessageConversation): string {
  const assignees = renderAssignees(conv);
  const parts = conv.sendingSlackUserId
    ? [`📤 Sending… (reply by <@${conv.sendingSlackUserId}>)`, ...assignees]
    : conv.status === 'assigned' && assignees.length > 0
      ? assignees
      : [describeStatus(conv), ...assignees];
  if (conv.visibility === 'private') parts.push('🔒 Private');
  if (conv.author.markedSpam) parts.push('🚫 Author marked as spam');
  if (conv.replyingSlackUserId) parts.push(`✍️ <@${conv.replyingSlackUserId}> is replying…`);
  return parts.join(' · ');
}

function describeStatus(conv: ParentMessageConversation): string {
  switch (conv.status) {
    case 'new':
      return '🆕 New';
    case 'open':
      return '💬 Open';
    case 'assigned':
      return '👤 Assigned';
    case 'awaiting_approval':
      return '⏳ Awaiting approval';
    case 'replied':
      return conv.lastReply
        ? `↩️ Replied by ${describeReplier(conv.lastReply, conv.network)} ${formatSlackDate(conv.lastReply.at, '{date_short_pretty} {time}')}`
        : '↩️ Replied';
    case 'resolved':
      return '✅ Resolved';
  }
}

/** Who replied last, as mrkdwn: a Slack mention, or the brand's handle when the reply was posted on the network directly. */
export function describeReplier(reply: LastReply, network: Network): string {
  if (reply.slackUserId) return `<@${reply.slackUserId}>`;
  return reply.brandHandle ? `@${escapeMrkdwn(reply.brandHandle)} on ${network.name}` : `the brand on ${network.name}`;
}

function renderActions(conv: ParentMessageConversation): types.ActionsBlock {
  const elements: types.ActionsBlockElement[] = [
    { ...button('Reply', ACTION_IDS.replyOpen, conv.id), style: 'primary' },
    button('Assign', ACTION_IDS.assignOpen, conv.id),
  ];
  // Taking private moves the conversation to direct messages: only where the network has them.
  if (conv.visibility === 'public' && conv.network.directMessages) elements.push(button('Take private', ACTION_IDS.privateOpen, conv.id));
  elements.push(conv.status === 'resolved' ? button('Reopen', ACTION_IDS.reopen, conv.id) : button('Resolve', ACTION_IDS.resolve, conv.id), {
    type: 'overflow',
    action_id: ACTION_IDS.conversationOverflow,
    options: [
      option('Take it (assign to me)', encodeOverflowValue('take', conv.id)),
      ...(conv.assigneeSlackUserId || conv.assigneeSlackTeamId ? [option('Unassign', encodeOverflowValue('unassign', conv.id))] : []),
      conv.author.markedSpam ? option('Not spam', encodeOverflowValue('not_spam', conv.id)) : option('Ignore / spam', encodeOverflowValue('ignore', conv.id)),
    ],
  });
  return { type: 'actions', block_id: BLOCK_IDS.conversationActions, elements };
}

function button(label: string, actionId: string, value: string): types.Button {
  return { type: 'button', text: { type: 'plain_text', text: label, emoji: true }, action_id: actionId, value };
}

function option(label: string, value: string): types.PlainTextOption {
  return { text: { type: 'plain_text', text: label, emoji: true }, value };
}

function context(blockId: string, text: string): types.ContextBlock {
  return { type: 'context', block_id: blockId, elements: [{ type: 'mrkdwn', text }] };
}

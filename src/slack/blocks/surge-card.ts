import type { types } from '@slack/bolt';
import type { Network } from '../../channels/network.js';
import { formatConversationRef } from '../../domain/conversation-ref.js';
import { ACTION_IDS } from './action-ids.js';
import { escapeMrkdwn, formatMrkdwnLink } from './escape-mrkdwn.js';
import { formatSlackDate } from './format-slack-date.js';
import { describeReplier, type LastReply } from './parent-message.js';
import type { SlackMessage } from './slack-message.js';
import { escapeAndTruncate } from './truncate-mrkdwn.js';

export interface SurgeCardView {
  conversationId: string;
  ref: number;
  network: Network;
  author: { name: string; handle: string; profileUrl: string };
  post: { text: string; url: string; createdAt: Date };
  /** The customer's posts in the conversation, the first included. */
  postCount: number;
  /** The customer's latest post when it is not the first one. */
  latestText?: string;
  status: 'new' | 'open' | 'assigned' | 'awaiting_approval' | 'replied' | 'resolved';
  lastReply?: LastReply;
  replyingSlackUserId?: string;
  /** The team's latest reply failed: why, and the message to retry. */
  failedReply?: { messageId: string; plainMessage: string };
}

const POST_TEXT_MAX = 600;
const LATEST_TEXT_MAX = 300;

/** A grouped conversation's compact card in the surge alert's thread (instead of a parent in the channel). */
export function renderSurgeCard(card: SurgeCardView): SlackMessage {
  const who = `*${escapeMrkdwn(card.author.name)}* ${formatMrkdwnLink(card.author.profileUrl, `@${card.author.handle}`)}`;
  const body = escapeAndTruncate(card.post.text, POST_TEXT_MAX) || '_(no text)_';
  const blocks: types.KnownBlock[] = [{ type: 'section', block_id: 'card_post', text: { type: 'mrkdwn', text: `${who}\n${body}` } }];
  if (card.postCount > 1) {
    const latest = card.latestText ? `, latest: ${escapeAndTruncate(card.latestText.replace(/\s+/g, ' '), LATEST_TEXT_MAX)}` : '';
    blocks.push(context('card_posts', `💬 ${card.postCount} posts${latest}`));
  }
  blocks.push(
    context(
      'card_meta',
      [
        `${card.network.icon} ${formatSlackDate(card.post.createdAt)}`,
        formatMrkdwnLink(card.post.url, `View on ${card.network.name}`),
        formatConversationRef(card.ref),
        describeStatus(card),
      ].join(' · '),
    ),
  );
  if (card.failedReply)
    blocks.push(context('card_failure', `⚠️ The last reply was not posted on ${card.network.name}. ${escapeMrkdwn(card.failedReply.plainMessage)}`));
  const elements: types.ActionsBlockElement[] = [
    { ...button('Reply', ACTION_IDS.replyOpen, card.conversationId), style: 'primary' },
    button('Open in its own thread', ACTION_IDS.surgeOpenThread, card.conversationId),
  ];
  if (card.failedReply) elements.push(button('Retry reply', ACTION_IDS.replyRetry, card.failedReply.messageId));
  blocks.push({ type: 'actions', block_id: 'card_actions', elements });
  return { text: `Mention from @${escapeMrkdwn(card.author.handle)}: ${escapeAndTruncate(card.post.text.replace(/\s+/g, ' '), 150)}`, blocks };
}

/** The card once its conversation has a thread of its own. */
export function renderMovedSurgeCard(card: { handle: string; ref: number; threadUrl: string }): SlackMessage {
  const text = `➡️ @${escapeMrkdwn(card.handle)} · ${formatConversationRef(card.ref)} · Moved to its own thread: ${formatMrkdwnLink(card.threadUrl, 'open the thread')}`;
  return {
    text: `Moved to its own thread (${formatConversationRef(card.ref)})`,
    blocks: [{ type: 'section', block_id: 'card_moved', text: { type: 'mrkdwn', text } }],
  };
}

function describeStatus(card: SurgeCardView): string {
  const parts = card.status === 'replied' && card.lastReply ? [] : [STATUS_LABELS[card.status]];
  if (card.lastReply) parts.push(`↩️ Replied by ${describeReplier(card.lastReply, card.network)} ${formatSlackDate(card.lastReply.at, '{time}')}`);
  if (card.replyingSlackUserId) parts.push(`✍️ <@${card.replyingSlackUserId}> is replying…`);
  return parts.join(' · ');
}

const STATUS_LABELS: Record<SurgeCardView['status'], string> = {
  new: '🆕 New',
  open: '💬 Open',
  assigned: '👤 Assigned',
  awaiting_approval: '⏳ Awaiting approval',
  replied: '↩️ Replied',
  resolved: '✅ Resolved',
};

function button(label: string, actionId: string, value: string): types.Button {
  return { type: 'button', text: { type: 'plain_text', text: label, emoji: true }, action_id: actionId, value };
}

function context(blockId: string, text: string): types.ContextBlock {
  return { type: 'context', block_id: blockId, elements: [{ type: 'mrkdwn', text }] };
}

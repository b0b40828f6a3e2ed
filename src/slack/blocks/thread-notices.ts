import type { Network } from '../../channels/network.js';
import { ACTION_IDS } from './action-ids.js';
import { escapeMrkdwn, formatMrkdwnLink } from './escape-mrkdwn.js';
import { SECTION_TEXT_MAX } from './slack-limits.js';
import type { SlackMessage } from './slack-message.js';
import { truncateMrkdwn } from './truncate-mrkdwn.js';

export interface ReplySentNotice {
  network: Network;
  slackUserId: string;
  text: string;
  postUrl: string;
  /** Who approved it, when it was held as a draft. */
  approvedBySlackUserId?: string | undefined;
  /** Whose draft the author rewrote, when an approver edited a held draft. */
  draftedBySlackUserId?: string | undefined;
}

export interface ReplyFailedNotice {
  network: Network;
  /** Earshot's id of the outbound message; the Retry button carries it. */
  messageId: string;
  plainMessage: string;
  /** Mentioned so the author of the reply hears about the failure. */
  slackUserId?: string;
  replyText?: string;
  /** False when retrying cannot help (e.g. the post was deleted). */
  offerRetry?: boolean;
  /** The same text would be refused again (a network's duplicate rule): offer to edit it instead of Retry. */
  offerEdit?: boolean;
  /** Earshot's automatic out-of-hours reply, not a person's. */
  automated?: boolean;
}

export interface AutomatedReplyNotice {
  network: Network;
  text: string;
  postUrl: string;
}

export function renderReplySentNotice(notice: ReplySentNotice): SlackMessage {
  const credits = [
    notice.draftedBySlackUserId ? `edited from <@${notice.draftedBySlackUserId}>'s draft` : undefined,
    notice.approvedBySlackUserId && notice.approvedBySlackUserId !== notice.slackUserId ? `approved by <@${notice.approvedBySlackUserId}>` : undefined,
  ].filter((credit) => credit !== undefined);
  const lead = `Replied publicly by <@${notice.slackUserId}>${credits.length ? ` (${credits.join(', ')})` : ''}`;
  const link = ` · ${formatMrkdwnLink(notice.postUrl, `View on ${notice.network.name}`)}`;
  const prefix = `↩️ ${lead}: `;
  const quoted = truncateMrkdwn(Array.from(notice.text, escapeMrkdwn), SECTION_TEXT_MAX - prefix.length - link.length);
  return {
    text: `${lead}: ${quoted}`,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `${prefix}${quoted}${link}` } }],
  };
}

/** Earshot's out-of-hours acknowledgement, sent without anyone in Slack writing it. */
export function renderAutomatedReplySentNotice(notice: AutomatedReplyNotice): SlackMessage {
  const lead = 'Automatic out-of-hours reply sent';
  const link = ` · ${formatMrkdwnLink(notice.postUrl, `View on ${notice.network.name}`)}`;
  const prefix = `🤖 ${lead}: `;
  const quoted = truncateMrkdwn(Array.from(notice.text, escapeMrkdwn), SECTION_TEXT_MAX - prefix.length - link.length);
  return {
    text: `${lead}: ${quoted}`,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `${prefix}${quoted}${link}` } },
      {
        type: 'context',
        elements: [{ type: 'mrkdwn', text: 'Sent by Earshot automatically outside business hours, not by the team: the customer still waits for an answer.' }],
      },
    ],
  };
}

export function renderReplyFailedNotice(notice: ReplyFailedNotice): SlackMessage {
  const who = notice.automated ? 'The automatic out-of-hours reply' : notice.slackUserId ? `<@${notice.slackUserId}>, your reply` : 'The reply';
  const reason = escapeMrkdwn(notice.plainMessage);
  const headline = `⚠️ *${who} was not posted on ${notice.network.name}.* ${reason}`;
  const text = notice.replyText ? `${headline}\n${quoteWithin(notice.replyText, SECTION_TEXT_MAX - headline.length - 1)}` : headline;
  const message: SlackMessage = {
    text: `Reply not posted on ${notice.network.name}: ${reason}`,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }],
  };
  if (notice.offerEdit) {
    message.blocks.push({
      type: 'actions',
      block_id: 'reply_failure_actions',
      elements: [{ type: 'button', text: { type: 'plain_text', text: 'Edit and send again' }, action_id: ACTION_IDS.draftRetry, value: notice.messageId }],
    });
  } else if (notice.offerRetry !== false) {
    message.blocks.push({
      type: 'actions',
      block_id: 'reply_failure_actions',
      elements: [{ type: 'button', text: { type: 'plain_text', text: 'Retry' }, action_id: ACTION_IDS.replyRetry, value: notice.messageId }],
    });
  }
  return message;
}

export interface ReplySendingNotice {
  network: Network;
  slackUserId: string;
  replyText: string;
  /** Why the last attempt did not go through, when the network asked to wait (a rate limit, a server error). */
  waitingBecause?: string | undefined;
}

/**
 * A reply on its way to the network, shown as soon as it is queued; the same message later says how it went
 * (sent with a link, or failed with Retry), so the thread is never silent while the network makes us wait.
 */
export function renderReplySendingNotice(notice: ReplySendingNotice): SlackMessage {
  const headline = `📤 *Sending… <@${notice.slackUserId}>'s reply is on its way to ${notice.network.name}.*${notice.waitingBecause ? ` ${escapeMrkdwn(notice.waitingBecause)}` : ''}`;
  return {
    text: `Sending reply to ${notice.network.name}…${notice.waitingBecause ? ` ${escapeMrkdwn(notice.waitingBecause)}` : ''}`,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `${headline}\n${quoteWithin(notice.replyText, SECTION_TEXT_MAX - headline.length - 1)}` } }],
  };
}

export interface ReplyNotSentYetNotice {
  /** Earshot's id of the outbound message; the Retry button carries it. */
  messageId: string;
  slackUserId: string;
  replyText: string;
  minutesWaiting: number;
}

/** A reply still queued long after it was sent from Slack (see stuck-replies.ts): said, never silent. */
export function renderReplyNotSentYetNotice(notice: ReplyNotSentYetNotice): SlackMessage {
  const headline = `⏳ *<@${notice.slackUserId}>, your reply is not sent yet* (waiting for ${notice.minutesWaiting} minutes). Retry sends it now; it is never posted twice.`;
  return {
    text: 'Reply not sent yet — Retry',
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text: `${headline}\n${quoteWithin(notice.replyText, SECTION_TEXT_MAX - headline.length - 1)}` } },
      {
        type: 'actions',
        block_id: 'reply_stuck_actions',
        elements: [{ type: 'button', text: { type: 'plain_text', text: 'Retry' }, action_id: ACTION_IDS.replyRetry, value: notice.messageId }],
      },
    ],
  };
}

function quoteWithin(text: string, maxLength: number): string {
  return `> ${truncateMrkdwn(
    Array.from(text, (ch) => (ch === '\n' ? '\n> ' : escapeMrkdwn(ch))),
    maxLength - 2,
  )}`;
}

/** The customer deleted the post the thread is about; Earshot still shows the text it stored. */
export function renderCustomerDeletedPostNotice(network: Network): SlackMessage {
  const text = `🗑️ The customer deleted this post on ${network.name}. Its text stays in this thread, and a reply to it can no longer be posted.`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

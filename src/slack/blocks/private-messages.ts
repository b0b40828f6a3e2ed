import type { types } from '@slack/bolt';
import type { Network } from '../../channels/network.js';
import { escapeMrkdwn, formatMrkdwnLink } from './escape-mrkdwn.js';
import { formatSlackDate } from './format-slack-date.js';
import { PRIVATE_ACTION_IDS } from './private-ids.js';
import { SECTION_TEXT_MAX } from './slack-limits.js';
import type { SlackMessage } from './slack-message.js';
import { escapeAndTruncate, truncateMrkdwn } from './truncate-mrkdwn.js';
import { keptSettledNote } from './kept-settled-note.js';

const NOTIFICATION_PREVIEW_MAX = 150;

export interface DirectMessageReceived {
  network: Network;
  handle: string;
  authorName?: string | undefined;
  text: string;
  createdAt: Date;
  /** The DM conversation on the network, when known. */
  conversationUrl?: string | undefined;
  /** A bare thanks after the team answered: the conversation kept its status. */
  keptSettled?: boolean | undefined;
}

/** A customer's direct message, shown in the conversation's thread. */
export function renderDirectMessageReceived(dm: DirectMessageReceived): SlackMessage {
  const who = dm.authorName && dm.authorName !== dm.handle ? ` (${escapeMrkdwn(dm.authorName)})` : '';
  const lead = `🔒 *DM from @${escapeMrkdwn(dm.handle)}*${who}:`;
  const details = [formatSlackDate(dm.createdAt), 'Direct message: only the customer and the team can see it'];
  if (dm.conversationUrl) details.push(formatMrkdwnLink(dm.conversationUrl, `Open on ${dm.network.name}`));
  if (dm.keptSettled) details.push(keptSettledNote);
  return {
    text: `🔒 DM from @${escapeMrkdwn(dm.handle)}: ${preview(dm.text)}`,
    blocks: [section(lead, dm.text), { type: 'context', elements: [{ type: 'mrkdwn', text: details.join(' · ') }] }],
  };
}

/** A direct message Earshot sent for someone in Slack. */
export function renderDirectMessageSent(dm: { network: Network; slackUserId: string; text: string; createdAt: Date }): SlackMessage {
  const lead = `🔒 *DM sent by <@${dm.slackUserId}>:*`;
  return {
    text: `🔒 DM sent by <@${dm.slackUserId}>: ${preview(dm.text)}`,
    blocks: [
      section(lead, dm.text),
      { type: 'context', elements: [{ type: 'mrkdwn', text: `${formatSlackDate(dm.createdAt)} · Direct message on ${dm.network.name}` }] },
    ],
  };
}

/** A direct message the account sent outside Earshot (e.g. from the network's app). */
export function renderDirectMessageSentElsewhere(dm: { network: Network; accountHandle: string; text: string; createdAt: Date }): SlackMessage {
  const lead = `🔒 *DM sent by @${escapeMrkdwn(dm.accountHandle)}* (outside Earshot):`;
  return {
    text: `🔒 DM sent by @${escapeMrkdwn(dm.accountHandle)} (outside Earshot): ${preview(dm.text)}`,
    blocks: [
      section(lead, dm.text),
      { type: 'context', elements: [{ type: 'mrkdwn', text: `${formatSlackDate(dm.createdAt)} · Direct message on ${dm.network.name}` }] },
    ],
  };
}

/** A direct message waiting to be sent again (e.g. until the network's DM limit resets). */
export function renderDirectMessageWaiting(dm: { slackUserId: string; text: string; plainMessage: string }): SlackMessage {
  const lead = `⏳ 🔒 *DM by <@${dm.slackUserId}> not sent yet.* ${escapeAndTruncate(dm.plainMessage, 1000)}`;
  return { text: `DM not sent yet: ${escapeAndTruncate(dm.plainMessage, 1000)}`, blocks: [section(lead, dm.text)] };
}

export interface DirectMessageFailed {
  messageId: string;
  plainMessage: string;
  slackUserId?: string | undefined;
  text?: string | undefined;
  /** False when retrying cannot help. */
  offerRetry?: boolean;
}

/** A direct message the network did not take, in plain words, with a Retry button. */
export function renderDirectMessageFailed(notice: DirectMessageFailed): SlackMessage {
  const who = notice.slackUserId ? `<@${notice.slackUserId}>, your direct message` : 'The direct message';
  const headline = `⚠️ 🔒 *${who} was not sent.* ${escapeAndTruncate(notice.plainMessage, 1000)}`;
  const body = notice.text ? `${headline}\n${quote(notice.text, SECTION_TEXT_MAX - headline.length - 1)}` : headline;
  const blocks: types.KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: body } }];
  if (notice.offerRetry !== false) {
    blocks.push({
      type: 'actions',
      block_id: 'private_failure_actions',
      elements: [{ type: 'button', text: { type: 'plain_text', text: 'Retry' }, action_id: PRIVATE_ACTION_IDS.retry, value: notice.messageId }],
    });
  }
  return { text: `Direct message not sent: ${escapeAndTruncate(notice.plainMessage, 1000)}`, blocks };
}

function section(lead: string, text: string): types.SectionBlock {
  const body = truncateMrkdwn(Array.from(text, escapeMrkdwn), SECTION_TEXT_MAX - lead.length - 1) || '_(no text)_';
  return { type: 'section', text: { type: 'mrkdwn', text: `${lead}\n${body}` } };
}

function quote(text: string, maxLength: number): string {
  return `> ${truncateMrkdwn(
    Array.from(text, (ch) => (ch === '\n' ? '\n> ' : escapeMrkdwn(ch))),
    maxLength - 2,
  )}`;
}

function preview(text: string): string {
  const flat = Array.from(text.replace(/\s+/g, ' ').trim());
  return escapeMrkdwn(flat.length > NOTIFICATION_PREVIEW_MAX ? `${flat.slice(0, NOTIFICATION_PREVIEW_MAX - 1).join('')}…` : flat.join(''));
}

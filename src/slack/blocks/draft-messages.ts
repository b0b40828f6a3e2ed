import type { types } from '@slack/bolt';
import type { Network } from '../../channels/network.js';
import { formatConversationRef } from '../../domain/conversation-ref.js';
import { ACTION_IDS, CALLBACK_IDS } from './action-ids.js';
import { escapeMrkdwn, formatMrkdwnLink } from './escape-mrkdwn.js';
import { renderNoticeModal } from './notice-modal.js';
import { SECTION_TEXT_MAX } from './slack-limits.js';
import type { SlackMessage } from './slack-message.js';
import { truncateMrkdwn } from './truncate-mrkdwn.js';

export interface DraftDescription {
  /** The conversation's network, where a public reply is posted. */
  network: Network;
  /** Earshot's id of the held message; the buttons carry it. */
  messageId: string;
  authorSlackUserId: string | null;
  text: string;
  reason: string;
}

const DRAFT_ACTIONS_BLOCK = 'draft_actions';
export const REJECT_REASON_BLOCK = 'draft_reject_reason';

function author(draft: { authorSlackUserId: string | null }): string {
  return draft.authorSlackUserId ? `<@${draft.authorSlackUserId}>` : 'someone';
}

function quote(text: string, room: number): string {
  return `> ${truncateMrkdwn(
    Array.from(text, (ch) => (ch === '\n' ? '\n> ' : escapeMrkdwn(ch))),
    room - 2,
  )}`;
}

function section(headline: string, text: string): types.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: `${headline}\n${quote(text, SECTION_TEXT_MAX - headline.length - 1)}` } };
}

/**
 * A held reply or direct message in the conversation's thread: approvers are mentioned (so
 * notified) and review it here. A direct message is approved or rejected as written (the edit
 * modal checks public replies).
 */
export function renderPendingDraft(draft: DraftDescription & { approverMentions: readonly string[]; visibility?: 'public' | 'private' }): SlackMessage {
  const direct = draft.visibility === 'private';
  const what = direct ? 'Draft direct message' : 'Draft reply';
  const headline = `📝 *${what} by ${author(draft)} awaiting approval* (${escapeMrkdwn(draft.reason)})`;
  const approvers = draft.approverMentions.length > 0 ? `${draft.approverMentions.join(' ')}: please review. ` : '';
  const nothing = direct
    ? 'Nothing is sent to the customer until an approver approves it.'
    : `Nothing is posted on ${draft.network.name} until an approver approves it.`;
  const buttons: types.Button[] = [
    { type: 'button', text: { type: 'plain_text', text: 'Approve' }, style: 'primary', action_id: ACTION_IDS.draftApprove, value: draft.messageId },
    ...(direct
      ? []
      : [{ type: 'button' as const, text: { type: 'plain_text' as const, text: 'Edit' }, action_id: ACTION_IDS.draftEdit, value: draft.messageId }]),
    { type: 'button', text: { type: 'plain_text', text: 'Reject' }, style: 'danger', action_id: ACTION_IDS.draftReject, value: draft.messageId },
  ];
  return {
    text: `${what} by ${author(draft)} awaiting approval (${escapeMrkdwn(draft.reason)})`,
    blocks: [
      section(headline, draft.text),
      { type: 'context', elements: [{ type: 'mrkdwn', text: `${approvers}${nothing}` }] },
      { type: 'actions', block_id: DRAFT_ACTIONS_BLOCK, elements: buttons },
    ],
  };
}

/** Approved, on its way to the network (the "Replied publicly" notice replaces it once posted). */
export function renderApprovedDraft(draft: Omit<DraftDescription, 'reason'> & { reviewedBySlackUserId: string }): SlackMessage {
  const where = draft.network.name;
  const headline = `✅ *Approved by <@${draft.reviewedBySlackUserId}>*: posting ${author(draft)}'s reply on ${where}…`;
  return { text: `Approved by <@${draft.reviewedBySlackUserId}>: posting the reply on ${where}`, blocks: [section(headline, draft.text)] };
}

export function renderRejectedDraft(
  draft: Omit<DraftDescription, 'reason' | 'network'> & { reviewedBySlackUserId: string | null; rejectionReason: string },
): SlackMessage {
  const reviewer = draft.reviewedBySlackUserId ? `<@${draft.reviewedBySlackUserId}>` : 'an approver';
  const headline = `🚫 *Rejected by ${reviewer}*: ${escapeMrkdwn(draft.rejectionReason)}\nDraft by ${author(draft)}, not posted:`;
  return { text: `Draft rejected by ${reviewer}: ${escapeMrkdwn(draft.rejectionReason)}`, blocks: [section(headline, draft.text)] };
}

/** What the author sees once the reply modal is submitted and the reply (or direct message) is held. */
export function renderDraftHeldModal(network: Network, reason: string, audience: 'public' | 'direct' = 'public'): types.ModalView {
  const what = audience === 'direct' ? 'direct message' : 'reply';
  const nothing = audience === 'direct' ? 'nothing is sent to the customer' : `nothing is posted on ${network.name}`;
  return renderNoticeModal({
    title: 'Sent for approval',
    text: `Your ${what} needs an approver's OK (${escapeMrkdwn(reason)}). It is in the conversation's thread; ${nothing} until it is approved.`,
  });
}

/** Take private with held messages: what went, and what waits in the thread for an approver; undefined when nothing waits. */
export function takePrivateHeldNotice(network: Network, held: { invitation?: string | undefined; directMessage?: string | undefined }): string | undefined {
  if (held.invitation && held.directMessage) {
    return `Your public invitation (${held.invitation}) and your direct message (${held.directMessage}) need an approver's OK; they are in the conversation's thread and go out once approved.`;
  }
  if (held.invitation)
    return `The direct message was sent. Your public invitation needs an approver's OK (${held.invitation}); it is in the conversation's thread and is posted on ${network.name} once approved.`;
  if (held.directMessage)
    return `The public invitation is on its way. Your direct message needs an approver's OK (${held.directMessage}); it is in the conversation's thread and is sent once approved.`;
  return undefined;
}

/** Reject: the reason is required, the author reads it. */
export function renderRejectDraftModal(messageId: string): types.ModalView {
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.draftRejectSubmit,
    title: { type: 'plain_text', text: 'Reject draft' },
    submit: { type: 'plain_text', text: 'Reject' },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: messageId,
    blocks: [
      {
        type: 'input',
        block_id: REJECT_REASON_BLOCK,
        label: { type: 'plain_text', text: 'Why? The author will read this' },
        element: { type: 'plain_text_input', action_id: ACTION_IDS.draftRejectReason, multiline: true, max_length: 1000 },
      },
    ],
  };
}

/** The DM to the author of a rejected draft: the reason, their text, and a way to try again. */
export function renderDraftRejectedDirectMessage(input: {
  messageId: string;
  reviewedBySlackUserId: string | null;
  rejectionReason: string;
  text: string;
  ref: number;
  customerHandle: string;
  threadUrl: string | undefined;
}): SlackMessage {
  const reviewer = input.reviewedBySlackUserId ? `<@${input.reviewedBySlackUserId}>` : 'An approver';
  const where = `your reply to @${escapeMrkdwn(input.customerHandle)} (${formatConversationRef(input.ref)})`;
  const link = input.threadUrl ? ` · ${formatMrkdwnLink(input.threadUrl, 'open the thread')}` : '';
  const headline = `🚫 ${reviewer} rejected ${where}${link}\n*Reason:* ${escapeMrkdwn(input.rejectionReason)}\nYour draft:`;
  return {
    text: `${reviewer} rejected your reply to @${escapeMrkdwn(input.customerHandle)}: ${escapeMrkdwn(input.rejectionReason)}`,
    blocks: [
      section(headline, input.text),
      {
        type: 'actions',
        elements: [{ type: 'button', text: { type: 'plain_text', text: 'Edit and send again' }, action_id: ACTION_IDS.draftRetry, value: input.messageId }],
      },
    ],
  };
}

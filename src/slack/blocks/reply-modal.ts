import type { types } from '@slack/bolt';
import { z } from 'zod';
import type { Network, ReplyLength } from '../../channels/network.js';
import { applySignature } from '../../domain/signature.js';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS } from './action-ids.js';
import { escapeMrkdwn } from './escape-mrkdwn.js';
import { renderDirectMessageReplyModal } from './private-reply-modal.js';
import { OPTION_TEXT_MAX, PUBLIC_REPLY_INPUT_MAX, SELECT_OPTIONS_MAX, TEXT_INPUT_MAX } from './slack-limits.js';

export interface SavedReply {
  label: string;
  text: string;
}

export interface ReplyModalInput {
  conversationId: string;
  /** The conversation's network: its name, its length rule and who it lets the brand reply to. */
  network: Network;
  handle: string;
  /** Defaults to "@handle ". */
  initialText?: string;
  signature?: string;
  /** Option values are indexes into this list. */
  savedReplies?: readonly SavedReply[];
  /** Defaults to the length of `initialText` once signed. */
  lengthInfo?: ReplyLength;
  /**
   * Slack keeps what the person typed across views.update while the input's block_id stays the
   * same; bump the revision to replace the text (e.g. with a saved reply).
   */
  revision?: number;
  /** `private`: the conversation was taken private, so the reply goes out as a direct message. */
  visibility?: 'public' | 'private';
  /** An approver editing a held draft: submitting approves it, as written (no signature added). */
  draft?: { messageId: string; authorSlackUserId: string | null };
}

const replyModalMetadata = z.object({
  conversationId: z.string().min(1),
  revision: z.number().int().nonnegative(),
  draftMessageId: z.string().min(1).optional(),
  draftAuthorSlackUserId: z.string().min(1).optional(),
});
export type ReplyModalMetadata = z.infer<typeof replyModalMetadata>;

/** The block id of the reply text input; submission errors must be keyed by it. */
export function replyTextBlockId(revision = 0): string {
  return revision === 0 ? BLOCK_IDS.replyText : `${BLOCK_IDS.replyText}_${revision}`;
}

export function readReplyModalMetadata(privateMetadata: string): ReplyModalMetadata | null {
  try {
    const parsed = replyModalMetadata.safeParse(JSON.parse(privateMetadata));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** The "Reply on <network>" modal: the text with a live count as the network counts, saved replies and the signature. */
export function renderReplyModal(input: ReplyModalInput): types.ModalView {
  const draft = input.draft;
  if (input.visibility === 'private' && !draft) return renderDirectMessageReplyModal(input);
  const handle = input.handle.replace(/^@/, '');
  const initialText = input.initialText ?? `@${handle} `;
  const revision = input.revision ?? 0;
  const signature = draft ? undefined : input.signature;
  const { network } = input;
  const length = input.lengthInfo ?? network.measureReply(applySignature(initialText, signature));
  const inputMax = replyInputMax(length.limit);
  const metadata: ReplyModalMetadata = {
    conversationId: input.conversationId,
    revision,
    ...(draft ? { draftMessageId: draft.messageId, ...(draft.authorSlackUserId ? { draftAuthorSlackUserId: draft.authorSlackUserId } : {}) } : {}),
  };

  const blocks: types.KnownBlock[] = [];
  if (input.savedReplies && input.savedReplies.length > 0) blocks.push(renderSavedReplies(input.savedReplies));
  blocks.push(
    {
      type: 'input',
      block_id: replyTextBlockId(revision),
      dispatch_action: true,
      label: { type: 'plain_text', text: `Reply to @${handle}` },
      hint: { type: 'plain_text', text: describeReplyBox(network, length.limit, inputMax) },
      element: {
        type: 'plain_text_input',
        action_id: ACTION_IDS.replyTextInput,
        multiline: true,
        max_length: inputMax,
        initial_value: Array.from(initialText).slice(0, inputMax).join(''),
        dispatch_action_config: { trigger_actions_on: ['on_character_entered'] },
      },
    },
    { type: 'context', block_id: 'reply_length', elements: [{ type: 'mrkdwn', text: describeLength(network, length) }] },
    {
      type: 'context',
      block_id: 'reply_signature',
      elements: [{ type: 'mrkdwn', text: draft ? describeDraft(draft.authorSlackUserId) : describeSignature(signature) }],
    },
  );

  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.replySubmit,
    title: { type: 'plain_text', text: draft ? 'Edit draft' : `Reply on ${network.name}` },
    submit: { type: 'plain_text', text: draft ? 'Approve and post' : 'Post reply' },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: JSON.stringify(metadata),
    notify_on_close: true,
    blocks,
  };
}

/**
 * The box stops a little past the network's limit (longer text is refused anyway, and a box that
 * kept growing would break the live count at Slack's 3,000), or at Slack's 3,000 for long limits.
 */
function replyInputMax(limit: number): number {
  return limit < PUBLIC_REPLY_INPUT_MAX ? PUBLIC_REPLY_INPUT_MAX : TEXT_INPUT_MAX;
}

function describeReplyBox(network: Network, limit: number, inputMax: number): string {
  const boxStops =
    limit < inputMax
      ? `${network.name} takes ${limit.toLocaleString('en-US')} characters, so this box stops at ${inputMax.toLocaleString('en-US')}.`
      : `${network.name} takes ${limit.toLocaleString('en-US')} characters; this box stops at ${inputMax.toLocaleString('en-US')}, Slack's limit.`;
  return [`Posted publicly on ${network.name}: anyone can read it.`, boxStops, network.replyConstraint].filter(Boolean).join(' ');
}

function describeLength(network: Network, length: ReplyLength): string {
  const count = `${length.used.toLocaleString('en-US')}/${length.limit.toLocaleString('en-US')} characters`;
  return length.remaining < 0 ? `⚠️ *${count}* · ${(-length.remaining).toLocaleString('en-US')} over ${network.name}'s limit` : count;
}

function describeDraft(authorSlackUserId: string | null): string {
  const whose = authorSlackUserId ? `<@${authorSlackUserId}>'s draft` : 'the draft';
  return `Editing ${whose}: posting it approves it, as written here.`;
}

function describeSignature(signature: string | undefined): string {
  const mark = signature?.trim();
  return mark ? `Signed ${escapeMrkdwn(mark)} — change with /social signature` : 'No signature — add one with /social signature';
}

function renderSavedReplies(savedReplies: readonly SavedReply[]): types.ActionsBlock {
  return {
    type: 'actions',
    block_id: 'saved_replies',
    elements: [
      {
        type: 'static_select',
        action_id: ACTION_IDS.savedReplySelect,
        placeholder: { type: 'plain_text', text: 'Insert a saved reply' },
        options: savedReplies.slice(0, SELECT_OPTIONS_MAX).map((saved, index) => ({
          text: { type: 'plain_text', text: clip(saved.label) },
          description: { type: 'plain_text', text: clip(saved.text) },
          value: String(index),
        })),
      },
    ],
  };
}

function clip(text: string): string {
  const characters = Array.from(text.replace(/\s+/g, ' ').trim());
  return characters.length > OPTION_TEXT_MAX ? `${characters.slice(0, OPTION_TEXT_MAX - 1).join('')}…` : characters.join('');
}

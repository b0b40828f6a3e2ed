import type { types } from '@slack/bolt';
import { z } from 'zod';
import { measureReply, type ReplyLength } from '../../domain/reply-length.js';
import { applySignature } from '../../domain/signature.js';
import { ACTION_IDS, BLOCK_IDS, CALLBACK_IDS } from './action-ids.js';
import { escapeMrkdwn } from './escape-mrkdwn.js';
import { renderDirectMessageReplyModal } from './private-reply-modal.js';
import { OPTION_TEXT_MAX, PUBLIC_REPLY_INPUT_MAX, SELECT_OPTIONS_MAX } from './slack-limits.js';

export interface SavedReply {
  label: string;
  text: string;
}

export interface ReplyModalInput {
  conversationId: string;
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

/** The "Reply on X" modal: the text with a live X-weighted count, saved replies and the signature. */
export function renderReplyModal(input: ReplyModalInput): types.ModalView {
  const draft = input.draft;
  if (input.visibility === 'private' && !draft) return renderDirectMessageReplyModal(input);
  const handle = input.handle.replace(/^@/, '');
  const initialText = input.initialText ?? `@${handle} `;
  const revision = input.revision ?? 0;
  const signature = draft ? undefined : input.signature;
  const length = input.lengthInfo ?? measureReply(applySignature(initialText, signature));
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
      hint: {
        type: 'plain_text',
        text: `Posted publicly on X: anyone can read it. X takes 280 characters, so this box stops at ${PUBLIC_REPLY_INPUT_MAX.toLocaleString('en-US')}.`,
      },
      element: {
        type: 'plain_text_input',
        action_id: ACTION_IDS.replyTextInput,
        multiline: true,
        max_length: PUBLIC_REPLY_INPUT_MAX,
        initial_value: Array.from(initialText).slice(0, PUBLIC_REPLY_INPUT_MAX).join(''),
        dispatch_action_config: { trigger_actions_on: ['on_character_entered'] },
      },
    },
    { type: 'context', block_id: 'reply_length', elements: [{ type: 'mrkdwn', text: describeLength(length) }] },
    {
      type: 'context',
      block_id: 'reply_signature',
      elements: [{ type: 'mrkdwn', text: draft ? describeDraft(draft.authorSlackUserId) : describeSignature(signature) }],
    },
  );

  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.replySubmit,
    title: { type: 'plain_text', text: draft ? 'Edit draft' : 'Reply on X' },
    submit: { type: 'plain_text', text: draft ? 'Approve and post' : 'Post reply' },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: JSON.stringify(metadata),
    notify_on_close: true,
    blocks,
  };
}

function describeLength(length: ReplyLength): string {
  const count = `${length.weightedLength}/${length.limit} characters`;
  return length.remaining < 0 ? `⚠️ *${count}* · ${-length.remaining} over X's limit` : count;
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

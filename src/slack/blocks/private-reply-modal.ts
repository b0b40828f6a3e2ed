import type { types } from '@slack/bolt';
import type { DirectMessageRules, Network } from '../../channels/network.js';
import { applySignature } from '../../domain/signature.js';
import { ACTION_IDS, CALLBACK_IDS } from './action-ids.js';
import { escapeMrkdwn } from './escape-mrkdwn.js';
import { replyTextBlockId, type ReplyModalInput, type ReplyModalMetadata } from './reply-modal.js';
import { TEXT_INPUT_MAX } from './slack-limits.js';

/**
 * The reply modal of a private conversation: the text goes to the customer as a direct message.
 * Same callback, block and action ids as the public one, so the same listeners handle it.
 */
export function renderDirectMessageReplyModal(input: ReplyModalInput): types.ModalView {
  const { network } = input;
  const rules = network.directMessages;
  if (!rules) throw new Error(`${network.name} has no direct messages: a conversation there cannot be private`);
  const handle = input.handle.replace(/^@/, '');
  const initialText = input.initialText ?? '';
  const revision = input.revision ?? 0;
  const metadata: ReplyModalMetadata = { conversationId: input.conversationId, revision };
  const length = rules.measure(applySignature(initialText, input.signature));
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.replySubmit,
    title: { type: 'plain_text', text: 'Direct message' },
    submit: { type: 'plain_text', text: 'Send DM' },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: JSON.stringify(metadata),
    notify_on_close: true,
    blocks: [
      {
        type: 'input',
        block_id: replyTextBlockId(revision),
        dispatch_action: true,
        label: { type: 'plain_text', text: `Direct message to @${handle}` },
        hint: {
          type: 'plain_text',
          text: `This conversation is private: the reply is sent as a direct message on ${network.name} that only @${handle} sees. Account details are fine here.`,
        },
        element: {
          type: 'plain_text_input',
          action_id: ACTION_IDS.replyTextInput,
          multiline: true,
          // Slack's box takes at most 3,000 characters, whatever the network takes in a DM.
          max_length: Math.min(TEXT_INPUT_MAX, rules.limit),
          ...(initialText !== '' ? { initial_value: Array.from(initialText).slice(0, TEXT_INPUT_MAX).join('') } : {}),
          dispatch_action_config: { trigger_actions_on: ['on_character_entered'] },
        },
      },
      { type: 'context', block_id: 'reply_length', elements: [{ type: 'mrkdwn', text: describeDirectMessageLength(network, rules, length) }] },
      { type: 'context', block_id: 'reply_signature', elements: [{ type: 'mrkdwn', text: describeSignature(input.signature) }] },
    ],
  };
}

export function describeDirectMessageLength(network: Network, rules: DirectMessageRules, length: number): string {
  const count = `${length.toLocaleString('en-US')}/${rules.limit.toLocaleString('en-US')} characters`;
  return length > rules.limit ? `⚠️ *${count}* · ${(length - rules.limit).toLocaleString('en-US')} over ${network.name}'s limit for direct messages` : count;
}

export function describeSignature(signature: string | undefined): string {
  const mark = signature?.trim();
  return mark ? `Signed ${escapeMrkdwn(mark)} — change with /social signature` : 'No signature — add one with /social signature';
}

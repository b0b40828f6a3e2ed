import type { types } from '@slack/bolt';
import { z } from 'zod';
import type { Network } from '../../channels/network.js';
import { PRIVATE_ACTION_IDS, PRIVATE_BLOCK_IDS, PRIVATE_CALLBACK_IDS } from './private-ids.js';
import { describeSignature } from './private-reply-modal.js';
import { PUBLIC_REPLY_INPUT_MAX, TEXT_INPUT_MAX } from './slack-limits.js';

export interface TakePrivateModalInput {
  conversationId: string;
  network: Network;
  handle: string;
  name?: string | undefined;
  signature?: string | undefined;
}

const takePrivateMetadata = z.object({ conversationId: z.string().min(1) });
export type TakePrivateMetadata = z.infer<typeof takePrivateMetadata>;

export function readTakePrivateMetadata(privateMetadata: string): TakePrivateMetadata | null {
  try {
    const parsed = takePrivateMetadata.safeParse(JSON.parse(privateMetadata));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

export function defaultInviteText(handle: string): string {
  return `@${handle.replace(/^@/, '')} We've sent you a direct message so we can look at your account privately.`;
}

export function defaultFirstDirectMessage(handle: string, name?: string): string {
  const greeting = name?.trim() ? name.trim() : `@${handle.replace(/^@/, '')}`;
  return `Hi ${greeting}, thanks for getting in touch. So that we can look at your account, could you reply here with your order or account number? Please don't post it publicly.`;
}

/** "Take private": a short public reply inviting the customer to DMs, and the first direct message. */
export function renderTakePrivateModal(input: TakePrivateModalInput): types.ModalView {
  const handle = input.handle.replace(/^@/, '');
  const metadata: TakePrivateMetadata = { conversationId: input.conversationId };
  return {
    type: 'modal',
    callback_id: PRIVATE_CALLBACK_IDS.takePrivateSubmit,
    title: { type: 'plain_text', text: 'Take private' },
    submit: { type: 'plain_text', text: 'Take private' },
    close: { type: 'plain_text', text: 'Cancel' },
    private_metadata: JSON.stringify(metadata),
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: `🔒 The conversation moves to direct messages: after this, replies from Slack go to @${handle} as DMs, never publicly.`,
        },
      },
      {
        type: 'input',
        block_id: PRIVATE_BLOCK_IDS.publicText,
        label: { type: 'plain_text', text: `Public reply on ${input.network.name}` },
        hint: { type: 'plain_text', text: `Posted publicly in reply to @${handle}: anyone can read it, so no account details.` },
        element: {
          type: 'plain_text_input',
          action_id: PRIVATE_ACTION_IDS.publicText,
          multiline: true,
          max_length: PUBLIC_REPLY_INPUT_MAX,
          initial_value: defaultInviteText(handle),
        },
      },
      {
        type: 'input',
        block_id: PRIVATE_BLOCK_IDS.directMessageText,
        label: { type: 'plain_text', text: `Direct message to @${handle}` },
        hint: { type: 'plain_text', text: `Only @${handle} sees it; account details are fine here.` },
        element: {
          type: 'plain_text_input',
          action_id: PRIVATE_ACTION_IDS.directMessageText,
          multiline: true,
          max_length: TEXT_INPUT_MAX,
          initial_value: defaultFirstDirectMessage(handle, input.name),
        },
      },
      { type: 'context', block_id: 'private_signature', elements: [{ type: 'mrkdwn', text: describeSignature(input.signature) }] },
    ],
  };
}

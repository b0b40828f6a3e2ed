import { formatConversationRef } from '../../domain/conversation-ref.js';
import { ACTION_IDS } from './action-ids.js';
import { escapeMrkdwn, formatMrkdwnLink } from './escape-mrkdwn.js';
import type { SlackMessage } from './slack-message.js';

export interface HandoffDescription {
  byUserId: string;
  toUserId: string | null;
  toTeamId: string | null;
  note: string | null;
}

function recipients(handoff: HandoffDescription): string {
  return [handoff.toUserId ? `<@${handoff.toUserId}>` : null, handoff.toTeamId ? `<!subteam^${handoff.toTeamId}>` : null].filter(Boolean).join(' and ');
}

function quotedNote(note: string | null): string {
  return note ? `\n>${escapeMrkdwn(note).replace(/\n/g, '\n>')}` : '';
}

/** The record in the conversation's thread: who handed it to whom, and why. */
export function renderHandoffThreadNote(handoff: HandoffDescription): SlackMessage {
  const text = `↪️ <@${handoff.byUserId}> handed this to ${recipients(handoff)}${quotedNote(handoff.note)}`;
  return { text, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }] };
}

/** The direct message to the assignee, or to each member of the team (with "Take it"). */
export function renderHandoffDirectMessage(input: {
  handoff: HandoffDescription;
  conversationId: string;
  ref: number;
  customerHandle: string;
  threadUrl: string;
  offerTake: boolean;
}): SlackMessage {
  const target = input.offerTake ? `your team <!subteam^${input.handoff.toTeamId}>` : 'you';
  const text = `<@${input.handoff.byUserId}> handed ${target} a conversation with @${escapeMrkdwn(input.customerHandle)} (${formatConversationRef(input.ref)}): ${formatMrkdwnLink(input.threadUrl, 'open the thread')}${quotedNote(input.handoff.note)}`;
  return {
    text,
    blocks: [
      { type: 'section', text: { type: 'mrkdwn', text } },
      ...(input.offerTake
        ? [
            {
              type: 'actions' as const,
              elements: [
                {
                  type: 'button' as const,
                  text: { type: 'plain_text' as const, text: 'Take it' },
                  style: 'primary' as const,
                  action_id: ACTION_IDS.takeConversation,
                  value: input.conversationId,
                },
              ],
            },
          ]
        : []),
    ],
  };
}

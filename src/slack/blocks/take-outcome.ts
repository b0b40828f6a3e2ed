import type { types } from '@slack/bolt';
import type { SlackMessage } from './slack-message.js';

export type TakeOutcome = { kind: 'taken' } | { kind: 'already_taken'; byUserId?: string } | { kind: 'gone' };

/** A message as Slack hands it back in an interaction (what the app posted earlier). */
export interface PostedMessage {
  text?: string;
  blocks?: unknown[];
}

/**
 * The team member's hand-off DM after they pressed "Take it": what it said (the link to the
 * thread stays), without the button, and how it turned out.
 */
export function renderTakeOutcome(original: PostedMessage | undefined, outcome: TakeOutcome): SlackMessage {
  const kept: types.KnownBlock[] = (original?.blocks ?? []).flatMap((block) => {
    const candidate = (block ?? {}) as { type?: unknown; text?: { type?: unknown; text?: unknown } };
    return candidate.type === 'section' && candidate.text?.type === 'mrkdwn' && typeof candidate.text.text === 'string'
      ? [{ type: 'section' as const, text: { type: 'mrkdwn' as const, text: candidate.text.text } }]
      : [];
  });
  const line = describeOutcome(outcome);
  return {
    text: line,
    blocks: [...kept, { type: 'context', block_id: 'take_outcome', elements: [{ type: 'mrkdwn', text: line }] }],
  };
}

function describeOutcome(outcome: TakeOutcome): string {
  switch (outcome.kind) {
    case 'taken':
      return '✅ You took it: it is in your queue.';
    case 'already_taken':
      return outcome.byUserId ? `<@${outcome.byUserId}> already took it.` : 'Someone already took it.';
    case 'gone':
      return 'This conversation no longer exists.';
  }
}

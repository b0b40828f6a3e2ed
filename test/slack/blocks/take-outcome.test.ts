import { describe, expect, it } from 'vitest';
import { validateBlocks } from '../../../emulators/slack/block-kit/blocks.js';
import { renderHandoffDirectMessage } from '../../../src/slack/blocks/handoff-messages.js';
import { renderTakeOutcome } from '../../../src/slack/blocks/take-outcome.js';

const dm = renderHandoffDirectMessage({
  handoff: { byUserId: 'U0ANN', toUserId: null, toTeamId: 'S0BILLING', note: 'refund?' },
  conversationId: 'conv-1',
  ref: 7,
  customerHandle: 'jo',
  threadUrl: 'https://earshot.slack.com/archives/C1/p1',
  offerTake: true,
});

describe('renderTakeOutcome', () => {
  it('keeps what the DM said (the link to the thread), drops the button and says it is yours', () => {
    const updated = renderTakeOutcome(dm, { kind: 'taken' });
    expect(validateBlocks(updated.blocks, 'message')).toEqual([]);
    const shown = JSON.stringify(updated.blocks);
    expect(shown).toContain('open the thread');
    expect(shown).not.toContain('take_conversation');
    expect(updated.text).toBe('✅ You took it: it is in your queue.');
  });

  it('tells a later teammate who has it', () => {
    expect(renderTakeOutcome(dm, { kind: 'already_taken', byUserId: 'U0CAROL' }).text).toBe('<@U0CAROL> already took it.');
    expect(renderTakeOutcome(dm, { kind: 'already_taken' }).text).toBe('Someone already took it.');
  });

  it('copes with a message whose blocks are missing or unexpected', () => {
    expect(renderTakeOutcome(undefined, { kind: 'gone' }).blocks).toHaveLength(1);
    expect(renderTakeOutcome({ blocks: [{ type: 'rich_text' }, 'junk', null] }, { kind: 'taken' }).blocks).toHaveLength(1);
  });
});

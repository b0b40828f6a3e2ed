import { describe, expect, it } from 'vitest';
import type { types } from '@slack/bolt';
import { validateView } from '../../../emulators/slack/block-kit/view.js';
import { readAssignModalMetadata, readAssignSubmission, renderAssignModal } from '../../../src/slack/blocks/assign-modal.js';

const conversationId = '6f1c0c1e-0000-4000-8000-000000000042';
const teams = [
  { id: 'S0BILLING', name: 'Billing', handle: 'billing' },
  { id: 'S0STORES', name: 'Store managers' },
];

function blocksOf(view: types.ModalView): types.KnownBlock[] {
  return view.blocks as types.KnownBlock[];
}

function input(view: types.ModalView, blockId: string): types.InputBlock | undefined {
  const block = blocksOf(view).find((candidate) => candidate.block_id === blockId);
  return block?.type === 'input' ? block : undefined;
}

describe('renderAssignModal', () => {
  const view = renderAssignModal({ conversationId, ref: 42, customerHandle: 'jane_doe', teams });

  it('is a valid assign_submit modal that remembers the conversation', () => {
    expect(validateView(view, ['modal'])).toEqual([]);
    expect(view).toMatchObject({ type: 'modal', callback_id: 'assign_submit', submit: { text: 'Hand off' } });
    expect(readAssignModalMetadata(view.private_metadata ?? '')).toEqual({ conversationId });
    expect(JSON.stringify(view.blocks)).toContain('E-42 (@jane_doe)');
  });

  it('offers an optional person picker, team picker and multiline note', () => {
    expect(input(view, 'assign_user')).toMatchObject({ optional: true, element: { type: 'users_select', action_id: 'assign_user' } });
    expect(input(view, 'assign_team')).toMatchObject({ optional: true, element: { type: 'static_select', action_id: 'assign_team' } });
    expect(input(view, 'assign_note')).toMatchObject({ optional: true, element: { type: 'plain_text_input', action_id: 'assign_note', multiline: true } });
    const team = input(view, 'assign_team')?.element;
    const options = team?.type === 'static_select' ? (team.options ?? []) : [];
    expect(options.map((option) => [option.text.text, option.value])).toEqual([
      ['Billing (@billing)', 'S0BILLING'],
      ['Store managers', 'S0STORES'],
    ]);
  });

  it('leaves out the team picker when the workspace has no user groups', () => {
    const people = renderAssignModal({ conversationId, ref: 42, customerHandle: 'jane_doe', teams: [] });
    expect(validateView(people, ['modal'])).toEqual([]);
    expect(input(people, 'assign_team')).toBeUndefined();
    expect(JSON.stringify(people.blocks)).not.toContain('team');
  });

  it('keeps team names and the number of teams within Slack limits', () => {
    const many = Array.from({ length: 150 }, (_, n) => ({ id: `S${n}`, name: `${'Very long team name '.repeat(5)}${n}` }));
    const big = renderAssignModal({ conversationId, ref: 1, customerHandle: 'x', teams: many });
    expect(validateView(big, ['modal'])).toEqual([]);
  });

  it('escapes the customer handle', () => {
    expect(JSON.stringify(renderAssignModal({ conversationId, ref: 1, customerHandle: '<!here>', teams: [] }).blocks)).not.toContain('<!here>');
  });
});

describe('readAssignSubmission', () => {
  const values = (user: string | null, team: string | null, note: string | null) => ({
    assign_user: { assign_user: { type: 'users_select', selected_user: user } },
    assign_team: { assign_team: { type: 'static_select', selected_option: team ? { value: team } : null } },
    assign_note: { assign_note: { type: 'plain_text_input', value: note } },
  });

  it('reads a person, a team and a note', () => {
    expect(readAssignSubmission(values('U0BOB', 'S0BILLING', '  they ordered twice \n'))).toEqual({
      ok: true,
      toSlackUserId: 'U0BOB',
      toSlackTeamId: 'S0BILLING',
      note: 'they ordered twice',
    });
    expect(readAssignSubmission(values(null, 'S0BILLING', null))).toEqual({ ok: true, toSlackTeamId: 'S0BILLING' });
    expect(readAssignSubmission(values('U0BOB', null, '   '))).toEqual({ ok: true, toSlackUserId: 'U0BOB' });
  });

  it('asks for a person or a team when neither was chosen', () => {
    expect(readAssignSubmission(values(null, null, 'a note alone'))).toEqual({ ok: false, errors: { assign_user: 'Choose a person or a team.' } });
    const { assign_team: _omitted, ...withoutTeams } = values(null, null, null);
    expect(readAssignSubmission(withoutTeams)).toEqual({ ok: false, errors: { assign_user: 'Choose a person.' } });
  });
});

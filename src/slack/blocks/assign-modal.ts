import type { types } from '@slack/bolt';
import { z } from 'zod';
import { formatConversationRef } from '../../domain/conversation-ref.js';
import { ACTION_IDS, CALLBACK_IDS } from './action-ids.js';
import { escapeMrkdwn } from './escape-mrkdwn.js';
import { OPTION_TEXT_MAX, SELECT_OPTIONS_MAX } from './slack-limits.js';

/** A Slack user group offered as a team to hand the conversation to. */
export interface AssignableTeam {
  id: string;
  name: string;
  handle?: string;
}

export interface AssignModalInput {
  conversationId: string;
  ref: number;
  customerHandle: string;
  /** The workspace's user groups; without any, the team picker is left out. */
  teams: readonly AssignableTeam[];
}

/** The block ids of the modal's inputs (submission errors are keyed by them). */
export const ASSIGN_BLOCK_IDS = { user: 'assign_user', team: 'assign_team', note: 'assign_note' } as const;

export const ASSIGN_NOTE_MAX = 2000;

const assignModalMetadata = z.object({ conversationId: z.string().min(1) });

export function readAssignModalMetadata(privateMetadata: string): { conversationId: string } | null {
  try {
    const parsed = assignModalMetadata.safeParse(JSON.parse(privateMetadata));
    return parsed.success ? parsed.data : null;
  } catch {
    return null;
  }
}

/** "Assign / hand off": a person, a team (user group) or both, and an optional note. */
export function renderAssignModal(input: AssignModalInput): types.ModalView {
  const handle = input.customerHandle.replace(/^@/, '');
  const blocks: types.KnownBlock[] = [
    {
      type: 'section',
      text: {
        type: 'mrkdwn',
        text: `Hand ${formatConversationRef(input.ref)} (@${escapeMrkdwn(handle)}) to a person${input.teams.length > 0 ? ' or a team' : ''}. They get a direct message with a link to the thread.`,
      },
    },
    {
      type: 'input',
      block_id: ASSIGN_BLOCK_IDS.user,
      optional: true,
      label: { type: 'plain_text', text: 'Person' },
      element: { type: 'users_select', action_id: ACTION_IDS.assignUser, placeholder: { type: 'plain_text', text: 'Choose a person' } },
    },
  ];
  if (input.teams.length > 0) {
    blocks.push({
      type: 'input',
      block_id: ASSIGN_BLOCK_IDS.team,
      optional: true,
      label: { type: 'plain_text', text: 'Team' },
      hint: { type: 'plain_text', text: 'Everyone in the team is told; the first to take it gets it.' },
      element: {
        type: 'static_select',
        action_id: ACTION_IDS.assignTeam,
        placeholder: { type: 'plain_text', text: 'Choose a team' },
        options: input.teams.slice(0, SELECT_OPTIONS_MAX).map((team) => ({
          text: { type: 'plain_text', text: truncatePlain(team.handle ? `${team.name} (@${team.handle})` : team.name, OPTION_TEXT_MAX), emoji: true },
          value: team.id,
        })),
      },
    });
  }
  blocks.push({
    type: 'input',
    block_id: ASSIGN_BLOCK_IDS.note,
    optional: true,
    label: { type: 'plain_text', text: 'Note' },
    element: {
      type: 'plain_text_input',
      action_id: ACTION_IDS.assignNote,
      multiline: true,
      max_length: ASSIGN_NOTE_MAX,
      placeholder: { type: 'plain_text', text: 'What they should know (only your colleagues see this)' },
    },
  });
  return {
    type: 'modal',
    callback_id: CALLBACK_IDS.assignSubmit,
    private_metadata: JSON.stringify({ conversationId: input.conversationId }),
    title: { type: 'plain_text', text: 'Assign / hand off' },
    submit: { type: 'plain_text', text: 'Hand off' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}

type ViewStateValues = Record<string, Record<string, { selected_user?: string | null; selected_option?: { value?: string } | null; value?: string | null }>>;

export type AssignSubmission = { ok: true; toSlackUserId?: string; toSlackTeamId?: string; note?: string } | { ok: false; errors: Record<string, string> };

/** Reads the submitted modal: at least a person or a team. */
export function readAssignSubmission(values: ViewStateValues): AssignSubmission {
  const toSlackUserId = values[ASSIGN_BLOCK_IDS.user]?.[ACTION_IDS.assignUser]?.selected_user ?? undefined;
  const toSlackTeamId = values[ASSIGN_BLOCK_IDS.team]?.[ACTION_IDS.assignTeam]?.selected_option?.value ?? undefined;
  const note = values[ASSIGN_BLOCK_IDS.note]?.[ACTION_IDS.assignNote]?.value?.trim() ?? '';
  if (!toSlackUserId && !toSlackTeamId) {
    const hasTeams = ASSIGN_BLOCK_IDS.team in values;
    return { ok: false, errors: { [ASSIGN_BLOCK_IDS.user]: hasTeams ? 'Choose a person or a team.' : 'Choose a person.' } };
  }
  return {
    ok: true,
    ...(toSlackUserId ? { toSlackUserId } : {}),
    ...(toSlackTeamId ? { toSlackTeamId } : {}),
    ...(note ? { note } : {}),
  };
}

function truncatePlain(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

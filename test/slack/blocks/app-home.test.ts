import { describe, expect, it } from 'vitest';
import type { types } from '@slack/bolt';
import { validateView } from '../../../emulators/slack/block-kit/view.js';
import { formatWaitingTime, renderAppHome, type AppHomeInput, type HomeItem } from '../../../src/slack/blocks/app-home.js';

const now = new Date('2026-07-21T15:00:00Z');
const me = 'U0ME';

function item(n: number, overrides: Partial<HomeItem> = {}): HomeItem {
  const built: Omit<HomeItem, 'waitingSince'> & Partial<HomeItem> = {
    conversationId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    ref: n,
    customerHandle: `customer${n}`,
    text: `question number ${n}`,
    status: 'new',
    visibility: 'public',
    createdAt: new Date(now.getTime() - 3 * 3_600_000),
    threadUrl: `https://earshot.slack.com/archives/C0SOCIAL/p${1784642700000000 + n}`,
    ...overrides,
  };
  // Unless told otherwise, the customer has waited since their first post.
  return { ...built, waitingSince: overrides.waitingSince !== undefined ? overrides.waitingSince : built.createdAt };
}

function home(overrides: Partial<AppHomeInput> = {}): AppHomeInput {
  return {
    userId: me,
    now,
    mine: { items: [], total: 0 },
    unassigned: { items: [], total: 0 },
    resolved: { items: [], total: 0 },
    ...overrides,
  };
}

function blocksOf(view: types.HomeView): types.KnownBlock[] {
  return view.blocks as types.KnownBlock[];
}

function textOf(view: types.HomeView, blockId: string): string {
  const block = blocksOf(view).find((candidate) => candidate.block_id === blockId);
  if (block?.type === 'section') return block.text?.text ?? '';
  if (block?.type === 'context') return block.elements.map((element) => ('text' in element ? element.text : '')).join(' ');
  throw new Error(`no block ${blockId}`);
}

function buttonsOf(view: types.HomeView, blockId: string): Array<{ label: string; actionId: string; url?: string }> {
  const block = blocksOf(view).find((candidate) => candidate.block_id === blockId);
  if (block?.type !== 'actions') return [];
  return block.elements.flatMap((element) =>
    element.type === 'button' ? [{ label: element.text.text, actionId: element.action_id ?? '', ...(element.url ? { url: element.url } : {}) }] : [],
  );
}

const headers = (view: types.HomeView) => blocksOf(view).flatMap((block) => (block.type === 'header' ? [block.text.text] : []));

describe('renderAppHome', () => {
  it('has the three lists, each saying so when empty', () => {
    const view = renderAppHome(home());
    expect(validateView(view, ['home'])).toEqual([]);
    expect(headers(view)).toEqual(['My queue', 'Unassigned — oldest first', 'Recently resolved']);
    expect(textOf(view, 'mine_empty')).toContain('Nothing is assigned to you');
    expect(textOf(view, 'unassigned_empty')).toBeTruthy();
    expect(textOf(view, 'resolved_empty')).toBeTruthy();
  });

  it('lists unassigned conversations in the order given with how long they have waited, and Open thread / Take it / Resolve', () => {
    const first = item(1, { createdAt: new Date(now.getTime() - 2 * 86_400_000) });
    const second = item(2, { text: 'where is <my> parcel & co' });
    const view = renderAppHome(home({ unassigned: { items: [first, second], total: 2 } }));
    expect(validateView(view, ['home'])).toEqual([]);
    const sections = blocksOf(view).flatMap((block) => (block.type === 'section' && block.block_id?.startsWith('unassigned:') ? [block.block_id] : []));
    expect(sections).toEqual([`unassigned:${first.conversationId}`, `unassigned:${second.conversationId}`]);
    expect(textOf(view, `unassigned:${first.conversationId}`)).toBe('*E-1* · @customer1 · waiting 2 d\n>question number 1');
    expect(textOf(view, `unassigned:${second.conversationId}`)).toBe('*E-2* · @customer2 · waiting 3 h\n>where is &lt;my&gt; parcel &amp; co');
    expect(buttonsOf(view, `unassigned_actions:${first.conversationId}`)).toEqual([
      { label: 'Open thread', actionId: 'home_open_thread', url: first.threadUrl },
      { label: 'Take it', actionId: 'home_take' },
      { label: 'Resolve', actionId: 'home_resolve' },
    ]);
  });

  it("in my queue, says whose it is and offers Take it only for a team's conversation", () => {
    const mine = item(1, { status: 'assigned', assigneeSlackUserId: me });
    const team = item(2, { status: 'assigned', assigneeSlackTeamId: 'S0BILLING' });
    const view = renderAppHome(home({ mine: { items: [mine, team], total: 2 } }));
    expect(textOf(view, `mine:${mine.conversationId}`)).toContain('👤 you · waiting 3 h');
    expect(textOf(view, `mine:${team.conversationId}`)).toContain('👥 <!subteam^S0BILLING>');
    expect(buttonsOf(view, `mine_actions:${mine.conversationId}`).map((b) => b.actionId)).toEqual(['home_open_thread', 'home_resolve']);
    expect(buttonsOf(view, `mine_actions:${team.conversationId}`).map((b) => b.actionId)).toEqual(['home_open_thread', 'home_take', 'home_resolve']);
  });

  it('shows an answered conversation as answered, and a follow-up as waiting since the follow-up', () => {
    const answered = item(1, { assigneeSlackUserId: me, status: 'replied', waitingSince: null });
    const followedUp = item(2, { assigneeSlackUserId: me, status: 'open', waitingSince: new Date(now.getTime() - 6 * 60_000) });
    const view = renderAppHome(home({ mine: { items: [answered, followedUp], total: 2 } }));
    expect(textOf(view, `mine:${answered.conversationId}`)).toContain('↩️ answered');
    expect(textOf(view, `mine:${followedUp.conversationId}`)).toContain('waiting 6 min');
  });

  it('shows resolved conversations with when, and only a link', () => {
    const done = item(3, { status: 'resolved', resolvedAt: new Date('2026-07-21T14:20:00Z') });
    const view = renderAppHome(home({ resolved: { items: [done], total: 1 } }));
    expect(textOf(view, `resolved:${done.conversationId}`)).toContain('✅ resolved <!date^1784643600^');
    expect(buttonsOf(view, `resolved_actions:${done.conversationId}`).map((b) => b.actionId)).toEqual(['home_open_thread']);
  });

  it('leaves out Open thread when the thread is not posted yet', () => {
    const pending = item(4, { threadUrl: undefined });
    const view = renderAppHome(home({ unassigned: { items: [pending], total: 1 } }));
    expect(buttonsOf(view, `unassigned_actions:${pending.conversationId}`).map((b) => b.actionId)).toEqual(['home_take', 'home_resolve']);
  });

  it('shows a notice on top', () => {
    const view = renderAppHome(home({ notice: '⚠️ <@U0BOB> already took that conversation.' }));
    expect(blocksOf(view)[0]?.block_id).toBe('notice');
  });

  it('caps each list and says how many more there are, staying within 100 blocks', () => {
    const many = (prefix: number, count: number, overrides: Partial<HomeItem> = {}) =>
      Array.from({ length: count }, (_, n) => item(prefix + n, { text: 'x'.repeat(5000), ...overrides }));
    const view = renderAppHome(
      home({
        notice: 'notice',
        mine: { items: many(1000, 40, { assigneeSlackTeamId: 'S0BILLING' }), total: 40 },
        unassigned: { items: many(2000, 40), total: 120 },
        resolved: { items: many(3000, 40, { status: 'resolved', resolvedAt: now }), total: 40 },
      }),
    );
    expect(validateView(view, ['home'])).toEqual([]);
    expect(view.blocks.length).toBeLessThanOrEqual(100);
    expect(textOf(view, 'mine_more')).toBe('…and 25 more');
    expect(textOf(view, 'unassigned_more')).toBe('…and 105 more');
    expect(textOf(view, 'resolved_more')).toBe('…and 30 more');
  });
});

describe('formatWaitingTime', () => {
  it.each([
    [0, 'under a minute'],
    [59_000, 'under a minute'],
    [4 * 60_000, '4 min'],
    [3 * 3_600_000 + 59 * 60_000, '3 h'],
    [2 * 86_400_000 + 5 * 3_600_000, '2 d'],
    [-5_000, 'under a minute'],
  ])('%d ms → %s', (ms, expected) => {
    expect(formatWaitingTime(ms)).toBe(expected);
  });
});

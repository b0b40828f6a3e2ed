import { describe, expect, it } from 'vitest';
import { validateBlocks } from '../../../emulators/slack/block-kit/index.js';
import { formatDuration, renderConversationList, type ConversationListItem } from '../../../src/slack/blocks/command-conversation-list.js';
import { inlineCode, renderRouteList } from '../../../src/slack/blocks/command-routes.js';
import { renderCommandError, renderCommandHelp } from '../../../src/slack/blocks/command-usage.js';

const now = new Date('2026-03-10T12:00:00Z');
const minutesAgo = (minutes: number) => new Date(now.getTime() - minutes * 60_000);

function item(overrides: Partial<ConversationListItem> = {}): ConversationListItem {
  const built: Omit<ConversationListItem, 'waitingSince'> & Partial<ConversationListItem> = {
    ref: 42,
    status: 'new',
    visibility: 'public',
    handle: 'jo',
    authorMarkedSpam: false,
    text: 'where is my <order> & refund?',
    createdAt: minutesAgo(125),
    resolvedAt: null,
    assigneeSlackUserId: null,
    assigneeSlackTeamId: null,
    threadUrl: 'https://earshot-dev.slack.com/archives/C1/p1700000000000100',
    ...overrides,
  };
  // Unless told otherwise, the customer has waited since their first post.
  return { ...built, waitingSince: overrides.waitingSince !== undefined ? overrides.waitingSince : built.createdAt };
}

describe('formatDuration', () => {
  it.each([
    [0, 'less than a minute'],
    [59_000, 'less than a minute'],
    [3 * 60_000, '3 min'],
    [60 * 60_000, '1 h'],
    [125 * 60_000, '2 h 5 min'],
    [24 * 60 * 60_000, '1 d'],
    [(26 * 60 + 59) * 60_000, '1 d 2 h'],
    [-5_000, 'less than a minute'],
  ])('%d ms → %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('renderConversationList', () => {
  it('shows the reference linked to the thread, the handle, the wait, the status and a preview', () => {
    const message = renderConversationList({
      title: '*Open conversations*',
      items: [item(), item({ ref: 43, status: 'assigned', assigneeSlackUserId: 'U1', threadUrl: undefined })],
      total: 2,
      emptyText: 'Nothing',
      show: 'waiting',
      footer: 'oldest first',
      now,
    });
    const shown = JSON.stringify(message.blocks);
    expect(shown).toContain('<https://earshot-dev.slack.com/archives/C1/p1700000000000100|E-42>');
    expect(shown).toContain('@jo · waiting 2 h 5 min · 🆕 New');
    expect(shown).toContain('where is my &lt;order&gt; &amp; refund?');
    expect(shown).toContain('*E-43*');
    expect(shown).toContain('👤 Assigned to <@U1>');
    expect(shown).toContain('_no thread_');
    expect(shown).toContain('2 conversations · oldest first');
    expect(message.text).toContain('E-42 @jo — 🆕 New');
    expect(validateBlocks(message.blocks, 'message')).toEqual([]);
  });

  it('says how long the customer has waited by the same rule as App Home: since their latest unanswered post, not at all once answered', () => {
    const answered = item({ status: 'replied', waitingSince: null });
    const followedUp = item({ ref: 43, status: 'open', waitingSince: minutesAgo(6) });
    const shown = JSON.stringify(
      renderConversationList({ title: '*Open*', items: [answered, followedUp], total: 2, emptyText: 'Nothing', show: 'waiting', now }).blocks,
    );
    expect(shown).toContain('@jo · ↩️ answered');
    expect(shown).toContain('@jo · waiting 6 min');
  });

  it('says how many were left out, and stays within Slack’s limits at full size', () => {
    const items = Array.from({ length: 20 }, (_, index) => item({ ref: index + 1, text: 'x'.repeat(280) }));
    const message = renderConversationList({ title: '*Search*', items, total: 57, emptyText: 'Nothing', show: 'dated', now });
    expect(JSON.stringify(message.blocks)).toContain('Showing 20 of 57');
    expect(validateBlocks(message.blocks, 'message')).toEqual([]);
  });

  it('shows the empty text when nothing is listed', () => {
    expect(renderConversationList({ title: '*Open*', items: [], total: 0, emptyText: 'Nothing waiting.', show: 'waiting', now }).text).toBe(
      '*Open*\nNothing waiting.',
    );
  });
});

describe('route list and usage', () => {
  it('numbers the rules in order with their targets and creators', () => {
    const message = renderRouteList(
      [
        { pattern: 'refund|invoice', slackChannelId: 'C1', slackUsergroupId: 'S1', createdBySlackUserId: 'U1', createdAt: now },
        { pattern: '/out`age/i', slackChannelId: null, slackUsergroupId: 'S2', createdBySlackUserId: 'U2', createdAt: now },
      ],
      'C0',
    );
    expect(message.text).toContain('1. `refund|invoice` → <#C1> and <!subteam^S1> — added by <@U1>');
    expect(message.text).toContain('2. “/out`age/i” → <!subteam^S2> — added by <@U2>');
    expect(message.text).toContain('Everything else goes to <#C0>.');
    expect(validateBlocks(message.blocks, 'message')).toEqual([]);
  });

  it('quotes what people typed safely', () => {
    expect(inlineCode('a<b')).toBe('`a&lt;b`');
  });

  it('shows the usage line of the subcommand, or everything, with <placeholders> escaped so Slack shows them', () => {
    expect(renderCommandError('Which conversation?', 'resolve').text).toBe('Which conversation?\nUsage: /social `resolve &lt;ref&gt;` — mark it done');
    expect(renderCommandError('Unknown command “x”.').text).toContain('`route add &lt;keywords|/regex/&gt; #channel @team`');
    expect(renderCommandHelp().text).toContain('`/social &lt;command&gt;`');
    expect(renderCommandHelp().text).not.toMatch(/<(?!@)/);
    expect(validateBlocks(renderCommandHelp().blocks, 'message')).toEqual([]);
  });
});

import { describe, expect, it } from 'vitest';
import { xNetwork } from '../../../src/channels/x/x-network.js';
import { renderSurgeAlert, type SurgeAlertView } from '../../../src/slack/blocks/surge-alert-message.js';
import { renderMovedSurgeCard, renderSurgeCard, type SurgeCardView } from '../../../src/slack/blocks/surge-card.js';

const startedAt = new Date('2026-11-23T14:30:00Z');
const alert: SurgeAlertView = {
  keyword: null,
  mentionCount: 42,
  usualPerWindow: 4.2,
  windowMinutes: 30,
  startedAt,
  asOf: startedAt,
  topTerms: ['checkout', 'outage'],
  examples: [{ handle: 'jo', text: 'checkout <down> & out', url: 'https://x.com/jo/status/1', icon: xNetwork.icon }],
  grouping: true,
};
const shown = (message: { text: string; blocks: unknown[] }) => `${message.text}\n${JSON.stringify(message.blocks)}`;

describe('renderSurgeAlert', () => {
  it('says how many mentions against the usual count, the top terms and examples with links', () => {
    const message = renderSurgeAlert(alert);
    expect(message.text).toBe('Surge: 42 mentions in the last 30 min (usually about 4)');
    expect(shown(message)).toContain('*Top terms:* checkout, outage');
    expect(shown(message)).toContain('<https://x.com/jo/status/1|@jo>: checkout &lt;down&gt; &amp; out');
    expect(shown(message)).toContain('grouped in this thread');
  });

  it('names the keyword, counts the time since the window before the start as it grows, and says when it ended', () => {
    const grown = renderSurgeAlert({ ...alert, keyword: 'refund', mentionCount: 60, usualPerWindow: 0.1, asOf: new Date(startedAt.getTime() + 15 * 60_000) });
    expect(grown.text).toBe('Surge for “refund”: 60 mentions in the last 45 min (usually fewer than 1)');
    const ended = renderSurgeAlert({ ...alert, endedAt: new Date(startedAt.getTime() + 60 * 60_000) });
    expect(ended.text).toBe('Surge ended: 42 mentions');
    expect(shown(ended)).toContain('(usually about 13)');
    expect(shown(ended)).not.toContain('grouped in this thread');
  });
});

const card: SurgeCardView = {
  conversationId: '5f0c5b7e-0000-4000-8000-000000000001',
  ref: 42,
  network: xNetwork,
  author: { name: 'Ann', handle: 'ann', profileUrl: 'https://x.com/ann' },
  post: { text: 'where is my refund?', url: 'https://x.com/ann/status/7', createdAt: startedAt },
  postCount: 1,
  status: 'new',
};

describe('renderSurgeCard', () => {
  it('shows the author, text, link, reference and the Reply and Open buttons', () => {
    const text = shown(renderSurgeCard(card));
    expect(text).toContain('*Ann* <https://x.com/ann|@ann>\\nwhere is my refund?');
    expect(text).toContain('<https://x.com/ann/status/7|View on X> · E-42 · 🆕 New');
    expect(text).toContain('"action_id":"reply_open"');
    expect(text).toContain('"action_id":"surge_open_thread"');
    expect(text).not.toContain('posts');
  });

  it('counts later posts, shows the latest, who replied, and a failed reply with Retry', () => {
    const text = shown(
      renderSurgeCard({
        ...card,
        postCount: 3,
        latestText: 'any news?',
        status: 'replied',
        lastReply: { slackUserId: 'U0BOB', at: startedAt },
        failedReply: { messageId: 'm-1', plainMessage: 'X rate-limited the reply.' },
      }),
    );
    expect(text).toContain('💬 3 posts, latest: any news?');
    expect(text).toContain('↩️ Replied by <@U0BOB>');
    expect(text).not.toContain('↩️ Replied ·');
    expect(text).toContain('X rate-limited the reply.');
    expect(text).toContain('"action_id":"reply_retry"');
  });

  it('points to the thread once moved', () => {
    const moved = renderMovedSurgeCard({ handle: 'ann', ref: 42, threadUrl: 'https://slack.com/archives/C1/p123' });
    expect(shown(moved)).toContain('Moved to its own thread: <https://slack.com/archives/C1/p123|open the thread>');
  });
});

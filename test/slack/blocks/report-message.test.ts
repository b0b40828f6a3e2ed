import { describe, expect, it } from 'vitest';
import { validateBlocks } from '../../../emulators/slack/block-kit/blocks.js';
import type { SocialReport } from '../../../src/reports/build-report.js';
import { conversationsCsv, csvCell } from '../../../src/reports/report-csv.js';
import type { PeriodFigures } from '../../../src/reports/report-queries.js';
import { decodeShareValue, encodeShareValue } from '../../../src/reports/report-service.js';
import { countDelta, duration, durationDelta, reportMessage, shareDelta, threadUrl } from '../../../src/slack/blocks/report-message.js';

const figures = (overrides: Partial<PeriodFigures> = {}): PeriodFigures => ({
  inboundPosts: 7,
  conversations: 5,
  answered: 4,
  responseRate: 0.8,
  firstResponseMedianSeconds: 4500,
  firstResponseP90Seconds: 67680,
  answeredWithin1h: 0.4,
  answeredWithin24h: 0.6,
  resolved: 2,
  resolutionMedianSeconds: 14400,
  handoffs: 1,
  takenPrivate: 2,
  refusals: 2,
  ...overrides,
});

const period = {
  from: new Date('2026-03-02T00:00:00Z'),
  to: new Date('2026-03-09T00:00:00Z'),
  previousFrom: new Date('2026-02-23T00:00:00Z'),
  label: '2026-03-02 → 2026-03-08',
};

function report(overrides: Partial<SocialReport> = {}): SocialReport {
  return {
    period,
    timeZone: 'UTC',
    filters: {},
    businessHours: undefined,
    current: figures(),
    previous: figures({
      inboundPosts: 2,
      conversations: 2,
      answered: 1,
      responseRate: 0.5,
      firstResponseMedianSeconds: 3600,
      answeredWithin1h: 0.5,
      handoffs: 0,
    }),
    backlog: {
      open: 4,
      waiting: 2,
      oldestWaiting: { ref: 2, channelId: 'C0SOCIAL', threadTs: '1771927200.000100', waitingSince: new Date('2026-02-24T10:00:00Z') },
    },
    responders: {
      total: 2,
      rows: [
        { slackUserId: 'U0ALICE', replies: 3, conversations: 3, firstResponses: 2, firstResponseMedianSeconds: 3900 },
        { slackUserId: null, network: 'x', replies: 1, conversations: 1, firstResponses: 1, firstResponseMedianSeconds: 93600 },
      ],
    },
    channels: { total: 1, rows: [{ key: 'C0SOCIAL', conversations: 5, answered: 4, firstResponseMedianSeconds: 4500 }] },
    teams: { total: 0, rows: [] },
    networks: { total: 1, rows: [{ key: 'x', conversations: 5, answered: 4, firstResponseMedianSeconds: 4500 }] },
    ...overrides,
  };
}

describe('reportMessage', () => {
  it('shows every figure with its change against the previous period, and whether that is good', () => {
    const message = reportMessage(report(), { shareValue: '{"v":1}' });
    expect(validateBlocks(message.blocks, 'message')).toEqual([]);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('*Inbound posts*\\n7\\n_▲ +5 (was 2)_');
    expect(text).toContain('*Response rate*\\n80% (4 of 5)\\n_▲ +30 pts (was 50%) · better_');
    expect(text).toContain('*First response (median)*\\n1h 15m\\n_▲ +15m (was 1h) · worse_');
    expect(text).toContain('*First response (90th percentile)*\\n18h 48m\\n_= same as before (18h 48m)_');
    expect(text).toContain('*Answered within 1 hour*\\n40%\\n_▼ −10 pts (was 50%) · worse_');
    expect(text).toContain('*Hand-offs*\\n1\\n_▲ +1 (was 0)_');
    expect(text).toContain('4 open, 2 waiting for us');
    expect(text).toContain('<https://slack.com/archives/C0SOCIAL/p1771927200000100|E-2>');
    expect(text).toContain('• <@U0ALICE>: 3 replies, 3 conversations handled, median first response 1h 5m (2 first responses)');
    expect(text).toContain('• Outside Earshot (X app): 1 reply');
    expect(text).toContain('• <#C0SOCIAL>: 5 conversations, 80% answered');
    expect(text).not.toContain('Per team');
    // One network only: no line per network.
    expect(text).not.toContain('Per network');
    expect(text).toContain('"action_id":"report_share"');
    expect(text).toContain('first public or private reply');
    expect(message.text).toBe('Social report · 2026-03-02 → 2026-03-08: 5 conversations, 80% answered, median first response 1h 15m');
  });

  it('stays within Slack limits with long breakdowns, says who shared it, and copes with an empty period', () => {
    const many = Array.from({ length: 10 }, (_, i) => ({
      slackUserId: `U0${'X'.repeat(20)}${i}`,
      replies: 100 - i,
      conversations: 50,
      firstResponses: 40,
      firstResponseMedianSeconds: 100,
    }));
    const empty = figures({
      inboundPosts: 0,
      conversations: 0,
      answered: 0,
      responseRate: null,
      firstResponseMedianSeconds: null,
      firstResponseP90Seconds: null,
      answeredWithin1h: null,
      answeredWithin24h: null,
      resolutionMedianSeconds: null,
    });
    const message = reportMessage(
      report({
        current: empty,
        filters: { channelId: 'C0SOCIAL', userId: 'U0ALICE', teamId: 'S0BILL' },
        businessHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
        timeZone: 'Europe/Paris',
        responders: { total: 25, rows: many },
        teams: { total: 1, rows: [{ key: 'S0BILL', conversations: 0, answered: 0, firstResponseMedianSeconds: null }] },
        backlog: { open: 0, waiting: 0, oldestWaiting: null },
      }),
      { sharedBy: 'U0BOB' },
    );
    expect(validateBlocks(message.blocks, 'message')).toEqual([]);
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('shared by <@U0BOB>');
    expect(text).toContain('only <#C0SOCIAL>, <@U0ALICE>, <!subteam^S0BILL>');
    expect(text).toContain('Answered within 1 business hour');
    expect(text).toContain('Mon–Fri 09:00–17:00 (Europe/Paris)');
    expect(text).toContain('…and 15 more');
    expect(text).toContain('*Response rate*\\n— (0 of 0)\\n_no comparison (was 50%)_');
    expect(text).toContain('nobody is waiting');
    expect(text).toContain('<!subteam^S0BILL>: 0 conversations, — answered');
    expect(text).not.toContain('report_share');
  });

  it('says which network it covers, and breaks conversations down per network when there were several', () => {
    const several = reportMessage(
      report({
        networks: {
          total: 2,
          rows: [
            { key: 'x', conversations: 4, answered: 3, firstResponseMedianSeconds: 4500 },
            { key: 'bluesky', conversations: 1, answered: 1, firstResponseMedianSeconds: 600 },
          ],
        },
      }),
    );
    const text = JSON.stringify(several.blocks);
    expect(validateBlocks(several.blocks, 'message')).toEqual([]);
    expect(text).toContain('*Per network*\\n• 𝕏 X: 4 conversations, 75% answered, median first response 1h 15m\\n• 🦋 Bluesky: 1 conversation, 100% answered');

    const onlyX = JSON.stringify(reportMessage(report({ filters: { network: 'x', channelId: 'C0SOCIAL' } })).blocks);
    expect(onlyX).toContain('only 𝕏 X, <#C0SOCIAL>');
    expect(onlyX).toContain('(from Earshot or the X app)');
  });

  it('formats durations and changes', () => {
    expect([45, 270, 600, 3900, 4500, 86_400, 93_600, 67_680].map(duration)).toEqual(['45s', '4m 30s', '10m', '1h 5m', '1h 15m', '1d', '1d 2h', '18h 48m']);
    expect(duration(null)).toBe('—');
    expect(countDelta(3, 3, 'neutral')).toBe('= same as before (3)');
    expect(countDelta(1, 4, 'down')).toBe('▼ −3 (was 4) · better');
    expect(shareDelta(0.5, 0.75, 'up')).toBe('▼ −25 pts (was 75%) · worse');
    expect(durationDelta(600, 1200)).toBe('▼ −10m (was 20m) · better');
    expect(durationDelta(null, 1200)).toBe('no comparison (was 20m)');
    expect(threadUrl('C1', '1700000000.000100')).toBe('https://slack.com/archives/C1/p1700000000000100');
  });
});

describe('report CSV and the Share button value', () => {
  it('writes one RFC 4180 row per conversation, defusing formulas', () => {
    const csv = conversationsCsv([
      {
        ref: 42,
        network: 'x',
        startedAt: new Date('2026-03-02T10:00:00Z'),
        authorHandle: 'jo',
        channelId: 'C0SOCIAL',
        firstResponseAt: new Date('2026-03-02T10:10:00Z'),
        firstResponseSeconds: 600,
        responderSlackUserId: null,
        resolvedAt: null,
        status: 'replied',
        visibility: 'public',
        assignee: 'S0BILL',
      },
    ]);
    expect(csv).toBe(
      'ref,started_at,author_handle,channel,first_response_at,first_response_seconds,responder,resolved_at,status,visibility,assignee,network\r\n' +
        'E-42,2026-03-02T10:00:00.000Z,jo,C0SOCIAL,2026-03-02T10:10:00.000Z,600,x_app,,replied,public,S0BILL,x\r\n',
    );
    expect(csvCell('=HYPERLINK("x")')).toBe('"\'=HYPERLINK(""x"")"');
    expect(csvCell('a,b')).toBe('"a,b"');
  });

  it('carries the absolute period, filters and mode', () => {
    const value = encodeShareValue({ period, filters: { network: 'x', channelId: 'C0SOCIAL', teamId: 'S0BILL' }, businessHours: true });
    expect(value.length).toBeLessThan(2000);
    expect(decodeShareValue(value)).toEqual({ period, filters: { network: 'x', channelId: 'C0SOCIAL', teamId: 'S0BILL' }, businessHours: true });
    expect(decodeShareValue(value.replace('"n":"x"', '"n":"myspace"'))).toBeUndefined();
    expect(decodeShareValue('nonsense')).toBeUndefined();
    expect(decodeShareValue('{"v":2}')).toBeUndefined();
  });
});

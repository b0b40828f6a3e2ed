import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseReportArgs } from '../../src/reports/parse-report-args.js';
import { resolvePeriod, startOfLocalDay } from '../../src/reports/report-period.js';

describe('parseReportArgs', () => {
  it('defaults to the last 7 days, everything, wall-clock time', () => {
    expect(parseReportArgs('')).toEqual({ ok: true, args: { period: { kind: 'days', days: 7 }, filters: {}, csv: false, businessHours: false } });
    expect(parseReportArgs('   ')).toMatchObject({ ok: true, args: { period: { kind: 'days', days: 7 } } });
  });

  it('reads periods, escaped mentions of a channel, a person and a team, and the options, in any order', () => {
    expect(parseReportArgs('csv <!subteam^S0BILL|@billing> 30d <@U0ALICE|alice> business-hours <#C0SOCIAL|social>')).toEqual({
      ok: true,
      args: { period: { kind: 'days', days: 30 }, filters: { channelId: 'C0SOCIAL', userId: 'U0ALICE', teamId: 'S0BILL' }, csv: true, businessHours: true },
    });
    expect(parseReportArgs('TODAY')).toMatchObject({ ok: true, args: { period: { kind: 'today' } } });
    expect(parseReportArgs('2026-01-01..2026-01-31 <#C0SOCIAL>')).toMatchObject({
      ok: true,
      args: { period: { kind: 'range', from: '2026-01-01', to: '2026-01-31' }, filters: { channelId: 'C0SOCIAL' } },
    });
    expect(parseReportArgs('<@W0ENTERPRISE>')).toMatchObject({ ok: true, args: { filters: { userId: 'W0ENTERPRISE' } } });
  });

  it('explains what is wrong instead of guessing', () => {
    const error = (text: string) => {
      const parsed = parseReportArgs(text);
      return parsed.ok ? undefined : parsed.error.split('\n')[0];
    };
    expect(error('last-week')).toBe("I don't understand “last-week”.");
    expect(error('7d 30d')).toBe('Give at most one period.');
    expect(error('<#C1|a> <#C2|b>')).toBe('Give at most one channel.');
    expect(error('<@U1> <@U2>')).toBe('Give at most one person.');
    expect(error('0d')).toBe('A period is 1 to 366 days (got “0d”).');
    expect(error('400d')).toBe('A period is 1 to 366 days (got “400d”).');
    expect(error('2026-02-30..2026-03-01')).toBe('“2026-02-30..2026-03-01” is not a range of real dates (YYYY-MM-DD..YYYY-MM-DD).');
    expect(error('2026-03-02..2026-03-01')).toBe('The range “2026-03-02..2026-03-01” ends before it starts.');
    expect(error('2025-01-01..2026-03-01')).toBe('A range covers at most 366 days.');
    expect(error('#social')).toMatch(/^I couldn't find “#social”/);
    expect(error('<!channel>')).toBe("I don't understand “&lt;!channel&gt;”.");
    expect(parseReportArgs('help')).toMatchObject({ ok: false, help: true });
  });

  it('reads a network by its id or its name, once', () => {
    expect(parseReportArgs('x 30d')).toEqual({
      ok: true,
      args: { period: { kind: 'days', days: 30 }, filters: { network: 'x' }, csv: false, businessHours: false },
    });
    expect(parseReportArgs('X <#C0SOCIAL>')).toMatchObject({ ok: true, args: { filters: { network: 'x', channelId: 'C0SOCIAL' } } });
    expect(parseReportArgs('x X')).toMatchObject({ ok: false, error: 'Give at most one network.' });
    expect(parseReportArgs('myspace')).toMatchObject({ ok: false, error: expect.stringMatching(/^I don't understand “myspace”\./) });
    expect(parseReportArgs('help')).toMatchObject({
      error: expect.stringContaining('• network: `x`, `bluesky`, `facebook`, `instagram`: only conversations on that network'),
    });
  });

  it('reads the same report whatever the order of its words', () => {
    const words = ['30d', 'x', '<#C0SOCIAL|social>', '<@U0ALICE|alice>', '<!subteam^S0BILL|@billing>', 'csv', 'business-hours'];
    fc.assert(
      fc.property(fc.shuffledSubarray(words, { minLength: words.length }), (shuffled) => {
        expect(parseReportArgs(shuffled.join(' '))).toEqual({
          ok: true,
          args: {
            period: { kind: 'days', days: 30 },
            filters: { network: 'x', channelId: 'C0SOCIAL', userId: 'U0ALICE', teamId: 'S0BILL' },
            csv: true,
            businessHours: true,
          },
        });
      }),
    );
  });

  it('narrows to a network exactly when one is named', () => {
    const words = ['today', 'x', '<#C0SOCIAL>', 'csv'];
    fc.assert(
      fc.property(fc.subarray(words), fc.boolean(), (chosen, shout) => {
        const parsed = parseReportArgs((shout ? chosen.map((word) => word.toUpperCase()) : chosen).join(' '));
        expect(parsed.ok).toBe(true);
        expect(parsed.ok && parsed.args.filters.network).toBe(chosen.includes('x') ? 'x' : undefined);
      }),
    );
  });
});

describe('resolvePeriod', () => {
  const now = new Date('2026-03-10T12:00:00Z');

  it('compares with the previous period of the same length', () => {
    expect(resolvePeriod({ kind: 'days', days: 7 }, now, 'UTC')).toEqual({
      from: new Date('2026-03-03T12:00:00Z'),
      to: now,
      previousFrom: new Date('2026-02-24T12:00:00Z'),
      label: 'last 7 days',
    });
    // Today in Paris started at 23:00 UTC the day before; the previous period is the same hours yesterday.
    expect(resolvePeriod({ kind: 'today' }, now, 'Europe/Paris')).toEqual({
      from: new Date('2026-03-09T23:00:00Z'),
      to: now,
      previousFrom: new Date('2026-03-09T10:00:00Z'),
      label: 'today (2026-03-10)',
    });
    expect(resolvePeriod({ kind: 'range', from: '2026-03-02', to: '2026-03-08' }, now, 'UTC')).toMatchObject({
      from: new Date('2026-03-02T00:00:00Z'),
      to: new Date('2026-03-09T00:00:00Z'),
      previousFrom: new Date('2026-02-23T00:00:00Z'),
      label: '2026-03-02 → 2026-03-08',
    });
  });

  it('finds local midnight across daylight-saving changes', () => {
    expect(startOfLocalDay('2026-03-29', 'Europe/Paris')).toEqual(new Date('2026-03-28T23:00:00Z'));
    expect(startOfLocalDay('2026-03-30', 'Europe/Paris')).toEqual(new Date('2026-03-29T22:00:00Z'));
    expect(startOfLocalDay('2026-11-01', 'America/New_York')).toEqual(new Date('2026-11-01T04:00:00Z'));
    expect(startOfLocalDay('2026-11-02', 'America/New_York')).toEqual(new Date('2026-11-02T05:00:00Z'));
  });
});

describe('periods as people say them', () => {
  it('reads "last N days", "this month" and "last month"', () => {
    expect(parseReportArgs('last 30 days')).toMatchObject({ ok: true, args: { period: { kind: 'days', days: 30 } } });
    expect(parseReportArgs('Last 1 day csv')).toMatchObject({ ok: true, args: { period: { kind: 'days', days: 1 }, csv: true } });
    expect(parseReportArgs('this month')).toMatchObject({ ok: true, args: { period: { kind: 'month', which: 'this' } } });
    expect(parseReportArgs('LAST  month <#C0SOCIAL>')).toMatchObject({
      ok: true,
      args: { period: { kind: 'month', which: 'last' }, filters: { channelId: 'C0SOCIAL' } },
    });
    expect(parseReportArgs('this month 7d')).toMatchObject({ ok: false, error: 'Give at most one period.' });
  });

  it('resolves this month from the 1st to now, and last month as the whole calendar month, in the time zone', () => {
    const now = new Date('2026-11-23T10:00:00Z');
    const thisMonth = resolvePeriod({ kind: 'month', which: 'this' }, now, 'Europe/Paris');
    expect(thisMonth).toMatchObject({ from: startOfLocalDay('2026-11-01', 'Europe/Paris'), to: now, label: 'this month (2026-11)' });
    const lastMonth = resolvePeriod({ kind: 'month', which: 'last' }, now, 'Europe/Paris');
    expect(lastMonth).toMatchObject({
      from: startOfLocalDay('2026-10-01', 'Europe/Paris'),
      to: startOfLocalDay('2026-11-01', 'Europe/Paris'),
      label: 'last month (2026-10)',
    });
    expect(resolvePeriod({ kind: 'month', which: 'last' }, new Date('2026-01-05T00:00:00Z'), 'UTC').label).toBe('last month (2025-12)');
  });
});

import { describe, expect, it } from 'vitest';
import { parseSocialCommand } from '../../../../src/slack/listeners/commands/parse-social-command.js';

describe('/social audit and forget', () => {
  it('reads a conversation reference like the other subcommands', () => {
    expect(parseSocialCommand('audit E-42')).toEqual({ ok: true, command: { name: 'audit', ref: { kind: 'ref', number: 42 } } });
    expect(parseSocialCommand('audit 42')).toEqual({ ok: true, command: { name: 'audit', ref: { kind: 'ref', number: 42 } } });
    expect(parseSocialCommand('audit')).toMatchObject({ ok: false, topic: 'audit' });
    expect(parseSocialCommand('audit E-1 E-2')).toMatchObject({ ok: false, topic: 'audit' });
  });

  it('exports the last 30 days by default, or the period /socialreport would read', () => {
    expect(parseSocialCommand('audit export')).toEqual({ ok: true, command: { name: 'audit-export', period: { kind: 'days', days: 30 } } });
    expect(parseSocialCommand('audit export 90d')).toEqual({ ok: true, command: { name: 'audit-export', period: { kind: 'days', days: 90 } } });
    expect(parseSocialCommand('audit export 2026-11-01..2026-11-30')).toEqual({
      ok: true,
      command: { name: 'audit-export', period: { kind: 'range', from: '2026-11-01', to: '2026-11-30' } },
    });
    expect(parseSocialCommand('AUDIT Export today')).toEqual({ ok: true, command: { name: 'audit-export', period: { kind: 'today' } } });
    expect(parseSocialCommand('audit export last 30 days')).toEqual({ ok: true, command: { name: 'audit-export', period: { kind: 'days', days: 30 } } });
    expect(parseSocialCommand('audit export this month')).toEqual({ ok: true, command: { name: 'audit-export', period: { kind: 'month', which: 'this' } } });
  });

  it('refuses what is not one period', () => {
    expect(parseSocialCommand('audit export csv')).toMatchObject({ ok: false, topic: 'audit', error: expect.stringContaining('“csv” is not a period') });
    expect(parseSocialCommand('audit export someday')).toMatchObject({
      ok: false,
      topic: 'audit',
      error: expect.stringContaining("I don't understand “someday”"),
    });
    expect(parseSocialCommand('audit export 2026-11-30..2026-11-01')).toMatchObject({ ok: false, error: expect.stringContaining('ends before it starts') });
  });

  it('reads the handle to forget', () => {
    expect(parseSocialCommand('forget @jo_x')).toEqual({ ok: true, command: { name: 'forget', handle: 'jo_x' } });
    expect(parseSocialCommand('forget https://x.com/jo')).toEqual({ ok: true, command: { name: 'forget', handle: 'jo' } });
    expect(parseSocialCommand('forget')).toMatchObject({
      ok: false,
      topic: 'forget',
      error: 'Whose data? Give the customer’s @handle on X, Bluesky, Facebook or Instagram.',
    });
    expect(parseSocialCommand('forget @jo @bo')).toMatchObject({ ok: false, topic: 'forget' });
  });
});

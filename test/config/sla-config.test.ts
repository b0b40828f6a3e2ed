import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { completeEnvironment as complete, configProblemsOf as problemsOf } from '../support/config-fixtures.js';

const hours = { BUSINESS_HOURS: 'Mon-Fri 09:00-17:00', BUSINESS_TIMEZONE: 'Europe/Paris' };

describe('SLA and out-of-hours configuration', () => {
  it('is off by default: no reminders, no automatic reply', () => {
    expect(loadConfig(complete).sla).toEqual({ minutes: undefined, outOfHoursReply: undefined });
  });

  it('reads the SLA and the automatic reply', () => {
    const config = loadConfig({ ...complete, ...hours, SLA_MINUTES: '30', OUT_OF_HOURS_REPLY: ' Thanks! We are closed now and will answer from 9am. ' });
    expect(config.sla).toEqual({ minutes: 30, outOfHoursReply: 'Thanks! We are closed now and will answer from 9am.' });
  });

  it('refuses a bad SLA and an automatic reply without business hours', () => {
    expect(problemsOf({ ...complete, SLA_MINUTES: 'half an hour' })).toEqual(['SLA_MINUTES: expected a whole number of minutes']);
    expect(problemsOf({ ...complete, OUT_OF_HOURS_REPLY: 'We are closed.' })).toEqual([
      'OUT_OF_HOURS_REPLY: needs BUSINESS_HOURS (and BUSINESS_TIMEZONE): the automatic reply is sent outside those hours',
    ]);
  });

  it('refuses an automatic reply that would not fit X with the longest @handle in front', () => {
    // 16 characters of "@handle", a space and 263 characters make 280: the most that fits.
    expect(loadConfig({ ...complete, ...hours, OUT_OF_HOURS_REPLY: 'a'.repeat(263) }).sla.outOfHoursReply).toHaveLength(263);
    expect(problemsOf({ ...complete, ...hours, OUT_OF_HOURS_REPLY: 'a'.repeat(264) })).toEqual([
      'OUT_OF_HOURS_REPLY: too long for a reply on X: with the longest @handle (16 characters and a space) in front it counts 281 of 280 characters as X counts them',
    ]);
    // Emoji count twice, as X counts them.
    expect(problemsOf({ ...complete, ...hours, OUT_OF_HOURS_REPLY: '🌙'.repeat(132) })).toEqual([expect.stringContaining('counts 281 of 280')]);
  });

  it('refuses an automatic reply that the private-data guard would refuse, unless allowed', () => {
    const reply = 'We are closed. Call 0800 123 4567 or write to help@example.com';
    const problems = problemsOf({ ...complete, ...hours, OUT_OF_HOURS_REPLY: reply });
    expect(problems).toHaveLength(1);
    expect(problems[0]).toMatch(/^OUT_OF_HOURS_REPLY: refused by the private-data guard: .*phone number.*e-mail address/);
    expect(problems[0]).not.toContain('help@example.com');
    expect(loadConfig({ ...complete, ...hours, OUT_OF_HOURS_REPLY: reply, PRIVATE_DATA_ALLOW: '0800 123 4567, help@example.com' }).sla.outOfHoursReply).toBe(
      reply,
    );
  });
});

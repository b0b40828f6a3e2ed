import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { completeEnvironment as complete, configProblemsOf as problemsOf } from '../support/config-fixtures.js';

describe('report configuration', () => {
  it('defaults to everyone, no digest, Mondays 09:00, UTC, no business hours', () => {
    expect(loadConfig(complete).reports).toEqual({
      managers: undefined,
      digestChannelId: undefined,
      digestCron: '0 9 * * 1',
      businessHours: undefined,
      timeZone: 'UTC',
    });
  });

  it('reads managers, the digest and business hours', () => {
    const config = loadConfig({
      ...complete,
      REPORT_MANAGERS: 'U0ALICE, S0MANAGERS',
      REPORT_DIGEST_CHANNEL: 'C0REPORTS',
      REPORT_DIGEST_CRON: '30 8 * * 1-5',
      BUSINESS_HOURS: 'Mon-Fri 09:00-17:00',
      BUSINESS_TIMEZONE: 'Europe/Paris',
    });
    expect(config.reports).toEqual({
      managers: ['U0ALICE', 'S0MANAGERS'],
      digestChannelId: 'C0REPORTS',
      digestCron: '30 8 * * 1-5',
      businessHours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' },
      timeZone: 'Europe/Paris',
    });
  });

  it('says what is expected of malformed values', () => {
    expect(
      problemsOf({
        ...complete,
        REPORT_MANAGERS: 'alice, @bob',
        REPORT_DIGEST_CHANNEL: '#reports',
        REPORT_DIGEST_CRON: 'every monday',
        BUSINESS_HOURS: '9 to 5',
        BUSINESS_TIMEZONE: 'Europe/Atlantis',
      }),
    ).toEqual([
      'REPORT_MANAGERS: expected Slack user ids (U…) and/or user group ids (S…), separated by commas',
      'REPORT_DIGEST_CHANNEL: expected a Slack channel id such as C0123456789 (not a #name)',
      'REPORT_DIGEST_CRON: expected a cron expression with five fields, e.g. "0 9 * * 1" (Mondays at 09:00)',
      'BUSINESS_HOURS: expected working days and hours such as "Mon-Fri 09:00-17:00"',
      'BUSINESS_TIMEZONE: expected an IANA time zone such as Europe/Paris or America/New_York',
    ]);
    expect(problemsOf({ ...complete, BUSINESS_HOURS: 'Mon-Fri 09:00-17:00' })).toEqual([
      'BUSINESS_TIMEZONE: required with BUSINESS_HOURS: the time zone of the working hours, e.g. Europe/Paris',
    ]);
  });
});

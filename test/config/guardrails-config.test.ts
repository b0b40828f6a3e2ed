import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { checkPrivateData } from '../../src/domain/private-data-guard.js';
import { completeEnvironment as complete, configProblemsOf as problemsOf } from '../support/config-fixtures.js';

describe('guardrail configuration', () => {
  it('defaults to: everyone publishes, every private-data check, no SLA, no automation, no surge alerts', () => {
    const config = loadConfig(complete);
    expect(config.roles).toEqual({ managers: undefined, approvers: undefined, publishers: undefined, learning: undefined, approvalTopics: undefined });
    expect(config.privateData).toEqual({});
    expect(config.sla).toEqual({ minutes: undefined, outOfHoursReply: undefined });
    expect(config.surges).toEqual({ channelId: undefined, windowMinutes: 30, factor: 3, minMentions: 10, keywords: [], grouping: true });
  });

  it('reads roles, sensitive topics, private-data settings, the SLA and surge alerts', () => {
    const config = loadConfig({
      ...complete,
      ROLE_MANAGERS: 'U0BOSS',
      ROLE_APPROVERS: 'S0LEADS, U0ALICE',
      ROLE_PUBLISHERS: 'S0SOCIAL',
      ROLE_LEARNING: 'S0NEWSTAFF',
      APPROVAL_TOPICS: 'lawsuit|recall|injury',
      PRIVATE_DATA_CHECKS: 'payment_card, email',
      PRIVATE_DATA_PATTERNS: '[{"name":"order id","pattern":"ORD-\\\\d{6}"}]',
      PRIVATE_DATA_ALLOW: 'help@example.com, +1 800 555 0100',
      SLA_MINUTES: '30',
      BUSINESS_HOURS: 'Mon-Fri 09:00-17:00',
      BUSINESS_TIMEZONE: 'Europe/Paris',
      SURGE_CHANNEL: 'C0ALERTS',
      SURGE_WINDOW_MINUTES: '15',
      SURGE_FACTOR: '2.5',
      SURGE_MIN_MENTIONS: '20',
      SURGE_KEYWORDS: 'outage|refund',
      SURGE_GROUPING: 'off',
    });
    expect(config.roles).toEqual({
      managers: ['U0BOSS'],
      approvers: ['S0LEADS', 'U0ALICE'],
      publishers: ['S0SOCIAL'],
      learning: ['S0NEWSTAFF'],
      approvalTopics: { kind: 'keywords', keywords: ['lawsuit', 'recall', 'injury'] },
    });
    expect(config.reports.managers).toEqual(['U0BOSS']);
    expect(config.privateData).toEqual({
      kinds: ['payment_card', 'email'],
      customPatterns: [{ name: 'order id', pattern: 'ORD-\\d{6}', explanation: 'This matches "order id", which your team marked as private data.' }],
      allowList: ['help@example.com', '+1 800 555 0100'],
    });
    expect(config.sla).toEqual({ minutes: 30, outOfHoursReply: undefined });
    expect(config.surges).toEqual({ channelId: 'C0ALERTS', windowMinutes: 15, factor: 2.5, minMentions: 20, keywords: ['outage', 'refund'], grouping: false });
  });

  it('feeds the guard: a custom pattern refuses, the allow-list lets the brand’s own address through, checks can be off', () => {
    const { privateData } = loadConfig({
      ...complete,
      PRIVATE_DATA_CHECKS: 'email',
      PRIVATE_DATA_PATTERNS: '[{"name":"order id","pattern":"ORD-\\\\d{6}","explanation":"Order ids stay private."}]',
      PRIVATE_DATA_ALLOW: 'help@example.com',
    });
    expect(checkPrivateData('Your order ORD-123456 shipped', privateData)).toMatchObject({
      ok: false,
      findings: [{ kind: 'custom', explanation: 'Order ids stay private.' }],
    });
    expect(checkPrivateData('Write to help@example.com', privateData)).toEqual({ ok: true });
    expect(checkPrivateData('Write to jo@example.org', privateData)).toMatchObject({ ok: false });
    expect(checkPrivateData('Call +44 20 7946 0958', privateData)).toEqual({ ok: true });
    expect(loadConfig({ ...complete, PRIVATE_DATA_CHECKS: 'none' }).privateData.kinds).toEqual([]);
  });

  it('says what is expected of malformed values', () => {
    expect(
      problemsOf({
        ...complete,
        ROLE_APPROVERS: '@leads',
        APPROVAL_TOPICS: '/(?<!no )recall/',
        PRIVATE_DATA_CHECKS: 'email, passport',
        PRIVATE_DATA_ALLOW: 'help@example.com',
        SLA_MINUTES: 'half an hour',
        SURGE_CHANNEL: '#alerts',
        SURGE_FACTOR: '1',
        SURGE_KEYWORDS: '/outage/i',
        SURGE_GROUPING: 'yes',
      }),
    ).toEqual([
      'ROLE_APPROVERS: expected Slack user ids (U…) and/or user group ids (S…), separated by commas',
      expect.stringMatching(/^APPROVAL_TOPICS: Look-arounds such as "\(\?<!no \)" are not supported/),
      'PRIVATE_DATA_CHECKS: expected "all", "none" or some of payment_card, national_id, email, phone, account_number separated by commas (unknown: passport)',
      'SLA_MINUTES: expected a whole number of minutes',
      'SURGE_CHANNEL: expected a Slack channel id such as C0123456789 (not a #name)',
      'SURGE_FACTOR: expected a number above 1, e.g. 3',
      'SURGE_KEYWORDS: expected keywords separated by "|", e.g. outage|refund',
      'SURGE_GROUPING: expected "on" or "off"',
    ]);
    expect(problemsOf({ ...complete, PRIVATE_DATA_PATTERNS: 'ORD-\\d+' })).toEqual([
      'PRIVATE_DATA_PATTERNS: expected a JSON array such as [{"name":"order id","pattern":"ORD-\\\\d{6}"}]',
    ]);
    expect(problemsOf({ ...complete, PRIVATE_DATA_PATTERNS: '[{"pattern":"x"}]' })).toEqual([
      'PRIVATE_DATA_PATTERNS: expected a JSON array of {"name", "pattern", optional "explanation"} objects',
    ]);
    expect(problemsOf({ ...complete, PRIVATE_DATA_PATTERNS: '[{"name":"bad","pattern":"(x"}]' })).toEqual([
      expect.stringMatching(/^PRIVATE_DATA_PATTERNS: pattern "bad": /),
    ]);
  });

  it('refuses settings that cannot work together', () => {
    expect(problemsOf({ ...complete, ROLE_LEARNING: 'S0NEWSTAFF' })).toEqual([
      'ROLE_APPROVERS: required with ROLE_LEARNING, ROLE_PUBLISHERS or APPROVAL_TOPICS: who approves held replies (or set ROLE_MANAGERS)',
    ]);
    expect(problemsOf({ ...complete, OUT_OF_HOURS_REPLY: 'Thanks! We are back at 9.' })).toEqual([
      'OUT_OF_HOURS_REPLY: needs BUSINESS_HOURS (and BUSINESS_TIMEZONE): the automatic reply is sent outside those hours',
    ]);
    expect(loadConfig({ ...complete, APPROVAL_TOPICS: 'recall', REPORT_MANAGERS: 'U0BOSS' }).roles.managers).toEqual(['U0BOSS']);
  });
});

import { describe, expect, it, vi } from 'vitest';
import { matchRoutingRule, MAX_MATCHED_TEXT } from '../../src/routing/match-routing-rule.js';

const rule = (id: string, pattern: string) => ({ id, pattern });

describe('matchRoutingRule', () => {
  const rules = [rule('billing', 'refund|invoice'), rule('outage', '/\\b(down|outage)\\b/i'), rule('catch-refunds', '/refund/')];

  it('returns the first rule that matches, in the order given', () => {
    expect(matchRoutingRule(rules, '@acme I need a refund')?.id).toBe('billing');
    expect(matchRoutingRule(rules, 'Is the site DOWN?')?.id).toBe('outage');
    expect(matchRoutingRule(rules, 'refunds please')?.id).toBe('catch-refunds');
    expect(matchRoutingRule([...rules].reverse(), '@acme I need a refund')?.id).toBe('catch-refunds');
  });

  it('returns undefined when nothing matches, or there are no rules', () => {
    expect(matchRoutingRule(rules, 'thanks for the great service')).toBeUndefined();
    expect(matchRoutingRule([], 'refund')).toBeUndefined();
  });

  it('skips a stored pattern that no longer parses, and says so', () => {
    const onSkippedRule = vi.fn();
    expect(matchRoutingRule([rule('broken', '/(refund/'), rule('ok', 'refund')], 'refund', { onSkippedRule })?.id).toBe('ok');
    expect(onSkippedRule).toHaveBeenCalledWith(expect.objectContaining({ id: 'broken' }), 'invalid');
  });

  it('matches long posts on their beginning only', () => {
    const long = `${'x '.repeat(MAX_MATCHED_TEXT)} refund`;
    expect(matchRoutingRule([rule('billing', 'refund')], long)).toBeUndefined();
    expect(matchRoutingRule([rule('billing', 'refund')], `refund ${long}`)?.id).toBe('billing');
  });

  it('gives up on a regular expression that runs too long, and moves on', () => {
    const slow = rule('slow', '/\\d+\\d+\\d+\\d+x/');
    const onSkippedRule = vi.fn();
    const started = Date.now();
    const matched = matchRoutingRule([slow, rule('ok', 'help')], `${'1'.repeat(2_000)} help`, { timeoutMs: 20, onSkippedRule });
    expect(Date.now() - started).toBeLessThan(2_000);
    expect(matched?.id).toBe('ok');
    expect(onSkippedRule).toHaveBeenCalledWith(slow, 'timeout');
  });
});

import { describe, expect, it, vi } from 'vitest';
import { matchRoutingRule, MAX_MATCHED_TEXT } from '../../src/routing/match-routing-rule.js';

const rule = (id: string, pattern: string) => ({ id, pattern });

describe('matchRoutingRule', () => {
  const rules = [rule('billing', 'refund|invoice'), rule('outage', '/\\b(down|outage)\\b/i'), rule('catch-refunds', '/refund/')];

  it('returns the first rule that matches, in the order given', () => {
    expect(matchRoutingRule(rules, '@acme I need a refund')?.id).toBe('billing');
    expect(matchRoutingRule(rules, 'Is the site DOWN?')?.id).toBe('outage');
    expect(matchRoutingRule(rules, 'refundable?')?.id).toBe('catch-refunds');
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

  it('matches disguised words: look-alike letters, fullwidth forms and zero-width characters', () => {
    const rules = [rule('recalls', 'recall')];
    for (const disguised of ['the r\u0435call', 're\u200bcall notice', 'ＲＥＣＡＬＬ', 'two recalls'])
      expect(matchRoutingRule(rules, disguised)?.id, disguised).toBe('recalls');
  });
});

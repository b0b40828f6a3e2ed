import { compileRoutingPattern, parseRoutingPattern } from './routing-pattern.js';

/** The part of a rule the matcher needs; rules come in the order they are evaluated. */
export interface MatchableRule {
  pattern: string;
}

export interface MatchOptions {
  /** Told about a stored pattern that no longer parses (it is skipped). */
  onSkippedRule?: (rule: MatchableRule, reason: 'invalid') => void;
}

/**
 * Posts longer than this are matched on their beginning (long posts on X reach 25,000 characters).
 * With patterns at most 200 characters on a linear-time engine, this bounds the work per post.
 */
export const MAX_MATCHED_TEXT = 4_000;

/** The first rule (in the given order) whose pattern matches the text, or undefined. */
export function matchRoutingRule<Rule extends MatchableRule>(rules: readonly Rule[], text: string, options: MatchOptions = {}): Rule | undefined {
  const subject = text.length > MAX_MATCHED_TEXT ? text.slice(0, MAX_MATCHED_TEXT) : text;
  for (const rule of rules) {
    const parsed = parseRoutingPattern(rule.pattern);
    if (!parsed.ok) {
      options.onSkippedRule?.(rule, 'invalid');
      continue;
    }
    if (compileRoutingPattern(parsed.pattern).test(subject)) return rule;
  }
  return undefined;
}

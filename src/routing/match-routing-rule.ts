import { guardedTest } from './guarded-regex.js';
import { compileRoutingPattern, parseRoutingPattern } from './routing-pattern.js';

/** The part of a rule the matcher needs; rules come in the order they are evaluated. */
export interface MatchableRule {
  pattern: string;
}

export interface MatchOptions {
  /** How long one rule may run on one post before it counts as not matching (default 100 ms). */
  timeoutMs?: number;
  /** Told about rules that were skipped: a stored pattern that no longer parses, or one that ran too long. */
  onSkippedRule?: (rule: MatchableRule, reason: 'invalid' | 'timeout') => void;
}

/** Posts longer than this are matched on their beginning (X's long posts reach 25,000 characters). */
export const MAX_MATCHED_TEXT = 4_000;

/** The first rule (in the given order) whose pattern matches the text, or undefined. */
export function matchRoutingRule<Rule extends MatchableRule>(rules: readonly Rule[], text: string, options: MatchOptions = {}): Rule | undefined {
  const subject = text.length > MAX_MATCHED_TEXT ? text.slice(0, MAX_MATCHED_TEXT) : text;
  for (const rule of rules) {
    const parsed = parseRoutingPattern(rule.pattern, { checkSpeed: false });
    if (!parsed.ok) {
      options.onSkippedRule?.(rule, 'invalid');
      continue;
    }
    const pattern = compileRoutingPattern(parsed.pattern);
    if (parsed.pattern.kind === 'keywords') {
      if (pattern.test(subject)) return rule;
      continue;
    }
    // Patterns are checked for runaway backtracking when they are added; the time limit is the
    // second line of defence, so that one bad rule can never stall ingest.
    const matched = guardedTest(pattern, subject, options.timeoutMs ?? 100);
    if (matched === 'timeout') options.onSkippedRule?.(rule, 'timeout');
    else if (matched) return rule;
  }
  return undefined;
}

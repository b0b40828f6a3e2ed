import { RE2JS } from 're2js';
import { normalizeForMatching } from '../text/normalize-for-matching.js';

/**
 * What a routing rule (or an approval or surge topic) matches. Two spellings, stored as typed:
 * - `refund|invoice|out of stock|recall*`: keywords or phrases, whole words in any case, with
 *   their plain inflections (refunds, refunded, refunding); a trailing `*` matches any ending;
 * - `/refund(ed)?\b/i`: a regular expression with optional flags (i, m, s, u).
 */
export type RoutingPattern = { kind: 'keywords'; keywords: string[] } | { kind: 'regex'; source: string; flags: string };

export type ParsedRoutingPattern = { ok: true; pattern: RoutingPattern; text: string } | { ok: false; error: string };

/** A compiled pattern. Text is normalised first, so look-alike letters, fullwidth forms and zero-width characters hide nothing. */
export interface TextMatcher {
  test(text: string): boolean;
  /** What matched, as normalised text (for telling a person why), or undefined. */
  find(text: string): string | undefined;
}

export const MAX_PATTERN_LENGTH = 200;
const ALLOWED_FLAGS = new Set(['i', 'm', 's', 'u']);
const REGEX_LITERAL = /^\/(.*)\/([a-z]*)$/s;

/** Reads and validates what a person typed; the error says how to fix it. */
export function parseRoutingPattern(input: string): ParsedRoutingPattern {
  const text = input.trim();
  if (text === '') return { ok: false, error: 'The rule needs a pattern: keywords like `refund|invoice`, or a regular expression like `/refund(ed)?/i`.' };
  if (Array.from(text).length > MAX_PATTERN_LENGTH) return { ok: false, error: `A pattern is at most ${MAX_PATTERN_LENGTH} characters.` };
  if (text.startsWith('/')) return parseRegex(text);

  const keywords = text
    .split('|')
    .map((keyword) => keyword.trim().replace(/\s+/g, ' '))
    .filter((keyword) => keyword !== '');
  if (keywords.length === 0) return { ok: false, error: 'The pattern has no keywords: write them separated by `|`, like `refund|invoice`.' };
  if (keywords.some((keyword) => keyword.replace(/\*$/, '').includes('*') || keyword === '*')) {
    return { ok: false, error: 'A `*` goes at the end of a keyword, after at least one letter, like `recall*`.' };
  }
  return { ok: true, pattern: { kind: 'keywords', keywords }, text: keywords.join('|') };
}

// Patterns run on RE2 (linear time in the length of the post, whatever the pattern), so no
// pattern can stall ingest; the price is that look-arounds and back-references do not exist.
function parseRegex(text: string): ParsedRoutingPattern {
  const literal = REGEX_LITERAL.exec(text);
  if (!literal || literal[1] === '') return { ok: false, error: 'A regular expression is written between slashes, like `/refund(ed)?/i`.' };
  const source = literal[1]!;
  const flags = literal[2]!;
  const badFlag = [...flags].find((flag) => !ALLOWED_FLAGS.has(flag));
  if (badFlag !== undefined) return { ok: false, error: `The flag “${badFlag}” is not allowed: use only i, m, s or u.` };
  if (new Set(flags).size !== flags.length) return { ok: false, error: 'Each flag may appear only once.' };
  const problem = regexProblem(source);
  if (problem) return { ok: false, error: problem };
  return { ok: true, pattern: { kind: 'regex', source, flags }, text };
}

function regexProblem(source: string): string | undefined {
  if (/\(\?<?[=!]/.test(source))
    return 'Look-arounds such as `(?<!no )` are not supported: patterns run on a linear-time engine. Match the words themselves, or use keywords.';
  if (/\\[1-9]|\\k</.test(source)) return 'Back-references such as `\\1` are not supported: patterns run on a linear-time engine.';
  try {
    RE2JS.compile(source);
    return undefined;
  } catch (error) {
    // RE2 says "error parsing regexp: missing closing ): `(refund`": keep the reason only.
    const reason = (error as Error).message
      .replace(/^error parsing regexp: /, '')
      .replace(/: `.*$/s, '')
      .replace(/[&<>`]/g, '');
    return `That is not a valid regular expression (${reason}).`;
  }
}

const WORD_EDGE = '[^\\p{L}\\p{N}_]';
const INFLECTIONS = "(?:'s|s|es|ed|d|ing)?";

/** The matcher a pattern runs as (keywords become one case-insensitive, whole-word alternation). */
export function compileRoutingPattern(pattern: RoutingPattern): TextMatcher {
  if (pattern.kind === 'regex') return matcher(RE2JS.compile(pattern.source, regexFlags(pattern.flags)), 0);
  const alternatives = pattern.keywords.map((keyword) => {
    const open = keyword.endsWith('*');
    const words = normalizeForMatching(open ? keyword.slice(0, -1) : keyword)
      .trim()
      .split(/\s+/)
      .map((word) => RE2JS.quote(word));
    return words.join('\\s+') + (open ? '[\\p{L}\\p{N}_]*' : INFLECTIONS);
  });
  // "Whole word": no letter, digit or underscore right before or after, so "refund" matches
  // "Refund!" and "refunds" but not "prerefund", and "#outage" works too.
  const source = `(?:^|${WORD_EDGE})(${alternatives.join('|')})(?:$|${WORD_EDGE})`;
  return matcher(RE2JS.compile(source, RE2JS.CASE_INSENSITIVE), 1);
}

function regexFlags(flags: string): number {
  let compiled = 0;
  if (flags.includes('i')) compiled |= RE2JS.CASE_INSENSITIVE;
  if (flags.includes('m')) compiled |= RE2JS.MULTILINE;
  if (flags.includes('s')) compiled |= RE2JS.DOTALL;
  return compiled;
}

function matcher(compiled: RE2JS, group: number): TextMatcher {
  const find = (text: string): string | undefined => {
    const found = compiled.matcher(normalizeForMatching(text));
    return found.find() ? (found.group(group) ?? '') : undefined;
  };
  return { find, test: (text) => find(text) !== undefined };
}

import { guardedTest } from './guarded-regex.js';

/**
 * What a routing rule matches. Two spellings, stored as typed:
 * - `refund|invoice|out of stock`: keywords or phrases, whole words, any case;
 * - `/refund(ed)?\b/i`: a JavaScript regular expression with optional flags (i, m, s, u).
 */
export type RoutingPattern = { kind: 'keywords'; keywords: string[] } | { kind: 'regex'; source: string; flags: string };

export type ParsedRoutingPattern = { ok: true; pattern: RoutingPattern; text: string } | { ok: false; error: string };

export const MAX_PATTERN_LENGTH = 200;
const ALLOWED_FLAGS = new Set(['i', 'm', 's', 'u']);
const REGEX_LITERAL = /^\/(.*)\/([a-z]*)$/s;

export interface ParseOptions {
  /**
   * Look for runaway backtracking (default true). Stored patterns were checked when they were
   * added, and the matcher runs them with a time limit, so it skips this (it costs a few ms).
   */
  checkSpeed?: boolean;
}

/** Reads and validates what a person typed; the error says how to fix it. */
export function parseRoutingPattern(input: string, options: ParseOptions = {}): ParsedRoutingPattern {
  const text = input.trim();
  if (text === '') return { ok: false, error: 'The rule needs a pattern: keywords like `refund|invoice`, or a regular expression like `/refund(ed)?/i`.' };
  if (Array.from(text).length > MAX_PATTERN_LENGTH) return { ok: false, error: `A pattern is at most ${MAX_PATTERN_LENGTH} characters.` };
  if (text.startsWith('/')) return parseRegex(text, options.checkSpeed ?? true);

  const keywords = text
    .split('|')
    .map((keyword) => keyword.trim().replace(/\s+/g, ' '))
    .filter((keyword) => keyword !== '');
  if (keywords.length === 0) return { ok: false, error: 'The pattern has no keywords: write them separated by `|`, like `refund|invoice`.' };
  return { ok: true, pattern: { kind: 'keywords', keywords }, text: keywords.join('|') };
}

function parseRegex(text: string, checkSpeed: boolean): ParsedRoutingPattern {
  const literal = REGEX_LITERAL.exec(text);
  if (!literal || literal[1] === '') return { ok: false, error: 'A regular expression is written between slashes, like `/refund(ed)?/i`.' };
  const source = literal[1]!;
  const flags = literal[2]!;
  const badFlag = [...flags].find((flag) => !ALLOWED_FLAGS.has(flag));
  if (badFlag !== undefined) return { ok: false, error: `The flag “${badFlag}” is not allowed: use only i, m, s or u.` };
  if (new Set(flags).size !== flags.length) return { ok: false, error: 'Each flag may appear only once.' };
  try {
    new RegExp(source, flags);
  } catch (error) {
    // V8 says "Invalid regular expression: /(a/: Unterminated group": keep the reason only.
    const reason = (error as Error).message.split(': ').at(-1) ?? 'invalid';
    return { ok: false, error: `That is not a valid regular expression (${reason.replace(/[&<>]/g, '')}).` };
  }
  if (!checkSpeed) return { ok: true, pattern: { kind: 'regex', source, flags }, text };
  const risk = findBacktrackingRisk(source) ?? (isSlowOnTrialTexts(new RegExp(source, flags)) ? 'it is very slow on long posts, like a*a*a*b' : undefined);
  if (risk) return { ok: false, error: `That regular expression could take forever on some posts (${risk}). Rewrite it without that, or use keywords.` };
  return { ok: true, pattern: { kind: 'regex', source, flags }, text };
}

/**
 * Repeated quantifiers side by side ("\\d+\\d+\\d+x", "a*a*a*b") backtrack polynomially: harmless on
 * a tweet, minutes on a long post. Try the expression on long runs of the characters it mentions
 * (and a few common ones), each followed by a character that makes it fail.
 */
function isSlowOnTrialTexts(pattern: RegExp): boolean {
  const characters = new Set(['a', '1', ' ', '.', ...pattern.source.replace(/\\[dDwWsSbBpPuxck]/g, '').replace(/[\\^$.*+?()[\]{}|]/g, '')]);
  for (const character of [...characters].slice(0, 12)) {
    for (const tail of ['!', '\n']) {
      if (guardedTest(pattern, character.repeat(TRIAL_LENGTH) + tail, TRIAL_TIMEOUT_MS) === 'timeout') return true;
    }
  }
  return false;
}

const TRIAL_LENGTH = 2_000;
const TRIAL_TIMEOUT_MS = 50;

/** The RegExp a pattern runs as (keywords become one case-insensitive, whole-word alternation). */
export function compileRoutingPattern(pattern: RoutingPattern): RegExp {
  if (pattern.kind === 'regex') return new RegExp(pattern.source, pattern.flags);
  const alternatives = pattern.keywords.map((keyword) => keyword.split(' ').map(escapeRegExp).join('\\s+'));
  // "Whole word": no letter, digit or underscore right before or after (so "refund" matches
  // "Refund!" but not "refunded"); written with look-arounds so "#outage" works too.
  return new RegExp(`(?<![\\p{L}\\p{N}_])(?:${alternatives.join('|')})(?![\\p{L}\\p{N}_])`, 'iu');
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, '\\$&');
}

interface GroupFrame {
  /** Something inside repeats a variable number of times (*, +, {n,} or {n,m} with m > n). */
  repeats: boolean;
  alternatives: string[];
  current: string;
}

/**
 * A conservative look for the shapes that make backtracking explode: a repeated group that itself
 * repeats ("(a+)+"), a repeated alternation whose branches can overlap ("(a|ab)*"), and
 * back-references. Returns a short description of the first risk found, or undefined.
 */
export function findBacktrackingRisk(source: string): string | undefined {
  const stack: GroupFrame[] = [{ repeats: false, alternatives: [], current: '' }];
  let lastGroup: GroupFrame | undefined;
  for (let i = 0; i < source.length; i += 1) {
    const top = stack.at(-1)!;
    const char = source[i]!;
    if (char === '\\') {
      const next = source[i + 1] ?? '';
      if (/[1-9]/.test(next) || (next === 'k' && source[i + 2] === '<')) return 'a back-reference';
      top.current += char + next;
      i += 1;
      lastGroup = undefined;
      continue;
    }
    if (char === '[') {
      const end = classEnd(source, i);
      top.current += source.slice(i, end + 1);
      i = end;
      lastGroup = undefined;
      continue;
    }
    if (char === '(') {
      stack.push({ repeats: false, alternatives: [], current: '' });
      // Skip the group's prefix: (?: (?= (?! (?<= (?<! (?<name>
      const prefix = /^\(\?(?::|=|!|<=|<!|<[A-Za-z_$][\w$]*>)/.exec(source.slice(i));
      if (prefix) i += prefix[0].length - 1;
      lastGroup = undefined;
      continue;
    }
    if (char === ')') {
      const closed = stack.pop();
      if (!closed || stack.length === 0) return undefined; // unbalanced: new RegExp already refused it
      closed.alternatives.push(closed.current);
      const parent = stack.at(-1)!;
      parent.repeats ||= closed.repeats;
      parent.current += `(${closed.alternatives.join('|')})`;
      lastGroup = closed;
      continue;
    }
    if (char === '|') {
      top.alternatives.push(top.current);
      top.current = '';
      lastGroup = undefined;
      continue;
    }
    const quantifier = readQuantifier(source, i);
    if (quantifier) {
      if (quantifier.max > 1) {
        if (lastGroup?.repeats) return 'a repeated group that repeats inside, like (a+)+';
        if (lastGroup && lastGroup.alternatives.length > 1 && !areDistinctLiterals(lastGroup.alternatives)) return 'repeated alternatives that can overlap, like (a|ab)*';
      }
      if (quantifier.max > quantifier.min) top.repeats = true;
      top.current += source.slice(i, quantifier.end + 1);
      i = quantifier.end;
      lastGroup = undefined;
      continue;
    }
    top.current += char;
    lastGroup = undefined;
  }
  return undefined;
}

/** Where a character class ends; in JavaScript the first unescaped "]" closes it ("[]" is empty). */
function classEnd(source: string, start: number): number {
  for (let i = start + 1; i < source.length; i += 1) {
    if (source[i] === '\\') i += 1;
    else if (source[i] === ']') return i;
  }
  return source.length - 1;
}

function readQuantifier(source: string, i: number): { end: number; min: number; max: number } | undefined {
  const char = source[i];
  const lazy = (end: number) => (source[end + 1] === '?' ? end + 1 : end);
  if (char === '*' || char === '+') return { end: lazy(i), min: char === '+' ? 1 : 0, max: Infinity };
  if (char === '?') return { end: lazy(i), min: 0, max: 1 };
  if (char !== '{') return undefined;
  const braces = /^\{(\d+)(,(\d*))?\}/.exec(source.slice(i));
  if (!braces) return undefined;
  const min = Number(braces[1]);
  const max = braces[2] === undefined ? min : braces[3] === '' ? Infinity : Number(braces[3]);
  return { end: lazy(i + braces[0].length - 1), min, max };
}

/** Branches made only of plain characters, no two starting with the same one (ignoring case). */
function areDistinctLiterals(alternatives: string[]): boolean {
  const firsts = new Set<string>();
  for (const alternative of alternatives) {
    if (!/^(?:[\p{L}\p{N} _-]|\\[^\dwWsSdDbBpPuxck])+$/u.test(alternative)) return false;
    const first = (alternative.startsWith('\\') ? alternative.slice(0, 2) : alternative[0]!).toLowerCase();
    if (firsts.has(first)) return false;
    firsts.add(first);
  }
  return true;
}

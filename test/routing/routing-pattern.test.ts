import { describe, expect, it } from 'vitest';
import { compileRoutingPattern, findBacktrackingRisk, MAX_PATTERN_LENGTH, parseRoutingPattern } from '../../src/routing/routing-pattern.js';

describe('parseRoutingPattern', () => {
  it('reads keywords separated by |, trimming and collapsing spaces', () => {
    expect(parseRoutingPattern(' refund | invoice|out   of stock ')).toEqual({
      ok: true,
      pattern: { kind: 'keywords', keywords: ['refund', 'invoice', 'out of stock'] },
      text: 'refund|invoice|out of stock',
    });
  });

  it('reads a regular expression with flags', () => {
    expect(parseRoutingPattern('/refund(ed)?\\b/i')).toEqual({ ok: true, pattern: { kind: 'regex', source: 'refund(ed)?\\b', flags: 'i' }, text: '/refund(ed)?\\b/i' });
  });

  it.each([
    ['', /needs a pattern/],
    ['|  |', /no keywords/],
    ['/refund', /between slashes/],
    ['//i', /between slashes/],
    ['/refund/g', /flag “g” is not allowed/],
    ['/refund/ii', /only once/],
    ['/(refund/', /not a valid regular expression \(Unterminated group\)/],
    ['/(a+)+$/', /could take forever.*\(a\+\)\+/],
    ['/(\\w+\\s?)*$/', /could take forever/],
    ['/(a|ab)*c/', /could take forever.*overlap/],
    ['/(\\d|\\w)+x/', /could take forever/],
    ['/(a)\\1/', /back-reference/],
    ['/\\d+\\d+\\d+\\d+x/', /very slow on long posts/],
    ['/a*a*a*a*b/', /very slow on long posts/],
    ['/(?<w>a)\\k<w>/', /back-reference/],
    [`x${'y'.repeat(MAX_PATTERN_LENGTH)}`, /at most 200 characters/],
  ])('refuses %j with a clear message', (input, message) => {
    const parsed = parseRoutingPattern(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });
});

describe('findBacktrackingRisk', () => {
  it.each(['refund', '(refund|invoice)+', '(?:out of|no) stock', '[a-z]+@[a-z]+\\.com', '(ab)+c', 'a{2,5}', '(a{2})+', '(https?://)?\\S+', '[(]+', '(a+)?', '\\(a+\\)+'])('accepts %j', (source) => {
    expect(findBacktrackingRisk(source)).toBeUndefined();
  });

  it.each(['(a+)+', '(a*)*b', '(?:a+){2,}', '(a{1,3})+', '((ab)+)+', '(x+x+)+y', '([a-z]+)*$', '(a|a)+', '(\\s|\\S)*'])('refuses %j', (source) => {
    expect(findBacktrackingRisk(source)).toBeDefined();
  });
});

describe('compileRoutingPattern', () => {
  const keywords = (...words: string[]) => compileRoutingPattern({ kind: 'keywords', keywords: words });

  it('matches keywords as whole words, in any case', () => {
    const pattern = keywords('refund', 'invoice');
    expect(pattern.test('I want a REFUND!')).toBe(true);
    expect(pattern.test('where is my invoice?')).toBe(true);
    expect(pattern.test('refunded already')).toBe(false);
    expect(pattern.test('prerefund')).toBe(false);
    expect(pattern.test('refund_policy')).toBe(false);
  });

  it('matches phrases across any spacing, and keywords with symbols or accents', () => {
    expect(keywords('out of stock').test('it is out\nof   stock')).toBe(true);
    expect(keywords('#outage').test('another #outage today')).toBe(true);
    expect(keywords('café').test('Le CAFÉ est fermé')).toBe(true);
    expect(keywords('c++').test('do you support c++?')).toBe(true);
    expect(keywords('a.b').test('axb')).toBe(false);
  });
});

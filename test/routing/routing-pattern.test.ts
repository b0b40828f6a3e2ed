import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compileRoutingPattern, MAX_PATTERN_LENGTH, parseRoutingPattern } from '../../src/routing/routing-pattern.js';

describe('parseRoutingPattern', () => {
  it('reads keywords separated by |, trimming and collapsing spaces', () => {
    expect(parseRoutingPattern(' refund | invoice|out   of stock ')).toEqual({
      ok: true,
      pattern: { kind: 'keywords', keywords: ['refund', 'invoice', 'out of stock'] },
      text: 'refund|invoice|out of stock',
    });
  });

  it('reads a regular expression with flags', () => {
    expect(parseRoutingPattern('/refund(ed)?\\b/i')).toEqual({
      ok: true,
      pattern: { kind: 'regex', source: 'refund(ed)?\\b', flags: 'i' },
      text: '/refund(ed)?\\b/i',
    });
  });

  it.each([
    ['', /needs a pattern/],
    ['|  |', /no keywords/],
    ['/refund', /between slashes/],
    ['//i', /between slashes/],
    ['/refund/g', /flag “g” is not allowed/],
    ['/refund/ii', /only once/],
    ['/(refund/', /not a valid regular expression \(missing closing \)\)/],
    ['/(?<!no )refund/i', /Look-arounds .* are not supported/],
    ['/refund(?= now)/', /Look-arounds/],
    ['/(a)\\1/', /Back-references/],
    ['/(?<w>a)\\k<w>/', /Back-references/],
    ['/a{2000}/', /not a valid regular expression/],
    ['recall*s', /goes at the end of a keyword/],
    ['*', /goes at the end of a keyword/],
    [`x${'y'.repeat(MAX_PATTERN_LENGTH)}`, /at most 200 characters/],
  ])('refuses %j with a clear message', (input, message) => {
    const parsed = parseRoutingPattern(input);
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) expect(parsed.error).toMatch(message);
  });
});

describe('patterns that backtrack catastrophically in JavaScript', () => {
  // Each with the post that makes V8 backtrack for seconds or more; on RE2 the work is linear.
  it.each([
    ['/(a+)+$/', `${'a'.repeat(3_000)}!`],
    ['/^(\\w+\\s?)*$/', `${'ab '.repeat(1_300)}!`],
    ['/(a|ab)*c/', 'ab'.repeat(2_000)],
    ['/\\d+\\d+\\d+\\d+x/', '1'.repeat(4_000)],
    ['/^\\S*\\S*\\S{0,3}!/', 'a'.repeat(4_000)],
  ])('accepts %j and answers on its worst post', (input, post) => {
    const parsed = parseRoutingPattern(input);
    if (!parsed.ok) throw new Error(parsed.error);
    expect(compileRoutingPattern(parsed.pattern).test(post)).toBe(false);
  });
});

describe('compileRoutingPattern', () => {
  const keywords = (...words: string[]) => compileRoutingPattern({ kind: 'keywords', keywords: words });

  it('matches keywords as whole words, in any case', () => {
    const pattern = keywords('refund', 'invoice');
    expect(pattern.test('I want a REFUND!')).toBe(true);
    expect(pattern.test('where is my invoice?')).toBe(true);
    expect(pattern.test('refunded already')).toBe(true);
    expect(pattern.test('two refunds')).toBe(true);
    expect(pattern.test('refundable')).toBe(false);
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

describe('keywords, by property', () => {
  const lookAlikes: Record<string, string> = { a: 'а', c: 'с', e: 'е', i: 'і', j: 'ј', o: 'о', p: 'р', x: 'х', y: 'у' };
  const disguise = fc.constantFrom(
    (word: string) => word.toUpperCase(),
    (word: string) => [...word].join('\u200b'),
    (word: string) => word.replace(/[aceijopxy]/g, (letter) => lookAlikes[letter]!),
    (word: string) => word.replace(/[a-z]/g, (letter) => String.fromCodePoint(letter.codePointAt(0)! + 0xfee0)),
    (word: string) => `${word[0]!.toUpperCase()}${word.slice(1)}`,
    (word: string) => `${word}\u00ad`,
  );
  const keyword = fc.stringMatching(/^[a-m]{3,9}$/);
  const otherWords = fc.array(fc.stringMatching(/^[n-z]{1,9}$/), { maxLength: 6 });

  it('finds a keyword however it is disguised or inflected', () => {
    fc.assert(
      fc.property(keyword, disguise, fc.constantFrom('', 's', 'ed', 'ing', "'s"), otherWords, otherWords, (word, hide, ending, before, after) => {
        const text = [...before, hide(word + ending), ...after].join(' ');
        return compileRoutingPattern({ kind: 'keywords', keywords: [word] }).test(text);
      }),
    );
  });

  it('finds nothing in text without the keyword', () => {
    fc.assert(fc.property(keyword, otherWords, (word, words) => !compileRoutingPattern({ kind: 'keywords', keywords: [word] }).test(words.join(' '))));
  });
});

import { describe, expect, it } from 'vitest';
import { topicWords, topTerms } from '../../src/domain/surge-terms.js';
import { surgeTopicPattern } from '../../src/domain/surge-topic.js';

describe('top terms of a surge', () => {
  it('keeps topic words only: no links, @handles, numbers, short or stop words', () => {
    const words = topicWords('@acme My REFUND for order 12345 is late!! https://t.co/abc See #outage, it’s the 3rd time', new Set(['acme']));
    expect([...words].sort()).toEqual(['late', 'order', 'outage', 'refund', 'see', 'time']);
  });

  it('ranks the words most over-represented compared with the usual posts, at most 5', () => {
    const surge = [
      'the app crashed and I want a refund',
      'app crashed again, refund please',
      'refund refund refund, the app crashed on login',
      'login broken since the update, refund me',
      'where is my order',
      'update broke login, app crashed',
    ];
    const usual = ['where is my order', 'order arrived, thanks', 'love the app', 'when does the store open', 'my order is late'];
    const terms = topTerms(surge, usual);
    expect(terms).toHaveLength(5);
    expect(terms.slice(0, 2).sort()).toEqual(['crashed', 'refund']);
    expect(terms).toContain('login');
    expect(terms).not.toContain('order'); // as common as usual
  });

  it('ignores the brand handle, single mentions, and works without any usual posts', () => {
    expect(topTerms(['acme outage now', 'acme outage again', 'acme is great'], [], { ignore: ['@Acme'] })).toEqual(['outage']);
    expect(topTerms(['one lonely word'], [])).toEqual([]);
  });
});

describe('surge topic', () => {
  it('matches the keyword, or any top term, as whole words in any case', () => {
    const keyword = surgeTopicPattern({ keyword: 'refund', topTerms: ['app'] })!;
    expect(keyword.test('I want a REFUND!')).toBe(true);
    expect(keyword.test('refunded already')).toBe(true);
    expect(keyword.test('refundable')).toBe(false);
    expect(keyword.test('the app is down')).toBe(false);
    const terms = surgeTopicPattern({ keyword: null, topTerms: ['crashed', 'login'] })!;
    expect(terms.test('Login fails')).toBe(true);
    expect(terms.test('nothing here')).toBe(false);
    expect(surgeTopicPattern({ keyword: null, topTerms: [] })).toBeUndefined();
  });
});

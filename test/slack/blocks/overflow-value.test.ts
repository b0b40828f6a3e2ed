import { describe, expect, it } from 'vitest';
import { encodeOverflowValue, parseOverflowValue } from '../../../src/slack/blocks/overflow-value.js';

describe('overflow values', () => {
  it('round-trips a choice and a conversation id', () => {
    const value = encodeOverflowValue('not_spam', '6f1c0c1e-0000-4000-8000-000000000042');
    expect(parseOverflowValue(value)).toEqual({ choice: 'not_spam', conversationId: '6f1c0c1e-0000-4000-8000-000000000042' });
  });

  it.each(['', 'take', 'take:', ':abc', 'delete:abc', 'like:abc'])('rejects %j', (value) => {
    expect(parseOverflowValue(value)).toBeNull();
  });
});

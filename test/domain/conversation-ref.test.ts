import { describe, expect, it } from 'vitest';
import { formatConversationRef, parseConversationRef } from '../../src/domain/conversation-ref.js';

describe('formatConversationRef', () => {
  it('prefixes the number with E-', () => {
    expect(formatConversationRef(42)).toBe('E-42');
  });
});

describe('parseConversationRef', () => {
  it.each(['E-42', 'e-42', 'e42', 'E42', '#42', '42', '  E-42  '])('reads %j as conversation 42', (input) => {
    expect(parseConversationRef(input)).toEqual({ kind: 'ref', number: 42 });
  });

  it.each([
    'https://x.com/acme_support/status/1790000000000000001',
    'https://twitter.com/acme_support/status/1790000000000000001',
    'https://www.twitter.com/acme_support/status/1790000000000000001?s=20',
    'https://mobile.twitter.com/acme_support/status/1790000000000000001',
    'https://x.com/i/web/status/1790000000000000001',
    '<https://x.com/acme_support/status/1790000000000000001>',
    '<https://x.com/acme_support/status/1790000000000000001|x.com/acme_support/status/1790…>',
  ])('reads the post link %j', (input) => {
    expect(parseConversationRef(input)).toEqual({ kind: 'post', network: 'x', postId: '1790000000000000001' });
  });

  it.each(['', 'E-', 'E-0', '0', 'C-42', 'E-4x', 'hello', 'https://example.com/acme/status/1', 'https://x.com/acme'])('rejects %j', (input) => {
    expect(parseConversationRef(input)).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { measureXReply } from '../../../src/channels/x/x-reply-length.js';

describe('measureXReply', () => {
  it('counts plain ASCII one per character', () => {
    expect(measureXReply('Thanks for reaching out!')).toEqual({
      used: 24,
      limit: 280,
      remaining: 256,
      valid: true,
    });
  });

  it('counts any URL as 23, however long', () => {
    const url = 'https://example.com/help/articles/123456789/how-to-reset-your-password-in-three-steps';
    expect(measureXReply(`See ${url}`).used).toBe(4 + 23);
  });

  it('counts an emoji as 2', () => {
    expect(measureXReply('🙏').used).toBe(2);
    expect(measureXReply('👩‍💻').used).toBe(2);
  });

  it('counts each CJK character as 2', () => {
    expect(measureXReply('ありがとう').used).toBe(10);
    expect(measureXReply('谢谢').used).toBe(4);
  });

  it('accepts exactly 280 and refuses 281', () => {
    expect(measureXReply('a'.repeat(280))).toMatchObject({ used: 280, remaining: 0, valid: true });
    expect(measureXReply('a'.repeat(281))).toMatchObject({ used: 281, remaining: -1, valid: false });
  });

  it('treats 140 CJK characters as full', () => {
    expect(measureXReply('日'.repeat(140)).valid).toBe(true);
    expect(measureXReply('日'.repeat(141)).valid).toBe(false);
  });
});

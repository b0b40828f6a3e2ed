import { describe, expect, it } from 'vitest';
import { measureReply } from '../../src/domain/reply-length.js';

describe('measureReply', () => {
  it('counts plain ASCII one per character', () => {
    expect(measureReply('Thanks for reaching out!')).toEqual({
      weightedLength: 24,
      limit: 280,
      remaining: 256,
      valid: true,
    });
  });

  it('counts any URL as 23, however long', () => {
    const url = 'https://example.com/help/articles/123456789/how-to-reset-your-password-in-three-steps';
    expect(measureReply(`See ${url}`).weightedLength).toBe(4 + 23);
  });

  it('counts an emoji as 2', () => {
    expect(measureReply('🙏').weightedLength).toBe(2);
    expect(measureReply('👩‍💻').weightedLength).toBe(2);
  });

  it('counts each CJK character as 2', () => {
    expect(measureReply('ありがとう').weightedLength).toBe(10);
    expect(measureReply('谢谢').weightedLength).toBe(4);
  });

  it('accepts exactly 280 and refuses 281', () => {
    expect(measureReply('a'.repeat(280))).toMatchObject({ weightedLength: 280, remaining: 0, valid: true });
    expect(measureReply('a'.repeat(281))).toMatchObject({ weightedLength: 281, remaining: -1, valid: false });
  });

  it('treats 140 CJK characters as full', () => {
    expect(measureReply('日'.repeat(140)).valid).toBe(true);
    expect(measureReply('日'.repeat(141)).valid).toBe(false);
  });
});

import { describe, expect, it } from 'vitest';
import { xNetwork } from '../../src/channels/x/x-network.js';
import { prepareDirectMessage } from '../../src/domain/direct-message-draft.js';

describe('prepareDirectMessage', () => {
  it('signs the message and allows account details', () => {
    expect(prepareDirectMessage({ network: xNetwork, text: ' Your card 4242 4242 4242 4242 is refunded ', signature: '^AL' })).toEqual({
      ok: true,
      finalText: 'Your card 4242 4242 4242 4242 is refunded ^AL',
      length: 45,
    });
  });

  it("refuses an empty message and one over X's 10,000 characters, counting the signature", () => {
    expect(prepareDirectMessage({ network: xNetwork, text: '  ' })).toEqual({
      ok: false,
      error: 'Write the direct message before sending it.',
      problem: 'empty',
    });
    expect(prepareDirectMessage({ network: xNetwork, text: '@jo ' }).ok).toBe(false);
    expect(prepareDirectMessage({ network: xNetwork, text: 'a'.repeat(10_000) }).ok).toBe(true);
    expect(prepareDirectMessage({ network: xNetwork, text: 'a'.repeat(10_000), signature: '^AL' })).toEqual({
      ok: false,
      error: "4 characters over X's 10,000-character limit for direct messages. Shorten it.",
      problem: 'too_long',
    });
    expect(prepareDirectMessage({ network: xNetwork, text: '😀'.repeat(10_000) }).ok).toBe(true);
  });
});

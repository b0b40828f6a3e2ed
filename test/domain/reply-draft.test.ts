import { describe, expect, it } from 'vitest';
import { xNetwork } from '../../src/channels/x/x-network.js';
import { prepareReply } from '../../src/domain/reply-draft.js';

describe('prepareReply', () => {
  it('signs a good reply and reports its length', () => {
    const result = prepareReply({ network: xNetwork, text: '  @ann We have fixed it, thanks!  ', handle: 'ann', signature: '^AL' });
    expect(result).toEqual({
      ok: true,
      finalText: '@ann We have fixed it, thanks! ^AL',
      length: { used: 34, limit: 280, remaining: 246, valid: true },
    });
  });

  it.each(['', '   ', '@ann ', '@ann', '@Ann  \n ', '@ann @acme '])('refuses %j as empty', (text) => {
    expect(prepareReply({ network: xNetwork, text, handle: '@ann', signature: '^AL' })).toEqual({
      ok: false,
      errors: { reply_text: 'Write a reply to @ann before posting.' },
      problems: ['empty'],
    });
  });

  it('says by how many characters the reply is over, counting the signature', () => {
    const text = `@ann ${'a'.repeat(280)}`;
    expect(prepareReply({ network: xNetwork, text, handle: 'ann', signature: '^AL' })).toEqual({
      ok: false,
      errors: { reply_text: "9 characters over X's 280 limit, counting your signature. Shorten the reply." },
      problems: ['too_long'],
    });
  });

  it('uses the singular for one character', () => {
    const result = prepareReply({ network: xNetwork, text: 'a'.repeat(281), handle: 'ann' });
    expect(result.ok ? '' : result.errors.reply_text).toBe("1 character over X's 280 limit. Shorten the reply.");
  });

  it('counts emoji the way X does', () => {
    expect(prepareReply({ network: xNetwork, text: '🙏'.repeat(140), handle: 'ann' }).ok).toBe(true);
    expect(prepareReply({ network: xNetwork, text: '🙏'.repeat(141), handle: 'ann' }).ok).toBe(false);
  });

  it('refuses private data and suggests going private', () => {
    const result = prepareReply({ network: xNetwork, text: '@ann I refunded card 4242 4242 4242 4242', handle: 'ann' });
    // The audit trail keeps the kinds found, never the text or the handle.
    expect(result.ok ? [] : result.problems).toEqual(['private_data:payment_card']);
    expect(result.ok).toBe(false);
    const message = result.ok ? '' : result.errors.reply_text;
    expect(message).toContain('a payment card number (•••• 4242)');
    expect(message).not.toContain('4242 4242');
    expect(message).toMatch(/Take the conversation private instead\.$/);
  });

  it('combines the length and private-data problems in one message', () => {
    const result = prepareReply({ network: xNetwork, text: `@ann mail jo@example.com ${'a'.repeat(280)}`, handle: 'ann' });
    const message = result.ok ? '' : result.errors.reply_text;
    expect(message).toMatch(/^\d+ characters over X's 280 limit\./);
    expect(message).toContain('an e-mail address (j•••@example.com)');
  });

  it('passes guard options through', () => {
    const result = prepareReply({
      network: xNetwork,
      text: '@ann write to help@acme.com',
      handle: 'ann',
      guardOptions: { allowList: ['help@acme.com'] },
    });
    expect(result.ok).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { checkPrivateData, type PrivateDataFinding } from '../../src/domain/private-data-guard.js';

function findingsOf(text: string, options?: Parameters<typeof checkPrivateData>[1]): PrivateDataFinding[] {
  const result = checkPrivateData(text, options);
  return result.ok ? [] : result.findings;
}

function kindsOf(text: string, options?: Parameters<typeof checkPrivateData>[1]): string[] {
  return findingsOf(text, options).map((finding) => finding.kind);
}

describe('checkPrivateData', () => {
  it('passes an ordinary reply', () => {
    expect(checkPrivateData('@ann Sorry about that! A fix ships tomorrow, we will keep you posted.')).toEqual({ ok: true });
  });

  it('suggests taking the conversation private and explains each finding in plain words', () => {
    const result = checkPrivateData('@ann your card 4242 4242 4242 4242 was charged twice');
    expect(result).toEqual({
      ok: false,
      suggestion: 'Take the conversation private instead.',
      findings: [
        {
          kind: 'payment_card',
          match: '•••• 4242',
          explanation: expect.stringContaining('payment card number'),
        },
      ],
    });
  });

  describe('payment cards', () => {
    it.each([
      ['spaced', '4242 4242 4242 4242'],
      ['dashed', '5555-5555-5555-4444'],
      ['contiguous', '4111111111111111'],
      ['Amex grouping', '3782 822463 10005'],
      ['followed by an expiry', '4242424242424242 12 27'],
    ])('finds a %s card number', (_label, card) => {
      expect(kindsOf(`card ${card} please`)).toEqual(['payment_card']);
    });

    it('does not call a digit run that fails the Luhn check a card', () => {
      expect(kindsOf('ref 4242 4242 4242 4241')).not.toContain('payment_card');
    });

    it('masks all but the last four digits', () => {
      expect(findingsOf('4111-1111-1111-1111')[0]?.match).toBe('•••• 1111');
    });
  });

  describe('national id numbers', () => {
    it('finds a US Social Security number', () => {
      expect(findingsOf('my SSN is 123-45-6789')).toEqual([expect.objectContaining({ kind: 'national_id', match: '•••• 6789' })]);
    });

    it.each(['000-12-3456', '666-12-3456', '912-34-5678', '123-00-4567', '123-45-0000'])('does not call the impossible SSN %s a national id', (ssn) => {
      expect(kindsOf(`number ${ssn}`)).not.toContain('national_id');
    });

    it.each(['AB123456C', 'ab 12 34 56 c', 'JG 10 37 21 B'])('finds the UK National Insurance number %s', (ni) => {
      expect(kindsOf(`NI: ${ni}`)).toEqual(['national_id']);
    });

    it.each(['QQ123456C', 'GB123456A', 'AB123456E'])('ignores %s, which is not a valid NI number', (ni) => {
      expect(kindsOf(`code ${ni}`)).not.toContain('national_id');
    });
  });

  describe('e-mail addresses', () => {
    it('finds and masks an address', () => {
      expect(findingsOf('write to jane.doe+orders@example.co.uk.')).toEqual([expect.objectContaining({ kind: 'email', match: 'j•••@example.co.uk' })]);
    });

    it('never counts an allow-listed address', () => {
      expect(checkPrivateData('@ann mail Support@Acme.com', { allowList: ['support@acme.com'] })).toEqual({ ok: true });
    });

    it('does not mistake an @handle for an address', () => {
      expect(checkPrivateData('@ann_smith thanks, @acme_support is on it')).toEqual({ ok: true });
    });
  });

  describe('phone numbers', () => {
    it.each(['+44 20 7946 0958', '+1 (555) 123-4567', '+4915112345678', '(555) 123-4567', '555.123.4567', '020 7946 0958', '06 12 34 56 78', '1-800-555-0199'])(
      'finds %s',
      (phone) => {
        expect(kindsOf(`call me on ${phone} today`)).toEqual(['phone']);
      },
    );

    it('masks all but the last four digits', () => {
      expect(findingsOf('+44 20 7946 0958')[0]?.match).toBe('•••• 0958');
    });

    it('accepts an allow-listed hotline however it is spaced', () => {
      expect(checkPrivateData('Call us on +1-800-555-0199', { allowList: ['+1 800 555 0199'] })).toEqual({ ok: true });
    });

    it('does not find numbers inside a URL or an X handle', () => {
      expect(checkPrivateData('see https://example.com/call/555-123-4567 or ask @acme_5551234567')).toEqual({ ok: true });
    });

    it.each([
      'a list 1 2 3 4 5 6 7 8 9',
      'open 10:30 - 11:45 daily',
      '2024-05-06',
      'shipped 2024-05-06 10:30:00',
      'version 1.2.3.4',
      'server 192.168.100.200',
      'We have 20 000 users',
    ])('ignores %j', (text) => {
      expect(checkPrivateData(text)).toEqual({ ok: true });
    });
  });

  describe('account numbers', () => {
    it('finds a long run of digits', () => {
      expect(findingsOf('account 12345678 is locked')).toEqual([expect.objectContaining({ kind: 'account_number', match: '•••• 5678' })]);
    });

    it.each(['GB82 WEST 1234 5698 7654 32', 'DE89370400440532013000'])('finds the IBAN %s', (iban) => {
      expect(kindsOf(`pay to ${iban}`)).toEqual(['account_number']);
    });

    it('ignores an IBAN-shaped string with a wrong check digit', () => {
      expect(kindsOf('code GB00 WEST 1234 5698 7654 32')).not.toContain('account_number');
    });

    it('reports a card as a card, not also as an account number', () => {
      expect(kindsOf('4111111111111111')).toEqual(['payment_card']);
    });

    it('does not count 7 digits', () => {
      expect(checkPrivateData('ticket 1234567')).toEqual({ ok: true });
    });
  });

  describe('false positives it avoids', () => {
    it.each([
      ['an order number in a URL', 'Track it at https://shop.example.com/orders/1234567812345678/track'],
      ['an order number in a bare link', 'Track it at example.com/orders/98765432101'],
      ['a post id in a link', 'See https://x.com/acme/status/1790000000000000000'],
      ['a twitter.com link', 'twitter.com/acme/status/4111111111111111'],
      ['a time', "We're open until 10:30 tonight"],
      ['prices', 'It costs $1,299.99 or €49.99, down from $12345678.00'],
      ['a date', 'Shipped on 12.05.2024 at 09:15'],
      ['a handle with digits', 'Thanks @user12345678901'],
      ['a percentage and a year', '99.99% uptime in 2024'],
    ])('%s', (_label, text) => {
      expect(checkPrivateData(text)).toEqual({ ok: true });
    });

    it('still finds private data after an emoji and a link', () => {
      expect(kindsOf('🙏 https://x.com/a/status/1 mail jo@example.com')).toEqual(['email']);
    });
  });

  describe('options', () => {
    it('only reports the enabled kinds', () => {
      const text = 'jo@example.com 4242 4242 4242 4242';
      expect(kindsOf(text, { kinds: ['email'] })).toEqual(['email']);
    });

    it('does not re-report a disabled card as an account number', () => {
      expect(checkPrivateData('4111111111111111', { kinds: ['account_number'] })).toEqual({ ok: true });
    });

    it('adds custom patterns with their own explanation', () => {
      const result = checkPrivateData('Your booking PNR-AB12CD is confirmed', {
        customPatterns: [{ name: 'booking', pattern: 'PNR-[A-Z0-9]{6}', explanation: 'Booking references let anyone change the trip.' }],
      });
      expect(result).toEqual({
        ok: false,
        suggestion: 'Take the conversation private instead.',
        findings: [{ kind: 'custom', match: '•••• 12CD', explanation: 'Booking references let anyone change the trip.' }],
      });
    });

    it('reports several findings in reading order', () => {
      expect(kindsOf('jo@example.com, +44 20 7946 0958, 123-45-6789')).toEqual(['email', 'phone', 'national_id']);
    });
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { xNetwork } from '../../src/channels/x/x-network.js';
import { checkPrivateData } from '../../src/domain/private-data-guard.js';
import { prepareReply } from '../../src/domain/reply-draft.js';

const kindsOf = (text: string): string[] => {
  const result = checkPrivateData(text);
  return result.ok ? [] : result.findings.map((finding) => finding.kind);
};

describe('private data written to slip past a filter', () => {
  it.each([
    ['dots', '4111.1111.1111.1111'],
    ['slashes', '4111/1111/1111/1111'],
    ['double spaces', '4111  1111  1111  1111'],
    ['spaced dashes', '4111 - 1111 - 1111 - 1111'],
    ['no-break spaces', '4111\u00a01111\u00a01111\u00a01111'],
    ['zero-width spaces', '4111\u200b1111\u200b1111\u200b1111'],
    ['fullwidth digits', '４１１１ １１１１ １１１１ １１１１'],
    ['Arabic-Indic digits', '٤١١١ ١١١١ ١١١١ ١١١١'],
    ['a word stuck to it', 'card4111111111111111'],
  ])('finds a card number written with %s', (_label, card) => {
    expect(kindsOf(`my card ${card} thanks`)).toContain('payment_card');
  });

  it.each(['jo＠example.com', 'jo@exa\u200bmple.com', 'jo [at] example [dot] com', 'jo(at)example(dot)com', 'jo[@]example.com', 'jо@example.com'])(
    'finds the e-mail address %j',
    (email) => {
      expect(kindsOf(`write to ${email} please`)).toEqual(['email']);
    },
  );

  it.each(['555/123/4567', '555  123  4567', '(555)\u00a0123\u20114567'])('finds the phone number %j', (phone) => {
    expect(kindsOf(`call ${phone} now`)).toEqual(['phone']);
  });

  it('finds an IBAN written with dashes', () => {
    expect(kindsOf('pay to GB82-WEST-1234-5698-7654-32')).toEqual(['account_number']);
  });

  it('checks the reply as it will be posted, signature included', () => {
    const reply = prepareReply({ network: xNetwork, text: '@jo happy to help', handle: 'jo', signature: 'Al, call 555-123-4567' });
    expect(reply.ok).toBe(false);
    if (!reply.ok) expect(reply.problems).toContain('private_data:phone');
  });
});

// Generators of what a customer or a tired colleague types.
const digitScripts = ['0', '０', '٠', '۰', '०'].map((zero) => (digit: string) => String.fromCodePoint(zero.codePointAt(0)! + Number(digit)));
const digitString = (length: number) => fc.array(fc.integer({ min: 0, max: 9 }), { minLength: length, maxLength: length }).map((digits) => digits.join(''));

function withLuhnCheckDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let digit = Number(body[body.length - 1 - i]);
    if (i % 2 === 0) digit = digit * 2 > 9 ? digit * 2 - 9 : digit * 2;
    sum += digit;
  }
  return body + String((10 - (sum % 10)) % 10);
}

const cardNumber = fc.oneof(
  digitString(14).map((rest) => withLuhnCheckDigit(`4${rest}`)),
  fc.tuple(fc.integer({ min: 51, max: 55 }), digitString(13)).map(([prefix, rest]) => withLuhnCheckDigit(`${prefix}${rest}`)),
  fc.tuple(fc.constantFrom('34', '37'), digitString(12)).map(([prefix, rest]) => withLuhnCheckDigit(`${prefix}${rest}`)),
);
const separator = fc.constantFrom(' ', '-', '.', '/', '  ', ' - ', '\u00a0', '\u2007', '\u200b', '\u2060');
const groupsOf = (digits: string): string[] => (digits.length === 15 ? [digits.slice(0, 4), digits.slice(4, 10), digits.slice(10)] : digits.match(/.{1,4}/g)!);
const writtenCard = fc
  .tuple(cardNumber, fc.boolean(), separator, fc.constantFrom(...digitScripts))
  .map(([digits, grouped, sep, script]) => (grouped ? groupsOf(digits).join(sep) : digits).replace(/\d/g, script));

const word = fc.stringMatching(/^[a-z]{2,8}$/);
const email = fc
  .tuple(
    word,
    word,
    fc.constantFrom('com', 'org', 'co.uk', 'io'),
    fc.constantFrom('@', '＠', ' [at] ', '(at)', '@\u200b', ' {at} '),
    fc.constantFrom('.', ' [dot] ', '(dot)', '.'),
  )
  .map(([user, domain, tld, at, dot]) => `${user}${at}${domain}${dot}${tld}`);
const phone = fc
  .tuple(
    fc.integer({ min: 200, max: 989 }),
    fc.integer({ min: 200, max: 999 }),
    digitString(4),
    fc.constantFrom(' ', '-', '.', '/', '  ', '\u00a0', '\u2011', '\u2013'),
    fc.boolean(),
  )
  .map(([area, exchange, line, sep, international]) => `${international ? '+1 ' : ''}${area}${sep}${exchange}${sep}${line}`);

const ordinary = fc.oneof(
  fc.integer({ min: 1, max: 999_999 }).map((n) => `order #${n}`),
  fc
    .tuple(fc.integer({ min: 1, max: 9_999 }), fc.integer({ min: 0, max: 99 }))
    .map(([units, cents]) => `$${units.toLocaleString('en-US')}.${String(cents).padStart(2, '0')}`),
  fc.tuple(fc.integer({ min: 1, max: 999 }), fc.integer({ min: 0, max: 99 })).map(([units, cents]) => `€${units},${String(cents).padStart(2, '0')}`),
  fc
    .date({ min: new Date('2000-01-01'), max: new Date('2030-12-31'), noInvalidDate: true })
    .chain((date) =>
      fc.constantFrom(date.toISOString().slice(0, 10), date.toLocaleDateString('en-US'), date.toLocaleDateString('de-DE'), date.toLocaleDateString('en-GB')),
    ),
  fc.tuple(fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 30 }), fc.integer({ min: 0, max: 99 })).map(([a, b, c]) => `v${a}.${b}.${c}`),
  fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 })).map(([h, m]) => `${h}:${String(m).padStart(2, '0')}`),
  fc.integer({ min: 1, max: 100 }).map((n) => `${n}% off`),
  fc.integer({ min: 1, max: 50 }).map((n) => `${n} items`),
  fc.integer({ min: 1990, max: 2030 }).map((year) => `since ${year}`),
  word,
);
const ordinaryReply = fc.array(ordinary, { minLength: 1, maxLength: 8 }).map((parts) => parts.join(' and '));

describe('private data guard, by property', () => {
  it('finds every card number, however it is grouped, spaced or written', () => {
    fc.assert(fc.property(writtenCard, word, (card, before) => kindsOf(`${before} ${card} ok`).includes('payment_card')));
  });

  it('finds every e-mail address, however the @ and the dot are disguised', () => {
    fc.assert(fc.property(email, (address) => kindsOf(`mail ${address} today`).includes('email')));
  });

  it('finds every phone number, whatever separates its groups', () => {
    fc.assert(fc.property(phone, (number) => kindsOf(`call ${number} today`).includes('phone')));
  });

  it('lets ordinary replies through: order numbers, prices, dates, versions, times', () => {
    fc.assert(fc.property(ordinaryReply, (text) => checkPrivateData(`@jo ${text}`).ok));
  });
});

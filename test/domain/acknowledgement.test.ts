import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOnlyAcknowledgement } from '../../src/domain/acknowledgement.js';

const onlyThanks = [
  'thanks',
  'Thanks!',
  'thank you',
  'Thank you so much!!',
  'thanks a lot',
  'thanks again',
  'many thanks',
  'ty',
  'TY!',
  'tysm',
  'thx',
  'thnx 🙏',
  'cheers',
  'cheers mate',
  'great, thank you',
  'Great, thanks!',
  'perfect, thanks',
  'awesome thanks guys',
  'ok',
  'OK 👍',
  'okay thanks',
  'k',
  'got it, thanks',
  'will do, thank you',
  'sounds good',
  'all good now, thanks',
  'much appreciated',
  'appreciate it!',
  'thanks for the quick reply',
  'thank you for your help',
  'Thank you so much for the help, team!',
  'it works now, thanks',
  'solved, thank you!',
  'nice one, cheers',
  'lovely, thanks',
  '👍',
  '🙏🙏',
  '❤️',
  '👍🏽',
  '🙌 thanks!',
  '@AcmeSupport thanks!',
  '@AcmeSupport @jo thank you 😊',
  'ｔｈａｎｋｓ',
  'than\u200bks',
  'gracias',
  'muchas gracias!',
  'mil gracias',
  'obrigado!',
  'muito obrigada',
  'grazie mille',
  'merci',
  'Merci beaucoup !',
  "d'accord, merci",
  'danke',
  'Danke schön!',
  'vielen Dank',
  'bedankt',
  'dank je wel',
  'спасибо',
  'Спасибо большое!',
  'ありがとうございます！',
  'どうもありがとう',
  '谢谢',
  '非常感谢',
  '감사합니다',
  'شكرا',
  'धन्यवाद',
  'teşekkürler',
  'dziękuję bardzo',
  'tack så mycket',
  'kiitos paljon',
  'תודה רבה',
  'cảm ơn',
  'terima kasih',
];

const reopens = [
  'thanks?',
  'ok?',
  'thanks, but it still does not work',
  'thanks for nothing',
  'thank you, but where is my refund',
  'no thanks',
  'not great',
  'still broken',
  'it does not work',
  'why?',
  'hello?',
  'any update',
  'hi',
  'hello',
  'you',
  'so so',
  'help',
  'I need help with my order',
  'my order #12345 never arrived',
  'great, another delay',
  'ok but when',
  'thanks, one more question: do you ship to Canada',
  'refund please',
  '😡',
  '😡😡😡',
  '💔',
  '🤔',
  '👎',
  '😢 thanks',
  'thanks 😡',
  'https://example.com/broken.png',
  'thanks https://example.com/still-broken.png',
  'muchas gracias pero no funciona',
  'merci mais ça ne marche pas',
  'danke, aber es geht nicht',
  'спасибо, но не работает',
  '',
  '   ',
  '...',
  'thank you thank you thank you thank you thank you thank you thank you',
  'lol',
  'wtf',
  'unacceptable',
  'I want to speak to a manager',
  'ok so what now',
  'perfect timing, my card was charged twice',
  'cool story',
  'thanks @jo, can you call me at 555 123 4567',
];

describe('isOnlyAcknowledgement', () => {
  it.each(onlyThanks)('keeps the conversation settled for %j', (text) => {
    expect(isOnlyAcknowledgement(text)).toBe(true);
  });

  it.each(reopens)('reopens for %j', (text) => {
    expect(isOnlyAcknowledgement(text)).toBe(false);
  });

  it('has at least 60 phrasings each way', () => {
    expect(onlyThanks.length).toBeGreaterThanOrEqual(60);
    expect(reopens.length).toBeGreaterThanOrEqual(45);
    expect(onlyThanks.length + reopens.length).toBeGreaterThanOrEqual(120);
  });

  it('never takes a question for thanks, however it is dressed up', () => {
    fc.assert(
      fc.property(fc.constantFrom(...onlyThanks), fc.constantFrom('?', '？', '¿', ' ?'), (thanks, mark) => {
        expect(isOnlyAcknowledgement(`${thanks}${mark}`)).toBe(false);
      }),
    );
  });

  it('reopens when anything beyond thanks is said', () => {
    const request = fc.constantFrom('refund', 'broken', 'order', 'when', 'where', 'still', 'but', 'not', 'charged', 'cancel', 'pero', 'mais', 'aber', 'но');
    fc.assert(
      fc.property(fc.constantFrom(...onlyThanks), request, fc.boolean(), (thanks, word, before) => {
        expect(isOnlyAcknowledgement(before ? `${word} ${thanks}` : `${thanks} ${word}`)).toBe(false);
      }),
    );
  });

  it('reads case, fullwidth letters and invisible characters as the plain words', () => {
    const invisible = fc.constantFrom('\u200b', '\u200c', '\u2060', '\u00ad');
    fc.assert(
      fc.property(fc.constantFrom('thanks', 'thank you', 'merci', 'gracias', 'danke'), fc.nat(), invisible, fc.boolean(), (phrase, at, mark, upper) => {
        const cut = at % (phrase.length + 1);
        const disguised = `${phrase.slice(0, cut)}${mark}${phrase.slice(cut)}`;
        expect(isOnlyAcknowledgement(upper ? disguised.toUpperCase() : disguised)).toBe(true);
      }),
    );
  });

  it('never throws, whatever is typed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (text) => {
        expect(typeof isOnlyAcknowledgement(text)).toBe('boolean');
      }),
    );
  });
});

/**
 * Whether a customer's message only thanks or acknowledges ("thanks!", "ty 🙏", "great, thank you",
 * "merci beaucoup", "👍"): after the team has answered, such a message joins the thread without
 * putting the conversation back in anyone's queue. Anything else — a question, a complaint, a
 * "thanks but…", an emoji that is not plainly positive — is not one, so the conversation reopens:
 * when unsure, a person looks.
 */
export function isOnlyAcknowledgement(text: string): boolean {
  const plain = foldForAcknowledgement(text);
  // "ok?" or "thanks?" asks something.
  if (/[?¿？]/u.test(plain)) return false;
  const emoji = plain.match(EMOJI) ?? [];
  if (emoji.some((symbol) => !POSITIVE_EMOJI.has(symbol))) return false;
  const words = plain
    .replace(EMOJI, ' ')
    .replace(/[@#][\p{L}\p{N}_]+/gu, ' ')
    .replace(/[\p{P}\p{S}]/gu, ' ')
    .split(/\s+/u)
    .filter((word) => word !== '');
  if (words.length === 0) return emoji.length > 0;
  if (words.length > MAX_WORDS) return false;
  return words.every((word) => VOCABULARY.has(word)) && (words.some((word) => ANCHORS.has(word)) || hasAnchorPhrase(words));
}

/** Longer than a thank-you note: something else is being said. */
const MAX_WORDS = 12;

const EMOJI = /\p{Extended_Pictographic}|\p{Regional_Indicator}/gu;

/** Emoji that thank or agree; any other emoji (😡, 💔, 🤔) may be a new problem. */
const POSITIVE_EMOJI: ReadonlySet<string> = new Set([...'👍👌🙏🙌👏🤝✌✅✔☑💯🎉🥳😀😃😄😁😊🙂😉😍🥰😘☺🤗😎😇💪⭐🌟✨❤♥💙💚💛🧡💜🤍🖤💕💖💗💓💞💝🌹💐👋🫶‼']);

/**
 * The words of thank-you and acknowledgement notes in the languages customers most often write
 * in. A note may use only these words, and must contain an anchor.
 */
const ANCHORS: ReadonlySet<string> = new Set([
  // English
  'thanks',
  'thank',
  'thankyou',
  'thx',
  'thnx',
  'thnks',
  'thanx',
  'tnx',
  'tks',
  'ty',
  'tysm',
  'tyvm',
  'cheers',
  'appreciate',
  'appreciated',
  'ok',
  'okay',
  'okey',
  'k',
  'kk',
  'okk',
  'great',
  'perfect',
  'awesome',
  'cool',
  'nice',
  'brilliant',
  'amazing',
  'excellent',
  'wonderful',
  'fantastic',
  'lovely',
  'legend',
  'legends',
  'noted',
  'understood',
  'gotcha',
  'sweet',
  'superb',
  'ta',
  'fab',
  'helpful',
  'solved',
  'fixed',
  'sorted',
  'resolved',
  'works',
  'worked',
  'yay',
  'thankful',
  'grateful',
  // Spanish, Portuguese, Italian
  'gracias',
  'graciass',
  'genial',
  'perfecto',
  'vale',
  'obrigado',
  'obrigada',
  'valeu',
  'perfeito',
  'otimo',
  'grazie',
  'perfetto',
  'ottimo',
  // French
  'merci',
  'parfait',
  'super',
  'top',
  'nickel',
  'genial',
  // German, Dutch
  'danke',
  'dankeschon',
  'dank',
  'vielen',
  'prima',
  'toll',
  'bedankt',
  'dankjewel',
  'dankuwel',
  'top',
  // Other scripts
  'спасибо',
  'спс',
  'благодарю',
  'дякую',
  'ありがとう',
  'ありがとうございます',
  'ありがとうございました',
  'どうもありがとう',
  'どうもありがとうございます',
  'どうも',
  '了解',
  '了解です',
  '谢谢',
  '谢谢你',
  '謝謝',
  '谢谢您',
  '多谢',
  '感谢',
  '非常感谢',
  '好的',
  '감사합니다',
  '고마워요',
  '고맙습니다',
  'شكرا',
  'شكراً',
  'धन्यवाद',
  'शुक्रिया',
  'tesekkurler',
  'tesekkur',
  'sagol',
  'sagolun',
  'dzieki',
  'dziekuje',
  'tack',
  'takk',
  'tak',
  'kiitos',
  'ευχαριστώ',
  'ευχαριστω',
  'תודה',
  'kasih',
  'salamat',
  'asante',
]);

const FILLERS = [
  // English
  'you',
  'u',
  'ya',
  'yah',
  'so',
  'very',
  'much',
  'a',
  'lot',
  'lots',
  'many',
  'again',
  'all',
  'guys',
  'team',
  'folks',
  'everyone',
  'for',
  'the',
  'help',
  'quick',
  'fast',
  'your',
  'one',
  'reply',
  'response',
  'answer',
  'that',
  'this',
  'it',
  'its',
  "it's",
  'is',
  'was',
  'got',
  'will',
  'do',
  'sounds',
  'good',
  'great',
  'really',
  'truly',
  'super',
  'just',
  'oh',
  'ah',
  'alright',
  's',
  'yes',
  'yep',
  'yeah',
  'sure',
  'thats',
  'now',
  'i',
  'we',
  'really',
  'love',
  'hugely',
  'kindly',
  'of',
  'and',
  'mate',
  'man',
  'dude',
  'sir',
  'maam',
  'bro',
  'hey',
  'hi',
  'hello',
  'wow',
  'fine',
  'thank',
  'thanks',
  // Spanish, Portuguese, Italian
  'muchas',
  'muchisimas',
  'mil',
  'por',
  'todo',
  'la',
  'ayuda',
  'muy',
  'bien',
  'muito',
  'pela',
  'ajuda',
  'tudo',
  'mille',
  'tante',
  'molte',
  'tutto',
  'si',
  // French
  'beaucoup',
  'bien',
  'pour',
  'tout',
  'votre',
  'aide',
  'a',
  'vous',
  'oui',
  'd',
  'accord',
  "d'accord",
  'daccord',
  'tres',
  'infiniment',
  // German, Dutch
  'schon',
  'sehr',
  'fur',
  'die',
  'hilfe',
  'ja',
  'super',
  'wel',
  'je',
  'heel',
  'erg',
  'u',
  'voor',
  'alles',
  'dank',
  // Other scripts
  'большое',
  'огромное',
  'вам',
  'тебе',
  'дуже',
  'ございます',
  'です',
  '多謝',
  'cok',
  'bardzo',
  'sa',
  'mycket',
  'mye',
  'paljon',
  'πολύ',
  'πολυ',
  'רבה',
  'cam',
  'on',
  'terima',
  'banyak',
  'po',
  'sana',
];

const VOCABULARY: ReadonlySet<string> = new Set([...ANCHORS, ...FILLERS]);

/** Anchor phrases whose words are each too common to be an anchor alone ("muchas gracias" has one anyway). */
function hasAnchorPhrase(words: readonly string[]): boolean {
  const joined = ` ${words.join(' ')} `;
  return [' got it ', ' will do ', ' sounds good ', ' d accord ', ' all good ', ' cam on '].some((phrase) => joined.includes(phrase));
}

/**
 * Case, compatibility forms (fullwidth letters), invisible characters and Latin accents folded away
 * ("Mérci", "ｔｈａｎｋｓ" and "than\u200bks" read as plain words); other scripts are left as they are.
 */
function foldForAcknowledgement(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/[\p{Cf}\uFE0E\uFE0F]/gu, '')
    .normalize('NFD')
    .replace(/(\p{Script=Latin})\p{M}+/gu, '$1')
    .normalize('NFC')
    .toLowerCase()
    .replace(/[’‘`]/gu, "'");
}

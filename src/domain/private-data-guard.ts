import { RE2JS } from 're2js';
import { supportedNetworks } from '../channels/networks.js';
import { normalizeForMatching } from '../text/normalize-for-matching.js';

export const PRIVATE_DATA_KINDS = ['payment_card', 'national_id', 'email', 'phone', 'account_number'] as const;
export type PrivateDataKind = (typeof PRIVATE_DATA_KINDS)[number];

export interface CustomPrivateDataPattern {
  name: string;
  /** RegExp source, matched case-insensitively. */
  pattern: string;
  explanation: string;
}

export interface PrivateDataGuardOptions {
  /** Defaults to every built-in kind. */
  kinds?: readonly PrivateDataKind[];
  customPatterns?: readonly CustomPrivateDataPattern[];
  /** Strings that never count, such as the brand's own support address or hotline. */
  allowList?: readonly string[];
}

export interface PrivateDataFinding {
  kind: PrivateDataKind | 'custom';
  /** Masked so the finding can be shown and logged without repeating the data. */
  match: string;
  explanation: string;
}

export type PrivateDataCheck = { ok: true } | { ok: false; findings: PrivateDataFinding[]; suggestion: string };

export const TAKE_PRIVATE_SUGGESTION = 'Take the conversation private instead.';

const EXPLANATIONS: Record<PrivateDataKind, string> = {
  payment_card: 'This looks like a payment card number. Card numbers must never appear in a public post.',
  national_id: 'This looks like a national ID number (such as a Social Security or National Insurance number), which can be used for identity theft.',
  email: 'This looks like an e-mail address. Posting it publicly exposes its owner to spam and phishing.',
  phone: 'This looks like a phone number. Posting it publicly exposes its owner to unwanted calls and scams.',
  account_number: 'This long number looks like an account, order or customer number. Anyone could read it and use it to impersonate the customer.',
};

interface Span {
  start: number;
  end: number;
}

interface Detection extends Span {
  kind: PrivateDataKind;
  text: string;
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,}/g;
const IBAN = /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[ -]?[A-Z0-9]{4}){2,7}(?:[ -]?[A-Z0-9]{1,3})?(?![A-Za-z0-9])/g;
// Digit groups joined by short runs of separators ("4111 1111", "4111.1111", "4111 / 1111");
// card numbers are searched inside these runs. A word right before ("card4111…") does not hide one.
const DIGIT_RUN = /(?<![\d+.,$€£¥])\d+(?:[ ./_*·•-]{1,3}\d+)*(?!\d)/g;
const SSN = /(?<![\w-])(\d{3})([ -])(\d{2})\2(\d{4})(?![\w-])/g;
const UK_NI = /(?<![A-Za-z0-9])([A-CEGHJ-PR-TW-Z][A-CEGHJ-NPR-TW-Z]) ?(\d{2}) ?(\d{2}) ?(\d{2}) ?([A-D])(?![A-Za-z0-9])/gi;
const UK_NI_UNUSED_PREFIXES = new Set(['BG', 'GB', 'NK', 'KN', 'TN', 'NT', 'ZZ']);
const PHONE = /(?<![\w@#/.,:+$€£¥-])(?:\+\d{1,4}[ ./-]?)?(?:\(\d{1,5}\)[ ./-]?|\d{1,5}[ ./-]?)(?:\d{1,5}[ ./-]?){0,4}\d{1,5}(?![\w@/:]|[.,/-]\d)/g;
const NOT_A_PHONE = [/^\d{1,3}(?:\.\d{1,3}){3}$/, /(?:19|20)\d\d-[01]\d-[0-3]\d/];
const LONG_NUMBER = /(?<![\w.,$€£¥])\d{8,}(?![\w]|[.,]\d)/g;

/**
 * Flags text that would expose a customer's private data if posted publicly. Links and
 * @handles are never searched (an order number in a URL or a post id in a link is fine).
 * The text is read as a person reads it: fullwidth or non-Latin digits, zero-width characters,
 * odd spaces and "jo [at] example [dot] com" disguise nothing.
 */
export function checkPrivateData(posted: string, options: PrivateDataGuardOptions = {}): PrivateDataCheck {
  const text = readableText(posted);
  const enabled = new Set(options.kinds ?? PRIVATE_DATA_KINDS);
  const allowed = new Set((options.allowList ?? []).map(normalizeForAllowList));
  const isAllowed = (value: string): boolean => allowed.has(normalizeForAllowList(value));

  const findings: PrivateDataFinding[] = detectBuiltInKinds(text)
    .filter((detection) => enabled.has(detection.kind) && !isAllowed(detection.text))
    .map((detection) => ({
      kind: detection.kind,
      match: maskMatch(detection.kind, detection.text),
      explanation: EXPLANATIONS[detection.kind],
    }));

  for (const custom of options.customPatterns ?? []) {
    // Custom patterns run on RE2, linear in the post's length whatever the pattern.
    const found = RE2JS.compile(custom.pattern, RE2JS.CASE_INSENSITIVE).matcher(text);
    while (found.find()) {
      const match = found.group() ?? '';
      if (match === '' || isAllowed(match)) continue;
      findings.push({ kind: 'custom', match: maskMatch('custom', match), explanation: custom.explanation });
    }
  }

  return findings.length === 0 ? { ok: true } : { ok: false, findings, suggestion: TAKE_PRIVATE_SUGGESTION };
}

const SPELLED_AT = /\s*[[({<]\s*(?:at|@)\s*[\])}>]\s*/gi;
const SPELLED_DOT = /\s*[[({<]\s*(?:dot|\.)\s*[\])}>]\s*/gi;

function readableText(text: string): string {
  return normalizeForMatching(text).replace(SPELLED_AT, '@').replace(SPELLED_DOT, '.').replace(/ {2,}/g, ' ');
}

// Each detector claims its spans, so a later, vaguer detector never re-reports the same digits.
function detectBuiltInKinds(text: string): Detection[] {
  const claimed: Span[] = [];
  const detections: Detection[] = [];
  const claim = (span: Span, kind?: PrivateDataKind): void => {
    claimed.push(span);
    if (kind) detections.push({ ...span, kind, text: text.slice(span.start, span.end) });
  };
  const isFree = (span: Span): boolean => claimed.every((c) => span.end <= c.start || span.start >= c.end);
  const scan = (pattern: RegExp, kind: PrivateDataKind, accept: (found: RegExpExecArray) => boolean): void => {
    for (const found of text.matchAll(pattern)) {
      const span = { start: found.index, end: found.index + found[0].length };
      if (isFree(span) && accept(found)) claim(span, kind);
    }
  };

  scan(EMAIL, 'email', () => true);
  // Links and @mentions as the networks read them: digits in them are no one's private data.
  for (const network of supportedNetworks()) for (const span of network.linkAndMentionSpans(text)) claim(span);
  scan(IBAN, 'account_number', (found) => isValidIban(found[0]));
  for (const found of text.matchAll(DIGIT_RUN)) {
    const card = findCardInRun(found[0]);
    if (card) {
      const span = { start: found.index + card.start, end: found.index + card.end };
      if (isFree(span)) claim(span, 'payment_card');
    }
  }
  scan(SSN, 'national_id', (found) => isValidSsn(found[1] ?? '', found[3] ?? '', found[4] ?? ''));
  scan(UK_NI, 'national_id', (found) => !UK_NI_UNUSED_PREFIXES.has((found[1] ?? '').toUpperCase()));
  scan(PHONE, 'phone', (found) => isPhoneNumber(found[0]));
  scan(LONG_NUMBER, 'account_number', () => true);

  return detections.sort((a, b) => a.start - b.start);
}

// Cards are written whole or in groups of three or more digits (4-4-4-4, Amex 4-6-5); shorter
// groups are dates, prices or versions, which must not add up to a "card" by chance.
function findCardInRun(run: string): Span | null {
  const groups = [...run.matchAll(/\d+/g)].map((g) => ({ start: g.index, end: g.index + g[0].length, digits: g[0] }));
  for (let first = 0; first < groups.length; first++) {
    let digits = '';
    for (let last = first; last < groups.length; last++) {
      if (last > first && (groups[last]?.digits.length ?? 0) < 3) break;
      digits += groups[last]?.digits ?? '';
      if (digits.length > 19) break;
      const start = groups[first]?.start;
      const end = groups[last]?.end;
      if (digits.length >= 13 && start !== undefined && end !== undefined && isCardNumber(digits)) {
        return { start, end };
      }
    }
  }
  return null;
}

function isCardNumber(digits: string): boolean {
  return !/^0+$/.test(digits) && passesLuhn(digits);
}

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

function isValidSsn(area: string, group: string, serial: string): boolean {
  return area !== '000' && area !== '666' && !area.startsWith('9') && group !== '00' && serial !== '0000';
}

function isValidIban(candidate: string): boolean {
  const compact = candidate.replace(/[ -]/g, '');
  if (compact.length < 15 || compact.length > 34) return false;
  const rearranged = compact.slice(4) + compact.slice(0, 4);
  const numeric = rearranged.replace(/[A-Z]/g, (letter) => String(letter.charCodeAt(0) - 55));
  let remainder = 0;
  for (const digit of numeric) remainder = (remainder * 10 + Number(digit)) % 97;
  return remainder === 1;
}

// Runs without any separator are left to the account-number detector: "5551234567" could be either.
// IP addresses and ISO dates share a phone number's shape.
function isPhoneNumber(candidate: string): boolean {
  if (NOT_A_PHONE.some((shape) => shape.test(candidate))) return false;
  const digitCount = candidate.replace(/\D/g, '').length;
  if (candidate.startsWith('+')) return digitCount >= 8 && digitCount <= 15;
  const groups = candidate.match(/\d+/g) ?? [];
  const singleDigitGroups = groups.filter((group) => group.length === 1).length;
  return groups.length > 1 && singleDigitGroups <= 1 && digitCount >= 9 && digitCount <= 15;
}

function maskMatch(kind: PrivateDataFinding['kind'], value: string): string {
  if (kind === 'email') {
    const [local = '', domain = ''] = value.split('@');
    return `${local.slice(0, 1)}•••@${domain}`;
  }
  const tail = value.replace(/[^A-Za-z0-9]/g, '').slice(-4);
  return value.replace(/[^A-Za-z0-9]/g, '').length > 6 ? `•••• ${tail}` : '••••';
}

function normalizeForAllowList(value: string): string {
  return value.toLowerCase().replace(/[\s().-]/g, '');
}

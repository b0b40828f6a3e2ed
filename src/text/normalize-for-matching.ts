import { remove as latinLookAlikes } from 'confusables';

/**
 * The text as a reader sees it, for matching patterns and detecting private data: compatibility
 * forms folded (fullwidth `＠`, `４`, ligatures), invisible format characters (zero-width space,
 * joiners, soft hyphen, bidi marks) removed, digits of every script written as ASCII digits,
 * letters that look like Latin ones (Cyrillic `е`, Greek `ο`) written as those, accents dropped,
 * every kind of dash a hyphen-minus and every kind of space a plain space. Someone disguising "recall" or a card number from a
 * filter gets the same text a person reads.
 */
export function normalizeForMatching(text: string): string {
  return text
    .normalize('NFKC')
    .replace(/\p{Cf}/gu, '')
    .replace(/\p{Nd}/gu, asciiDigit)
    .replace(/(?![A-Za-z])\p{L}/gu, (letter) => latinLookAlikes(letter))
    .replace(/\p{Pd}/gu, '-')
    .replace(/\p{Zs}/gu, ' ');
}

// Unicode puts every script's digits 0–9 in runs of ten consecutive code points (some runs
// follow each other directly, hence the modulo).
function asciiDigit(digit: string): string {
  const code = digit.codePointAt(0)!;
  let first = code;
  while (/\p{Nd}/u.test(String.fromCodePoint(first - 1))) first -= 1;
  return String((code - first) % 10);
}

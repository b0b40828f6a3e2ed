import { escapeMrkdwn } from './escape-mrkdwn.js';

const ELLIPSIS = '…';

/**
 * Joins rendered pieces (one escaped character, or a whole link) up to `maxLength`, so that
 * truncation never cuts an entity, a link or a surrogate pair in half.
 */
export function truncateMrkdwn(pieces: readonly string[], maxLength: number): string {
  const total = pieces.reduce((sum, piece) => sum + piece.length, 0);
  if (total <= maxLength) return pieces.join('');
  let kept = '';
  for (const piece of pieces) {
    if (kept.length + piece.length + ELLIPSIS.length > maxLength) break;
    kept += piece;
  }
  return kept.trimEnd() + ELLIPSIS;
}

export function escapeAndTruncate(text: string, maxLength: number): string {
  return truncateMrkdwn(Array.from(text, escapeMrkdwn), maxLength);
}

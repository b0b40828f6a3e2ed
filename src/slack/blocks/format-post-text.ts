import { escapeMrkdwn, formatMrkdwnLink } from './escape-mrkdwn.js';
import { truncateMrkdwn } from './truncate-mrkdwn.js';

export interface PostUrlEntity {
  /** The t.co link as it appears in the post text. */
  url: string;
  expandedUrl: string;
  displayUrl: string;
}

/** Renders a post's text as Slack mrkdwn: t.co links become their real destination, the rest is escaped. */
export function formatPostText(text: string, urls: readonly PostUrlEntity[], maxLength: number): string {
  const pieces: string[] = [];
  let rest = text;
  for (let next = findFirstUrl(rest, urls); next; next = findFirstUrl(rest, urls)) {
    pieces.push(...escapePlain(rest.slice(0, next.index)));
    pieces.push(formatMrkdwnLink(next.entity.expandedUrl, next.entity.displayUrl));
    rest = rest.slice(next.index + next.entity.url.length);
  }
  pieces.push(...escapePlain(rest));
  return truncateMrkdwn(pieces, maxLength);
}

function findFirstUrl(text: string, urls: readonly PostUrlEntity[]): { index: number; entity: PostUrlEntity } | null {
  let first: { index: number; entity: PostUrlEntity } | null = null;
  for (const entity of urls) {
    const index = entity.url === '' ? -1 : text.indexOf(entity.url);
    if (index >= 0 && (first === null || index < first.index)) first = { index, entity };
  }
  return first;
}

// X's API returns post text with &, < and > HTML-escaped; decoding first keeps already-plain text
// and X's escaped text rendering the same.
function escapePlain(text: string): string[] {
  const plain = text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&');
  return Array.from(plain, escapeMrkdwn);
}

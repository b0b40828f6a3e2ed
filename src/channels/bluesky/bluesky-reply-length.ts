import type { ReplyLength } from '../network.js';

/** The app.bsky.feed.post lexicon's limits on a post's text. */
export const BLUESKY_REPLY_LIMIT = 300;
const MAX_UTF8_BYTES = 3000;

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** Counts graphemes (what people see as characters), as Bluesky does. */
export function measureBlueskyReply(text: string): ReplyLength {
  const used = Array.from(graphemes.segment(text)).length;
  const bytes = new TextEncoder().encode(text).length;
  return {
    used,
    limit: BLUESKY_REPLY_LIMIT,
    remaining: BLUESKY_REPLY_LIMIT - used,
    valid: text.trim() !== '' && used <= BLUESKY_REPLY_LIMIT && bytes <= MAX_UTF8_BYTES,
  };
}

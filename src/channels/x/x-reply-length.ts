import twitterText from 'twitter-text';
import type { ReplyLength } from '../network.js';

export const X_REPLY_LIMIT = 280;

/** Counts the way X does (twitter-text v3 config): URLs count 23, emoji and CJK count 2. */
export function measureXReply(text: string): ReplyLength {
  const parsed = twitterText.parseTweet(text);
  return {
    used: parsed.weightedLength,
    limit: X_REPLY_LIMIT,
    remaining: X_REPLY_LIMIT - parsed.weightedLength,
    valid: parsed.valid,
  };
}

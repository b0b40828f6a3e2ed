import twitterText from 'twitter-text';

export const X_REPLY_LIMIT = 280;

export interface ReplyLength {
  weightedLength: number;
  limit: number;
  remaining: number;
  /** False when the text is empty, over the limit, or holds characters X refuses. */
  valid: boolean;
}

/** Counts the way X does (twitter-text v3 config): URLs count 23, emoji and CJK count 2. */
export function measureReply(text: string): ReplyLength {
  const parsed = twitterText.parseTweet(text);
  return {
    weightedLength: parsed.weightedLength,
    limit: X_REPLY_LIMIT,
    remaining: X_REPLY_LIMIT - parsed.weightedLength,
    valid: parsed.valid,
  };
}

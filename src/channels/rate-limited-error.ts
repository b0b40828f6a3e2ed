import type { SocialPost } from './social-channel.js';

/**
 * Thrown by an adapter whose rate-limit budget ran out part-way through a read: nothing more is
 * read before `resetAt`, and `partial` holds what was fetched before that (kept by the poller,
 * whose cursor stays where it was).
 */
export class RateLimitedError extends Error {
  constructor(
    readonly resetAt: Date,
    readonly partial: SocialPost[] = [],
  ) {
    super(`rate limit reached; resets at ${resetAt.toISOString()}`);
    this.name = 'RateLimitedError';
  }
}

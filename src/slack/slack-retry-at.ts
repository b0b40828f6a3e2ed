import { webApi } from '@slack/bolt';

/**
 * When Slack rate-limited a call (the client is built with `rejectRateLimitedCalls`, so it throws
 * instead of sleeping inside the job), the time its `Retry-After` allows the next one; otherwise
 * nothing. https://api.slack.com/apis/rate-limits
 */
export function slackRetryAt(error: unknown, now: Date = new Date()): Date | undefined {
  const { code, retryAfter } = (error ?? {}) as { code?: unknown; retryAfter?: unknown };
  if (code !== webApi.ErrorCode.RateLimitedError || typeof retryAfter !== 'number') return undefined;
  return new Date(now.getTime() + Math.max(1, retryAfter) * 1000);
}

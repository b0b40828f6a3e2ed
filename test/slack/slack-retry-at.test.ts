import { describe, expect, it } from 'vitest';
import { webApi } from '@slack/bolt';
import { slackRetryAt } from '../../src/slack/slack-retry-at.js';

describe('slackRetryAt', () => {
  const now = new Date('2026-12-04T10:00:00Z');

  it('is Retry-After seconds from now for a call Slack rate-limited', () => {
    expect(slackRetryAt({ code: webApi.ErrorCode.RateLimitedError, retryAfter: 25 }, now)).toEqual(new Date('2026-12-04T10:00:25Z'));
  });

  it('waits at least a second when Slack says 0', () => {
    expect(slackRetryAt({ code: webApi.ErrorCode.RateLimitedError, retryAfter: 0 }, now)).toEqual(new Date('2026-12-04T10:00:01Z'));
  });

  it('is nothing for other failures', () => {
    expect(slackRetryAt({ code: webApi.ErrorCode.PlatformError, data: { error: 'channel_not_found' } }, now)).toBeUndefined();
    expect(slackRetryAt(new Error('boom'), now)).toBeUndefined();
    expect(slackRetryAt(undefined, now)).toBeUndefined();
  });
});

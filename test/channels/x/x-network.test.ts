import { describe, expect, it } from 'vitest';
import { RateLimitedError } from '../../../src/channels/rate-limited-error.js';
import { xNetwork } from '../../../src/channels/x/x-network.js';

describe('X as the rest of Earshot sees it', () => {
  it('links to posts, profiles and DM conversations on x.com', () => {
    expect(xNetwork.postUrl({ id: '1790000000000000042', authorHandle: 'jane_doe' })).toBe('https://x.com/jane_doe/status/1790000000000000042');
    expect(xNetwork.profileUrl('jane_doe')).toBe('https://x.com/jane_doe');
    expect(xNetwork.directMessages.conversationUrl('12-34')).toBe('https://x.com/messages/12-34');
    expect(xNetwork.directMessages.conversationUrl(undefined)).toBe('https://x.com/messages');
  });

  it('reads the links and handles people paste', () => {
    expect(xNetwork.postIdFromLink('https://twitter.com/jo/status/1790000000000000001?s=20')).toBe('1790000000000000001');
    expect(xNetwork.postIdFromLink('https://example.com/jo/status/1')).toBeUndefined();
    expect(xNetwork.readHandle('@jo_customer')).toBe('jo_customer');
    expect(xNetwork.readHandle('https://x.com/jo_customer')).toBe('jo_customer');
    expect(xNetwork.readHandle('jo.bsky.social')).toBeUndefined();
  });

  it('counts a reply as X does, and says who X lets the brand reply to', () => {
    expect(xNetwork.measureReply('@jo see https://example.com/a/very/long/path/to/a/help/article')).toEqual({
      used: 31,
      limit: 280,
      remaining: 249,
      valid: true,
    });
    expect(xNetwork.maxHandleLength).toBe(15);
    expect(xNetwork.replyConstraint).toBe('X only allows replies to posts that mention or quote the account.');
  });

  it('finds links and mentions, where the private-data guard reads no numbers', () => {
    const text = '@acme_2024 order 123 https://acme.com/o/4567';
    expect(xNetwork.linkAndMentionSpans(text).map(({ start, end }) => text.slice(start, end))).toEqual(['https://acme.com/o/4567', '@acme_2024']);
  });

  it('sees its own reply in a post whose links X rewrote', () => {
    expect(xNetwork.isSamePostText('@jo see https://acme.com/help  ^AL', '@jo see https://t.co/abc ^AL')).toBe(true);
    expect(xNetwork.isSamePostText('@jo see you', '@jo see you soon')).toBe(false);
  });

  it('classifies what its adapter throws: a spent rate-limit budget waits for the reset', () => {
    const resetAt = new Date('2026-07-21T14:02:00Z');
    expect(xNetwork.classifyError(new RateLimitedError(resetAt), new Date('2026-07-21T13:50:00Z'))).toMatchObject({
      kind: 'rate_limited',
      retryable: true,
      retryAt: resetAt,
    });
    expect(xNetwork.directMessages.classifyError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toMatchObject({
      kind: 'timeout_unknown_outcome',
      plainMessage: expect.stringContaining('unknown whether the direct message was sent'),
    });
  });
});

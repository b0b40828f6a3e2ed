import { describe, expect, it } from 'vitest';
import { facebookNetwork } from '../../../src/channels/meta/facebook-network.js';
import { GraphApiError } from '../../../src/channels/meta/graph-client.js';
import { MetaCommentGoneError } from '../../../src/channels/meta/graph-errors.js';
import { instagramNetwork } from '../../../src/channels/meta/instagram-network.js';
import { RateLimitedError } from '../../../src/channels/rate-limited-error.js';

const now = new Date('2026-12-05T08:00:00Z');
const graphError = (code: number, options: { subcode?: number; status?: number; message?: string; usage?: Record<string, string> } = {}) =>
  new GraphApiError(options.status ?? 400, code, options.subcode, options.message ?? `(#${code}) Error`, options.usage ?? {});
const kindOf = (error: unknown) => facebookNetwork.classifyError(error, now).kind;

describe('what a failed Graph call means', () => {
  it('reads the throttling codes 4, 17, 32 and 613 as a rate limit, retried when Meta says access returns', () => {
    for (const code of [4, 17, 32, 613, 80001]) expect(kindOf(graphError(code))).toBe('rate_limited');
    const usage = { 'x-business-use-case-usage': JSON.stringify({ '108': [{ type: 'pages', call_count: 100, estimated_time_to_regain_access: 12 }] }) };
    const failure = facebookNetwork.classifyError(graphError(32, { usage }), now);
    expect(failure).toMatchObject({ kind: 'rate_limited', retryable: true, retryAt: new Date('2026-12-05T08:12:00Z') });
    expect(failure.plainMessage).toBe('Facebook rate limit reached; it will be retried automatically after 08:12 UTC.');
    expect(instagramNetwork.classifyError(new RateLimitedError(new Date('2026-12-05T09:00:00Z')), now)).toMatchObject({ kind: 'rate_limited' });
  });

  it('reads code 190 as a token to replace, and missing permissions as an admin’s job, without naming settings', () => {
    const expired = facebookNetwork.classifyError(graphError(190, { subcode: 463 }), now);
    expect(expired).toMatchObject({ kind: 'credentials_revoked', retryable: false });
    expect(expired.plainMessage).toContain('new Page access token');
    expect(expired.plainMessage).not.toMatch(/META_|_TOKEN/);
    expect(kindOf(graphError(200, { status: 403 }))).toBe('credentials_revoked');
  });

  it('reads a comment that is gone as deleted, a duplicate as such, a policy block as not allowed', () => {
    expect(kindOf(graphError(100, { subcode: 33 }))).toBe('post_deleted');
    expect(kindOf(new MetaCommentGoneError('1_2'))).toBe('post_deleted');
    expect(kindOf(graphError(506))).toBe('duplicate_content');
    expect(kindOf(graphError(368))).toBe('reply_not_allowed');
  });

  it('retries Graph’s transient errors; quotes what Meta said about an invalid reply', () => {
    expect(facebookNetwork.classifyError(graphError(2, { status: 500 }), now)).toMatchObject({ kind: 'server_error', retryable: true });
    expect(facebookNetwork.classifyError(graphError(1, { status: 500 }), now)).toMatchObject({ kind: 'server_error', retryable: true });
    expect(instagramNetwork.classifyError(graphError(100, { message: '(#100) Param message must be at most 2200 characters long' }), now)).toEqual({
      kind: 'invalid_request',
      retryable: false,
      plainMessage: 'Instagram rejected the reply as invalid: Param message must be at most 2200 characters long. Edit it and retry.',
    });
  });

  it('reads a dropped connection or a deadline as an unknown outcome, and an unreachable Graph as safe to retry', () => {
    const dropped = new TypeError('fetch failed', { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    expect(kindOf(dropped)).toBe('timeout_unknown_outcome');
    expect(kindOf(new DOMException('The operation was aborted due to timeout', 'TimeoutError'))).toBe('timeout_unknown_outcome');
    const refused = new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    expect(facebookNetwork.classifyError(refused, now)).toMatchObject({ kind: 'server_error', retryable: true });
  });
});

describe('how Facebook and Instagram count a reply and link to what they show', () => {
  it('takes 8,000 characters on Facebook and 2,200 on Instagram', () => {
    expect(facebookNetwork.measureReply('a'.repeat(8000))).toMatchObject({ limit: 8000, remaining: 0, valid: true });
    expect(facebookNetwork.measureReply('a'.repeat(8001)).valid).toBe(false);
    expect(instagramNetwork.measureReply('a'.repeat(2200))).toMatchObject({ limit: 2200, valid: true });
    expect(instagramNetwork.measureReply('a'.repeat(2201)).valid).toBe(false);
    expect(instagramNetwork.measureReply('  ').valid).toBe(false);
  });

  it('links a Facebook comment by its id, finds it again from a shared link, and reads handles', () => {
    expect(facebookNetwork.postUrl({ id: '150691160110528_150691260110518', authorHandle: 'Jane Doe' })).toBe(
      'https://www.facebook.com/150691160110528_150691260110518',
    );
    expect(facebookNetwork.postIdFromLink('https://www.facebook.com/123456789012345/posts/150691160110528?comment_id=150691260110518')).toBe(
      '150691160110528_150691260110518',
    );
    expect(facebookNetwork.postIdFromLink('https://www.facebook.com/150691160110528_150691260110518')).toBe('150691160110528_150691260110518');
    expect(facebookNetwork.readHandle('https://www.facebook.com/acmesupport')).toBe('acmesupport');
    expect(instagramNetwork.readHandle('@Sam.K')).toBe('sam.k');
    expect(instagramNetwork.profileUrl('sam.k')).toBe('https://www.instagram.com/sam.k/');
  });
});

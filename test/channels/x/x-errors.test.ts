import { describe, expect, it } from 'vitest';
import { classifyXError } from '../../../src/channels/x/x-errors.js';

const now = new Date('2026-07-21T13:50:00Z');
const epoch = (iso: string): string => String(Date.parse(iso) / 1000);

function forbidden(detail: string): { status: number; body: unknown } {
  return { status: 403, body: { detail, type: 'about:blank', title: 'Forbidden', status: 403 } };
}

describe('classifyXError', () => {
  it('explains a duplicate post', () => {
    expect(classifyXError(forbidden('You are not allowed to create a Tweet with duplicate content.'), now)).toEqual({
      kind: 'duplicate_content',
      retryable: false,
      plainMessage: 'X refused this reply as a duplicate of an earlier post. Edit the text and retry.',
    });
  });

  it('explains a deleted post, whatever the status code', () => {
    const detail = 'You attempted to reply to a Tweet that is deleted or not visible to you.';
    for (const status of [403, 400]) {
      expect(classifyXError({ status, body: { detail, title: 'Forbidden' } }, now)).toEqual({
        kind: 'post_deleted',
        retryable: false,
        plainMessage: "The post was deleted on X, so it can't be replied to.",
      });
    }
  });

  it('explains the self-serve reply restriction', () => {
    const result = classifyXError(
      forbidden(
        'Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author of the post you are replying to.',
      ),
      now,
    );
    expect(result.kind).toBe('reply_not_allowed');
    expect(result.retryable).toBe(false);
    expect(result.plainMessage).toMatch(/^X only allows replies to posts that mention or quote the account/);
  });

  it('maps resource-not-found problems to a deleted post', () => {
    const body = {
      type: 'https://api.twitter.com/2/problems/resource-not-found',
      title: 'Not Found Error',
      detail: 'Could not find tweet with id: [1].',
      resource_type: 'tweet',
    };
    expect(classifyXError({ status: 404, body }, now).kind).toBe('post_deleted');
    expect(classifyXError({ status: 200, body: { ...body, type: 'https://api.x.com/2/problems/resource-not-found' } }, now).kind).toBe('post_deleted');
  });

  it('asks an admin to replace revoked credentials', () => {
    const result = classifyXError({ status: 401, body: { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' } }, now);
    expect(result).toEqual({
      kind: 'credentials_revoked',
      retryable: false,
      plainMessage: "X rejected Earshot's credentials (revoked or expired). An Earshot admin must renew the X account's access token and secret.",
    });
  });

  it('explains a read-only app', () => {
    const result = classifyXError(
      {
        status: 403,
        body: {
          type: 'https://api.twitter.com/2/problems/oauth1-permissions',
          title: 'Forbidden',
          detail: 'Your client app is not configured with the appropriate oauth1 app permissions for this endpoint.',
        },
      },
      now,
    );
    expect(result.kind).toBe('credentials_revoked');
    expect(result.plainMessage).toContain('Read and write');
  });

  describe('rate limits', () => {
    it('retries after the 15-minute window resets', () => {
      const result = classifyXError(
        {
          status: 429,
          body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
          headers: { 'x-rate-limit-limit': '100', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': epoch('2026-07-21T14:05:00Z') },
        },
        now,
      );
      expect(result).toEqual({
        kind: 'rate_limited',
        retryable: true,
        retryAt: new Date('2026-07-21T14:05:00Z'),
        plainMessage: 'X rate limit reached; it will be retried automatically after 14:05 UTC.',
      });
    });

    it('waits for the 24-hour user cap when that is the exhausted one', () => {
      const result = classifyXError(
        {
          status: 429,
          headers: {
            'X-Rate-Limit-Remaining': '99',
            'X-Rate-Limit-Reset': epoch('2026-07-21T14:00:00Z'),
            'X-User-Limit-24hour-Remaining': '0',
            'X-User-Limit-24hour-Reset': epoch('2026-07-22T15:30:00Z'),
          },
        },
        now,
      );
      expect(result.retryAt).toEqual(new Date('2026-07-22T15:30:00Z'));
      expect(result.plainMessage).toBe('X rate limit reached; it will be retried automatically after 2026-07-22 15:30 UTC.');
    });

    it('honours Retry-After and copes without any header', () => {
      expect(classifyXError({ status: 429, headers: { 'retry-after': '60' } }, now).retryAt).toEqual(new Date('2026-07-21T13:51:00Z'));
      expect(classifyXError({ status: 429 }, now)).toEqual({
        kind: 'rate_limited',
        retryable: true,
        plainMessage: 'X rate limit reached; it will be retried automatically in a few minutes.',
      });
    });

    it('names the usage cap', () => {
      const result = classifyXError(
        { status: 429, body: { type: 'https://api.twitter.com/2/problems/usage-capped', title: 'Usage cap exceeded: Monthly product cap' } },
        now,
      );
      expect(result.kind).toBe('rate_limited');
      expect(result.plainMessage).toMatch(/^Earshot's X usage cap reached/);
    });
  });

  it('retries server errors', () => {
    expect(classifyXError({ status: 503, body: 'Service Unavailable' }, now)).toEqual({
      kind: 'server_error',
      retryable: true,
      plainMessage: 'X had a server error (HTTP 503); the reply will be retried automatically.',
    });
  });

  it.each(['ETIMEDOUT', 'ECONNRESET', 'socket hang up'])('does not retry blindly after %s: the reply may be out', (code) => {
    const result = classifyXError({ code }, now);
    expect(result.kind).toBe('timeout_unknown_outcome');
    expect(result.retryable).toBe(false);
    expect(result.plainMessage).toContain('Check the post on X before retrying.');
  });

  it('retries when X could not be reached at all', () => {
    expect(classifyXError({ code: 'ECONNREFUSED' }, now)).toMatchObject({ kind: 'server_error', retryable: true });
  });

  it('quotes X for an invalid request', () => {
    const result = classifyXError(
      {
        status: 400,
        body: {
          type: 'https://api.twitter.com/2/problems/invalid-request',
          title: 'Invalid Request',
          detail: 'One or more parameters to your request was invalid.',
          errors: [{ message: 'Your Tweet text is too long.' }],
        },
      },
      now,
    );
    expect(result).toEqual({
      kind: 'invalid_request',
      retryable: false,
      plainMessage: 'X rejected the reply as invalid: One or more parameters to your request was invalid. Your Tweet text is too long. Edit it and retry.',
    });
  });

  it('falls back to unknown with what X said', () => {
    expect(classifyXError({ status: 418, body: { title: "I'm a teapot" } }, now)).toEqual({
      kind: 'unknown',
      retryable: false,
      plainMessage: "X refused the reply (HTTP 418: I'm a teapot).",
    });
    expect(classifyXError({}, now).kind).toBe('unknown');
  });
});

import { XRPCError } from '@atproto/api';
import type { FailureDescription, FailureKind } from '../network.js';
import { RateLimitedError } from '../rate-limited-error.js';
import { errorCauseText } from '../error-causes.js';

/** The post a reply was meant for is gone: the AppView no longer shows it. */
export class BlueskyPostGoneError extends Error {
  constructor(readonly uri: string) {
    super(`Bluesky no longer shows the post ${uri}`);
    this.name = 'BlueskyPostGoneError';
  }
}

// Failures on the way that leave unknown whether the PDS wrote the record (the deadline, a cut connection).
const UNKNOWN_OUTCOME =
  /TimeoutError|AbortError|ABORT_ERR|ETIMEDOUT|ECONNRESET|EPIPE|ECONNABORTED|socket hang up|UND_ERR_SOCKET|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT|other side closed|terminated/i;
const UNREACHABLE = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH/i;
const GONE_ERRORS = new Set(['NotFound', 'RecordNotFound', 'InvalidSwap']);
const SESSION_ERRORS = new Set(['AuthenticationRequired', 'AuthMissing', 'ExpiredToken', 'InvalidToken', 'AccountTakedown', 'AccountDeactivated']);
const MAX_QUOTED_DETAIL = 300;

/** Turns a failed Bluesky call (an XRPCError from @atproto/api, or the adapter's own) into a decision and plain words. */
export function classifyBlueskyError(error: unknown, now: Date = new Date()): FailureDescription {
  if (error instanceof RateLimitedError) return rateLimited(error.resetAt, now);
  if (error instanceof BlueskyPostGoneError) return fail('post_deleted', "The post was deleted on Bluesky, so it can't be replied to.");
  // ResponseType's numbers are the HTTP statuses, except below 100 (no answer, or one not understood).
  const status: number = error instanceof XRPCError ? error.status : 0;
  if (!(error instanceof XRPCError) || status < 100) return classifyNetworkFailure(errorCauseText(error, ['XRPCError']));

  const detail = quote(error.message === error.error ? '' : error.message);
  if (status === 429 || error.error === 'RateLimitExceeded') return rateLimited(readReset(error.headers), now);
  if (status === 401 || SESSION_ERRORS.has(error.error)) {
    return fail(
      'credentials_revoked',
      "Bluesky rejected Earshot's login (the app password was revoked or the account is suspended). An Earshot admin must create a new app password for the Bluesky account and give it to Earshot.",
    );
  }
  if (GONE_ERRORS.has(error.error)) return fail('post_deleted', "The post was deleted on Bluesky, so it can't be replied to.");
  if (error.error === 'BlockedActor' || error.error === 'BlockedByActor') {
    return fail('reply_not_allowed', 'A block between the account and this person keeps the reply from being seen. Take it up outside Bluesky.');
  }
  if (status >= 500) {
    return { kind: 'server_error', retryable: true, plainMessage: `Bluesky had a server error (HTTP ${status}); the reply will be retried automatically.` };
  }
  if (status === 400) return fail('invalid_request', `Bluesky rejected the reply as invalid${detail}. Edit it and retry.`);
  return fail('unknown', `Bluesky refused the reply (HTTP ${status}${detail}).`);
}

function fail(kind: FailureKind, plainMessage: string): FailureDescription {
  return { kind, retryable: false, plainMessage };
}

function classifyNetworkFailure(cause: string): FailureDescription {
  if (UNKNOWN_OUTCOME.test(cause)) {
    return fail(
      'timeout_unknown_outcome',
      `The connection to Bluesky dropped (${cause}) before Bluesky answered, so it is unknown whether the reply was posted. Check the post on Bluesky before retrying.`,
    );
  }
  if (UNREACHABLE.test(cause)) {
    // Nothing reached Bluesky, so a retry cannot post twice.
    return { kind: 'server_error', retryable: true, plainMessage: `Earshot could not reach Bluesky (${cause}); the reply will be retried automatically.` };
  }
  return fail('unknown', `Posting to Bluesky failed${cause ? ` (${cause})` : ''} for a reason Earshot does not recognise.`);
}

function rateLimited(retryAt: Date | undefined, now: Date): FailureDescription {
  const when = retryAt ? `after ${retryAt.toISOString().slice(11, 16)} UTC` : 'in a few minutes';
  return {
    kind: 'rate_limited',
    retryable: true,
    ...(retryAt && retryAt > now ? { retryAt } : {}),
    plainMessage: `Bluesky rate limit reached; it will be retried automatically ${when}.`,
  };
}

function readReset(headers: Record<string, string | undefined> | undefined): Date | undefined {
  const reset = Number(Object.entries(headers ?? {}).find(([name]) => name.toLowerCase() === 'ratelimit-reset')?.[1]);
  return Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000) : undefined;
}

function quote(text: string): string {
  const said = text.replace(/[.\s]+$/, '');
  if (said === '') return '';
  return `: ${said.length > MAX_QUOTED_DETAIL ? `${said.slice(0, MAX_QUOTED_DETAIL - 1)}…` : said}`;
}

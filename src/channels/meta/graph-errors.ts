import type { FailureDescription, FailureKind } from '../network.js';
import { RateLimitedError } from '../rate-limited-error.js';
import { GraphApiError } from './graph-client.js';
import { errorCauseText } from '../error-causes.js';

/** The comment a reply was meant for is gone (deleted, or hidden from the Page or account). */
export class MetaCommentGoneError extends Error {
  constructor(readonly commentId: string) {
    super(`the comment ${commentId} can no longer be read`);
    this.name = 'MetaCommentGoneError';
  }
}

/** Graph's answer for an id that does not exist, or that the token may not read (code 100, subcode 33). */
export function isUnreadable(error: unknown): boolean {
  return error instanceof GraphApiError && error.code === 100 && error.subcode === 33;
}

// Graph's throttling codes: 4 app, 17 user, 32 Page, 613 custom, 80001–80014 business use case.
const RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);
const isBusinessUseCaseLimit = (code: number) => code >= 80001 && code <= 80014;
// 102 session key, 190 access token (expired, revoked, password changed…), 463/467 its subcodes.
const TOKEN_CODES = new Set([102, 190]);
const TRANSIENT_CODES = new Set([1, 2]);
const UNKNOWN_OUTCOME =
  /TimeoutError|AbortError|ABORT_ERR|ETIMEDOUT|ECONNRESET|EPIPE|ECONNABORTED|socket hang up|UND_ERR_SOCKET|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT|other side closed|terminated/i;
const UNREACHABLE = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH/i;
const MAX_QUOTED_DETAIL = 300;

/** What a failed Graph call means, in words that name the network (Facebook or Instagram). */
export function graphErrorClassifier(networkName: string): (error: unknown, now?: Date) => FailureDescription {
  return (error, now = new Date()) => classifyGraphError(networkName, error, now);
}

function classifyGraphError(networkName: string, error: unknown, now: Date): FailureDescription {
  if (error instanceof RateLimitedError) return rateLimited(networkName, error.resetAt, now);
  if (error instanceof MetaCommentGoneError) return fail('post_deleted', `The comment was deleted on ${networkName}, so it can't be replied to.`);
  if (!(error instanceof GraphApiError)) return classifyNetworkFailure(networkName, errorCauseText(error));
  const { code, subcode, status } = error;
  const detail = quote(error.graphMessage);
  if (RATE_LIMIT_CODES.has(code) || isBusinessUseCaseLimit(code) || status === 429) return rateLimited(networkName, regainAccessAt(error, now), now);
  if (TOKEN_CODES.has(code)) {
    return fail(
      'credentials_revoked',
      `${networkName} no longer accepts Earshot's Page access token (it expired or was revoked). An Earshot admin must create a new Page access token and give it to Earshot.`,
    );
  }
  if (code === 10 || (code >= 200 && code <= 299)) {
    return fail(
      'credentials_revoked',
      `${networkName} refused: Earshot's Meta app lacks a permission for this${detail}. An Earshot admin must grant the permission to the app and create a new Page access token.`,
    );
  }
  if (code === 100 && subcode === 33) return fail('post_deleted', `The comment was deleted on ${networkName}, so it can't be replied to.`);
  if (code === 368)
    return fail('reply_not_allowed', `${networkName} blocked the reply as going against its policies${detail}. Take it up outside ${networkName}.`);
  if (code === 506) return fail('duplicate_content', `${networkName} refused the reply as a duplicate of one already posted. Reword it and retry.`);
  if (TRANSIENT_CODES.has(code) || status >= 500) {
    return {
      kind: 'server_error',
      retryable: true,
      plainMessage: `${networkName} had a temporary error (code ${code}); the reply will be retried automatically.`,
    };
  }
  if (code === 100) return fail('invalid_request', `${networkName} rejected the reply as invalid${detail}. Edit it and retry.`);
  return fail('unknown', `${networkName} refused the reply (code ${code}${subcode === undefined ? '' : `/${subcode}`}${detail}).`);
}

function fail(kind: FailureKind, plainMessage: string): FailureDescription {
  return { kind, retryable: false, plainMessage };
}

function classifyNetworkFailure(networkName: string, cause: string): FailureDescription {
  if (UNKNOWN_OUTCOME.test(cause)) {
    return fail(
      'timeout_unknown_outcome',
      `The connection to ${networkName} dropped (${cause}) before it answered, so it is unknown whether the reply was posted. Check the comment on ${networkName} before retrying.`,
    );
  }
  if (UNREACHABLE.test(cause)) {
    // Nothing reached Meta, so a retry cannot post twice.
    return {
      kind: 'server_error',
      retryable: true,
      plainMessage: `Earshot could not reach ${networkName} (${cause}); the reply will be retried automatically.`,
    };
  }
  return fail('unknown', `Posting to ${networkName} failed${cause ? ` (${cause})` : ''} for a reason Earshot does not recognise.`);
}

function rateLimited(networkName: string, retryAt: Date | undefined, now: Date): FailureDescription {
  const when = retryAt ? `after ${retryAt.toISOString().slice(11, 16)} UTC` : 'in a few minutes';
  return {
    kind: 'rate_limited',
    retryable: true,
    ...(retryAt && retryAt > now ? { retryAt } : {}),
    plainMessage: `${networkName} rate limit reached; it will be retried automatically ${when}.`,
  };
}

/** The longest `estimated_time_to_regain_access` (minutes) in the business use case usage header. */
function regainAccessAt(error: GraphApiError, now: Date): Date | undefined {
  const header = error.usageHeaders['x-business-use-case-usage'];
  if (!header) return undefined;
  let minutes = 0;
  try {
    const usage: unknown = JSON.parse(header);
    for (const entries of Object.values(usage as Record<string, unknown>)) {
      for (const entry of Array.isArray(entries) ? entries : []) {
        const value = (entry as { estimated_time_to_regain_access?: unknown }).estimated_time_to_regain_access;
        if (typeof value === 'number' && value > minutes) minutes = value;
      }
    }
  } catch {
    return undefined;
  }
  return minutes > 0 ? new Date(now.getTime() + minutes * 60_000) : undefined;
}

function quote(text: string): string {
  const said = text.replace(/^\(#\d+\)\s*/, '').replace(/[.\s]+$/, '');
  if (said === '') return '';
  return `: ${said.length > MAX_QUOTED_DETAIL ? `${said.slice(0, MAX_QUOTED_DETAIL - 1)}…` : said}`;
}

import type { FailureDescription, FailureKind } from '../network.js';

/** What the X adapter extracts from twitter-api-v2's ApiResponseError / ApiRequestError (see x-failure.ts). */
export interface XFailure {
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Network error code (ETIMEDOUT, ECONNRESET…) or message ("socket hang up"). */
  code?: string;
}

// Problem type URIs from X's OpenAPI description (components.schemas.Problem discriminator).
// Compared by their last path segment, since newer descriptions moved them from api.twitter.com to api.x.com.
const PROBLEM_TYPE_PREFIX = /^https:\/\/api\.(?:twitter|x)\.com\/2\/problems\//;

const DUPLICATE_TEXT = /duplicate content|status is a duplicate/i;
const DELETED_TEXT = /deleted or not visible|(?:tweet|post) that is deleted|no status found/i;
const REPLY_NOT_ALLOWED_TEXT =
  /reply to this conversation is not allowed|not been mentioned or otherwise engaged|restricted who can reply|only reply to or quote posts where you are mentioned/i;
const APP_PERMISSION_TEXT = /oauth1 app permissions|not permitted to perform this action/i;
const UNKNOWN_OUTCOME_CODES =
  /ETIMEDOUT|ESOCKETTIMEDOUT|ECONNRESET|EPIPE|ECONNABORTED|socket hang up|UND_ERR_SOCKET|UND_ERR_HEADERS_TIMEOUT|UND_ERR_BODY_TIMEOUT|AbortError|ABORT_ERR/i;
const UNREACHABLE_CODES = /ECONNREFUSED|ENOTFOUND|EAI_AGAIN|ENETUNREACH|EHOSTUNREACH/i;
const MAX_QUOTED_DETAIL = 300;

/** X's rule for apps on self-serve plans (replying to the account's own mentions qualifies). */
export const X_REPLY_CONSTRAINT = 'X only allows replies to posts that mention or quote the account';

/** Turns an X API failure into a decision (retry or not, when) and a message people can act on. */
export function classifyXError(failure: XFailure, now: Date = new Date()): FailureDescription {
  const { status, code } = failure;
  if (status === undefined) return classifyNetworkFailure(code);

  const problem = readProblem(failure.body);
  const text = problem.texts.join(' ');

  if (DUPLICATE_TEXT.test(text)) {
    return fail('duplicate_content', 'X refused this reply as a duplicate of an earlier post. Edit the text and retry.');
  }
  if (DELETED_TEXT.test(text)) return fail('post_deleted', "The post was deleted on X, so it can't be replied to.");
  if (REPLY_NOT_ALLOWED_TEXT.test(text)) {
    return fail('reply_not_allowed', `${X_REPLY_CONSTRAINT}, and this post doesn't qualify. Reply from the X app instead, or take the conversation private.`);
  }
  if (status === 429 || problem.type === 'usage-capped') return describeRateLimit(failure, problem.type, now);
  if (status === 401) {
    return fail(
      'credentials_revoked',
      "X rejected Earshot's credentials (revoked or expired). An Earshot admin must renew the X account's access token and secret.",
    );
  }
  if (
    problem.type === 'oauth1-permissions' ||
    problem.type === 'unsupported-authentication' ||
    problem.type === 'client-forbidden' ||
    (status === 403 && APP_PERMISSION_TEXT.test(text))
  ) {
    return fail(
      'credentials_revoked',
      "X says Earshot's app is not allowed to post. An Earshot admin must give the app Read and write permission in the X developer portal, then renew the access token and secret.",
    );
  }
  if (problem.type === 'resource-not-found' || problem.type === 'resource-unavailable' || problem.type === 'not-authorized-for-resource') {
    return fail('post_deleted', "The post was deleted on X or is no longer visible, so it can't be replied to.");
  }
  if (status >= 500) {
    return {
      kind: 'server_error',
      retryable: true,
      plainMessage: `X had a server error (HTTP ${status}); the reply will be retried automatically.`,
    };
  }
  if (status === 400 || problem.type === 'invalid-request') {
    return fail('invalid_request', `X rejected the reply as invalid${quote(text)}. Edit it and retry.`);
  }
  return fail('unknown', `X refused the reply (HTTP ${status}${quote(text)}).`);
}

function fail(kind: FailureKind, plainMessage: string): FailureDescription {
  return { kind, retryable: false, plainMessage };
}

function classifyNetworkFailure(code: string | undefined): FailureDescription {
  if (code !== undefined && UNKNOWN_OUTCOME_CODES.test(code)) {
    return fail(
      'timeout_unknown_outcome',
      `The connection to X dropped (${code}) before X answered, so it is unknown whether the reply was posted. Check the post on X before retrying.`,
    );
  }
  if (code !== undefined && UNREACHABLE_CODES.test(code)) {
    // Nothing reached X, so a retry cannot post twice.
    return {
      kind: 'server_error',
      retryable: true,
      plainMessage: `Earshot could not reach X (${code}); the reply will be retried automatically.`,
    };
  }
  return fail('unknown', `Posting to X failed${code ? ` (${code})` : ''} for a reason Earshot does not recognise.`);
}

function describeRateLimit(failure: XFailure, problemType: string | undefined, now: Date): FailureDescription {
  const retryAt = readRetryAt(failure.headers ?? {}, now);
  const reached = problemType === 'usage-capped' ? "Earshot's X usage cap reached" : 'X rate limit reached';
  const when = retryAt ? `after ${formatUtc(retryAt, now)}` : 'in a few minutes';
  return {
    kind: 'rate_limited',
    retryable: true,
    ...(retryAt ? { retryAt } : {}),
    plainMessage: `${reached}; it will be retried automatically ${when}.`,
  };
}

// X sends one reset per exhausted window (15-minute, and the 24-hour user/app caps on posting);
// the reply can only go out once every exhausted window has reset.
function readRetryAt(rawHeaders: Record<string, string>, now: Date): Date | undefined {
  const headers = new Map(Object.entries(rawHeaders).map(([name, value]) => [name.toLowerCase(), value]));
  const windows = ['x-rate-limit', 'x-user-limit-24hour', 'x-app-limit-24hour'];
  const exhausted = windows.filter((window) => headers.get(`${window}-remaining`) === '0');
  const resets = (exhausted.length > 0 ? exhausted : ['x-rate-limit'])
    .map((window) => Number(headers.get(`${window}-reset`)))
    .filter((epochSeconds) => Number.isFinite(epochSeconds) && epochSeconds > 0)
    .map((epochSeconds) => epochSeconds * 1000);
  const retryAfterSeconds = Number(headers.get('retry-after'));
  if (Number.isFinite(retryAfterSeconds) && retryAfterSeconds > 0) resets.push(now.getTime() + retryAfterSeconds * 1000);
  return resets.length > 0 ? new Date(Math.max(...resets)) : undefined;
}

function formatUtc(date: Date, now: Date): string {
  const iso = date.toISOString();
  const time = iso.slice(11, 16);
  const withinADay = Math.abs(date.getTime() - now.getTime()) < 24 * 60 * 60 * 1000;
  return withinADay ? `${time} UTC` : `${iso.slice(0, 10)} ${time} UTC`;
}

interface ProblemSummary {
  type?: string;
  texts: string[];
}

function readProblem(body: unknown): ProblemSummary {
  if (typeof body === 'string') return { texts: [body] };
  if (!isRecord(body)) return { texts: [] };
  const type = typeof body.type === 'string' ? body.type.replace(PROBLEM_TYPE_PREFIX, '') : undefined;
  const nested = Array.isArray(body.errors) ? body.errors.filter(isRecord) : [];
  const texts = [body, ...nested]
    .flatMap((entry) => [entry.detail, entry.message])
    .filter((value): value is string => typeof value === 'string' && value !== '');
  if (texts.length === 0 && typeof body.title === 'string') texts.push(body.title);
  return { ...(type ? { type } : {}), texts: [...new Set(texts)] };
}

// X's own words, trimmed of their final full stop because the caller's sentence carries on.
function quote(text: string): string {
  const said = text.replace(/[.\s]+$/, '');
  if (said === '') return '';
  const clipped = said.length > MAX_QUOTED_DETAIL ? `${said.slice(0, MAX_QUOTED_DETAIL - 1)}…` : said;
  return `: ${clipped}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

import { ApiRequestError, ApiResponseError, ApiPartialResponseError } from 'twitter-api-v2';
import { RateLimitedError } from '../rate-limited-error.js';
import type { XFailure } from './x-errors.js';

/** What the X error classifier needs, from whatever twitter-api-v2 (or the network) threw. */
export function toXFailure(error: unknown): XFailure {
  if (error instanceof RateLimitedError) {
    return { status: 429, headers: { 'x-rate-limit-reset': String(Math.floor(error.resetAt.getTime() / 1000)) } };
  }
  if (error instanceof ApiResponseError) {
    return { status: error.code, body: error.data, headers: flattenHeaders(error.headers) };
  }
  if (error instanceof ApiRequestError) return { code: networkCode(requestErrorOf(error)) ?? error.message };
  if (error instanceof ApiPartialResponseError) return { code: networkCode(error.responseError) ?? error.message };
  return { code: error instanceof Error ? networkCode(error) : String(error) };
}

/**
 * twitter-api-v2 1.29 stores the network error as `_options.error` while its `requestError`
 * getter reads `_options.requestError`, which is never set.
 */
function requestErrorOf(error: ApiRequestError): Error | undefined {
  const options = (error as unknown as { _options?: { error?: Error; requestError?: Error } })._options;
  return options?.requestError ?? options?.error;
}

/** A network error's code; the library's own timeout is a plain "Request timeout." error. */
function networkCode(cause: Error | undefined): string | undefined {
  if (!cause) return undefined;
  if (/request timeout/i.test(cause.message)) return 'ETIMEDOUT';
  return (cause as NodeJS.ErrnoException).code ?? cause.message;
}

function flattenHeaders(headers: Record<string, string | string[] | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(headers)
      .filter((entry): entry is [string, string | string[]] => entry[1] !== undefined)
      .map(([name, value]) => [name.toLowerCase(), Array.isArray(value) ? value.join(', ') : value]),
  );
}

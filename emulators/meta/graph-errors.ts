import { randomBytes } from 'node:crypto';

/**
 * Graph API error body, as https://developers.facebook.com/docs/graph-api/guides/error-handling
 * documents it (`error_user_title` / `error_user_msg` only where Meta writes text for end users).
 */
export interface GraphErrorBody {
  error: {
    message: string;
    type: string;
    code: number;
    error_subcode?: number;
    error_user_title?: string;
    error_user_msg?: string;
    fbtrace_id: string;
  };
}

export interface GraphErrorOptions {
  type?: string;
  subcode?: number;
  userTitle?: string;
  userMessage?: string;
  headers?: Record<string, string>;
}

/** Support ids look like Meta's (11 characters of base64); each error gets a fresh one. */
export const newTraceId = (): string => randomBytes(8).toString('base64').slice(0, 11);

/** Thrown by routes and the pipeline; the server answers it with `status` and Graph's body. */
export class GraphError extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
    readonly options: GraphErrorOptions = {},
  ) {
    super(message);
  }

  body(traceId: string): GraphErrorBody {
    return {
      error: {
        message: this.message,
        type: this.options.type ?? 'OAuthException',
        code: this.code,
        ...(this.options.subcode !== undefined ? { error_subcode: this.options.subcode } : {}),
        ...(this.options.userTitle !== undefined ? { error_user_title: this.options.userTitle } : {}),
        ...(this.options.userMessage !== undefined ? { error_user_msg: this.options.userMessage } : {}),
        fbtrace_id: traceId,
      },
    };
  }

  withHeaders(headers: Record<string, string>): GraphError {
    return new GraphError(this.status, this.code, this.message, { ...this.options, headers: { ...headers, ...this.options.headers } });
  }
}

/**
 * What Graph answers for a code when nothing more specific applies. The HTTP statuses are the
 * ones Graph is seen to use: 500 for the transient codes 1 and 2, 403 for permission errors,
 * 400 for the rest (throttling included).
 */
const CODE_DEFAULTS: Record<number, { status: number; message: string }> = {
  1: { status: 500, message: 'An unknown error occurred' },
  2: { status: 500, message: 'An unexpected error has occurred. Please retry your request later.' },
  4: { status: 400, message: '(#4) Application request limit reached' },
  10: { status: 403, message: '(#10) Application does not have permission for this action' },
  17: { status: 400, message: '(#17) User request limit reached' },
  32: { status: 400, message: '(#32) Page request limit reached' },
  100: { status: 400, message: '(#100) Invalid parameter' },
  190: { status: 400, message: 'Invalid OAuth access token - Cannot parse access token' },
  200: { status: 403, message: '(#200) Permissions error' },
  368: { status: 400, message: '(#368) The action attempted has been deemed abusive or is otherwise disallowed' },
  613: { status: 400, message: '(#613) Calls to this api have exceeded the rate limit.' },
};

/** Any Graph error by code, with Graph's usual message and status unless given. */
export function graphError(code: number, options: GraphErrorOptions & { status?: number; message?: string } = {}): GraphError {
  const known = CODE_DEFAULTS[code];
  const { status, message, ...rest } = options;
  return new GraphError(status ?? known?.status ?? 400, code, message ?? known?.message ?? `(#${code}) Error`, rest);
}

export const RATE_LIMIT_CODES = [4, 17, 32, 613] as const;
export type RateLimitCode = (typeof RATE_LIMIT_CODES)[number];

export const missingToken = (): GraphError => new GraphError(400, 104, 'An access token is required to request this resource.');

export const invalidToken = (): GraphError =>
  new GraphError(400, 190, 'Invalid OAuth access token - Cannot parse access token', {
    headers: { 'www-authenticate': 'OAuth "Facebook Platform" "invalid_token" "Invalid OAuth access token - Cannot parse access token"' },
  });

/** Subcode 463: the token's session has expired; a new token is needed. */
export function expiredToken(expiredAt: number, now: number): GraphError {
  const message = `Error validating access token: Session has expired on ${new Date(expiredAt).toUTCString()}. The current time is ${new Date(now).toUTCString()}.`;
  return new GraphError(400, 190, message, { subcode: 463, headers: { 'www-authenticate': `OAuth "Facebook Platform" "invalid_token" "${message}"` } });
}

/** An id that does not exist, or that this token may not see: the two are indistinguishable on Graph. */
export function unsupportedRequest(method: string, id: string): GraphError {
  return new GraphError(
    400,
    100,
    `Unsupported ${method.toLowerCase()} request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, or does not support this operation. Please read the Graph API documentation at https://developers.facebook.com/docs/graph-api`,
    { type: 'GraphMethodException', subcode: 33 },
  );
}

export const unknownPath = (components: string): GraphError => new GraphError(400, 2500, `Unknown path components: ${components}`);

export const syntaxError = (detail: string, position: number, raw: string): GraphError =>
  new GraphError(400, 2500, `Syntax error "${detail}" at character ${position}: ${raw}`);

export const nonexistingField = (field: string, nodeType: string): GraphError =>
  new GraphError(400, 100, `(#100) Tried accessing nonexisting field (${field}) on node type (${nodeType})`);

export const invalidParameter = (detail: string): GraphError => new GraphError(400, 100, `(#100) ${detail}`);

/** The customer has not written within the window the message type allows. */
export function outsideMessagingWindow(channel: 'messenger' | 'instagram'): GraphError {
  return new GraphError(400, 10, '(#10) This message is sent outside of allowed window.', { subcode: channel === 'messenger' ? 2018278 : 2534022 });
}

/** The recipient id is nobody this Page or account can message. */
export function noMatchingUser(channel: 'messenger' | 'instagram'): GraphError {
  return new GraphError(400, 100, '(#100) No matching user found', { subcode: channel === 'messenger' ? 2018001 : 2534014 });
}

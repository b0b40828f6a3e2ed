import { STATUS_CODES } from 'node:http';

/** The body of every XRPC failure: a machine name and a sentence. */
export interface XrpcErrorBody {
  error: string;
  message: string;
}

/** The names and messages xrpc-server gives each status when a handler names none (its `ResponseType`). */
const STANDARD: Record<number, XrpcErrorBody> = {
  400: { error: 'InvalidRequest', message: 'Invalid Request' },
  401: { error: 'AuthenticationRequired', message: 'Authentication Required' },
  403: { error: 'Forbidden', message: 'Forbidden' },
  404: { error: 'XRPCNotSupported', message: 'XRPC Not Supported' },
  406: { error: 'NotAcceptable', message: 'Not Acceptable' },
  413: { error: 'PayloadTooLarge', message: 'Payload Too Large' },
  415: { error: 'UnsupportedMediaType', message: 'Unsupported Media Type' },
  429: { error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' },
  500: { error: 'InternalServerError', message: 'Internal Server Error' },
  501: { error: 'MethodNotImplemented', message: 'Method Not Implemented' },
  502: { error: 'UpstreamFailure', message: 'Upstream Failure' },
  503: { error: 'NotEnoughResources', message: 'Not Enough Resources' },
  504: { error: 'UpstreamTimeout', message: 'Upstream Timeout' },
};

/** The standard body for a status; statuses xrpc-server has no name for are named after their HTTP reason phrase. */
export function standardErrorBody(status: number): XrpcErrorBody {
  const known = STANDARD[status];
  if (known) return { ...known };
  const phrase = STATUS_CODES[status] ?? 'Unknown';
  return { error: phrase.replace(/[^A-Za-z0-9]/g, ''), message: phrase };
}

/** Thrown by methods and the pipeline; the server answers with it as is. */
export class XrpcError extends Error {
  readonly body: XrpcErrorBody;

  constructor(
    readonly status: number,
    error?: string,
    message?: string,
    readonly headers: Record<string, string> = {},
  ) {
    const standard = standardErrorBody(status);
    const body = { error: error ?? standard.error, message: message ?? standard.message };
    super(`${status} ${body.error}: ${body.message}`);
    this.body = body;
  }

  withHeaders(headers: Record<string, string>): XrpcError {
    return new XrpcError(this.status, this.body.error, this.body.message, { ...headers, ...this.headers });
  }
}

export const invalidRequest = (message: string, error = 'InvalidRequest'): XrpcError => new XrpcError(400, error, message);

export const authRequired = (message?: string, error?: string): XrpcError => new XrpcError(401, error, message);

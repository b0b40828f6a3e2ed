import { STATUS_CODES } from 'node:http';

/** X's problem+json body (components.schemas.Problem) plus the optional extras some subtypes carry. */
export interface XProblem {
  title: string;
  type: string;
  detail?: string;
  status?: number;
  [extra: string]: unknown;
}

/** A partial error inside a 200 response's `errors` array (a resource-not-found problem). */
export interface XResourceError {
  value: string;
  detail: string;
  title: 'Not Found Error';
  resource_type: 'tweet' | 'user';
  parameter: string;
  resource_id: string;
  type: 'https://api.twitter.com/2/problems/resource-not-found';
}

export interface ApiResult {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

/** Thrown by handlers and the pipeline; the server turns it into the response as is. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly body: XProblem,
    readonly headers: Record<string, string> = {},
  ) {
    super(`${status} ${body.title}${body.detail ? `: ${body.detail}` : ''}`);
  }
}

/** `about:blank` problems are how X answers generic HTTP failures (401, 403, 429, 5xx). */
export function genericProblem(status: number, detail?: string): XProblem {
  const title = STATUS_CODES[status] ?? 'Error';
  return { title, detail: detail ?? title, type: 'about:blank', status };
}

export const unauthorized = (): ApiError => new ApiError(401, genericProblem(401, 'Unauthorized'));

export const forbidden = (detail: string): ApiError => new ApiError(403, genericProblem(403, detail));

export function tooManyRequests(headers: Record<string, string>): ApiError {
  return new ApiError(429, genericProblem(429), headers);
}

export interface InvalidParameter {
  message: string;
  parameters?: Record<string, string[]>;
}

export function invalidRequest(errors: InvalidParameter[]): ApiError {
  return new ApiError(400, {
    errors,
    title: 'Invalid Request',
    detail: 'One or more parameters to your request was invalid.',
    type: 'https://api.twitter.com/2/problems/invalid-request',
  });
}

export function unsupportedAppAuth(): ApiError {
  return new ApiError(403, {
    title: 'Unsupported Authentication',
    detail:
      'Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.  Supported authentication types are [OAuth 1.0a User Context, OAuth 2.0 User Context].',
    type: 'https://api.twitter.com/2/problems/unsupported-authentication',
    status: 403,
  });
}

export function notFound(resourceType: 'tweet' | 'user', parameter: string, id: string): XResourceError {
  return {
    value: id,
    detail: `Could not find ${resourceType} with ${parameter}: [${id}].`,
    title: 'Not Found Error',
    resource_type: resourceType,
    parameter,
    resource_id: id,
    type: 'https://api.twitter.com/2/problems/resource-not-found',
  };
}

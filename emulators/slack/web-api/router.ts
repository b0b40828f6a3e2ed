import { randomUUID } from 'node:crypto';
import type { EmulatorCore } from '../core.js';
import type { JsonObject } from '../types.js';
import { SlackApiError } from './errors.js';
import { Params } from './params.js';

export type TokenKind = 'bot' | 'app';

export interface MethodCall {
  core: EmulatorCore;
  params: Params;
}

export interface MethodDefinition {
  /** Which token Slack accepts for the method: the bot token (xoxb-) or the app-level token (xapp-). */
  token: TokenKind;
  /** Arguments the method cannot run without, with the error Slack gives when one is missing. */
  required?: Record<string, string>;
  /** Rate-limit bucket inside the method (chat.postMessage counts per channel). */
  rateScope?: (params: Params) => string;
  run(call: MethodCall): JsonObject | Promise<JsonObject>;
}

export type MethodTable = Record<string, MethodDefinition>;

export interface ApiResponse {
  status: number;
  headers: Record<string, string>;
  body: string;
}

function json(status: number, body: JsonObject, headers: Record<string, string> = {}): ApiResponse {
  return {
    status,
    headers: { 'content-type': 'application/json; charset=utf-8', 'x-slack-req-id': randomUUID().replaceAll('-', ''), ...headers },
    body: JSON.stringify(body),
  };
}

function failure(error: SlackApiError): ApiResponse {
  return json(200, { ok: false, error: error.error, ...error.extra });
}

function bearer(header: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)$/i.exec(header ?? '');
  return match?.[1];
}

/**
 * Runs one Web API call in Slack's order: injected faults, authentication, rate limits, required
 * arguments, then the method. Every answer is HTTP 200 with `ok`, except 429 and injected 5xx.
 */
export async function callMethod(
  core: EmulatorCore,
  methods: MethodTable,
  name: string,
  values: Record<string, unknown>,
  authorization: string | undefined,
): Promise<ApiResponse> {
  const fault = core.faults.take(name);
  if (fault?.kind === 'rate_limited') {
    return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(fault.retryAfterSeconds) });
  }
  if (fault?.kind === 'http_error') {
    return { status: fault.status, headers: { 'content-type': 'text/html' }, body: `<html><body>${fault.status} Service Unavailable</body></html>` };
  }
  if (fault?.kind === 'api_error') return failure(new SlackApiError(fault.error));

  const method = methods[name];
  if (!method) return json(200, { ok: false, error: 'unknown_method', req_method: name });

  const params = new Params(values);
  const token = bearer(authorization) ?? params.string('token');
  if (token === undefined) return failure(new SlackApiError('not_authed'));
  const kind: TokenKind | undefined = token === core.secrets.botToken ? 'bot' : token === core.secrets.appToken ? 'app' : undefined;
  if (kind === undefined) return failure(new SlackApiError('invalid_auth'));
  if (kind !== method.token) return failure(new SlackApiError('not_allowed_token_type'));

  const retryAfter = core.rateLimiter.hit(name, method.rateScope?.(params) ?? '');
  if (retryAfter !== undefined) return json(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(retryAfter) });

  for (const [arg, error] of Object.entries(method.required ?? {})) {
    if (!params.has(arg)) {
      const extra: JsonObject = error === 'invalid_arguments' ? { response_metadata: { messages: [`[ERROR] missing required field: ${arg}`] } } : {};
      return failure(new SlackApiError(error, extra));
    }
  }
  try {
    return json(200, await method.run({ core, params }));
  } catch (error) {
    if (error instanceof SlackApiError) return failure(error);
    throw error;
  }
}

import type { Caller } from '../auth.js';
import { invalidParameter } from '../graph-errors.js';
import type { RenderContext } from '../render.js';
import type { WebhookEntry } from '../webhooks/payloads.js';

/** What a Graph route sees: the caller, the merged query and body parameters, the clock, and the webhook queue. */
export interface ApiContext extends RenderContext {
  caller: Caller;
  params: Record<string, unknown>;
  now(): number;
  announce(entry: WebhookEntry): void;
}

export interface ApiResult {
  status: number;
  body: unknown;
}

/** A parameter as text (numbers and booleans from a JSON body included); undefined when absent. */
export function textParam(params: Record<string, unknown>, name: string): string | undefined {
  const value = params[name];
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  return undefined;
}

/** A required non-empty text parameter; Graph's code 100 when missing. */
export function requiredText(params: Record<string, unknown>, name: string): string {
  const value = textParam(params, name);
  if (value === undefined || value.trim() === '') throw invalidParameter(`The parameter ${name} is required`);
  return value;
}

/**
 * An object parameter: a JSON body gives it as an object, a form or query string as JSON text
 * (`recipient={"id":"…"}`), as the Send API takes both.
 */
export function objectParam(params: Record<string, unknown>, name: string): Record<string, unknown> | undefined {
  const value = params[name];
  if (value === undefined) return undefined;
  let parsed: unknown = value;
  if (typeof value === 'string') {
    try {
      parsed = JSON.parse(value);
    } catch {
      throw invalidParameter(`param ${name} must be a JSON object`);
    }
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw invalidParameter(`param ${name} must be a JSON object`);
  return parsed as Record<string, unknown>;
}

/** Every text-valued parameter, for edges that read options from the query string. */
export function textParams(params: Record<string, unknown>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(params)) {
    const value = textParam(params, name);
    if (value !== undefined) out[name] = value;
  }
  return out;
}

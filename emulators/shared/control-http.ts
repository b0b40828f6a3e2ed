import type { ServerResponse } from 'node:http';
import { z } from 'zod';

/** Where the HTTP face of each emulator's control API lives; no network's API uses this path. */
export const CONTROL_PREFIX = '/_emulator';

export interface ControlResult {
  status: number;
  body: unknown;
}

/** A control request the caller got wrong: answered 400 like the emulator's own state errors. */
class ControlInputError extends Error {}

export const isControlPath = (pathname: string): boolean => pathname === CONTROL_PREFIX || pathname.startsWith(`${CONTROL_PREFIX}/`);

/** `GET /state` for a request to `/_emulator/state`. */
export const controlRoute = (method: string, path: string): string => `${method} ${path.slice(CONTROL_PREFIX.length)}`;

export const ok = (body: unknown, status = 200): ControlResult => ({ status, body });

export const noControlRoute = (route: string): ControlResult => ({ status: 404, body: { error: `no control route ${route}` } });

export function parseControlBody<T>(schema: z.ZodType<T>, rawBody: string): T {
  let json: unknown;
  try {
    json = rawBody.length === 0 ? {} : JSON.parse(rawBody);
  } catch {
    throw new ControlInputError('body is not valid JSON');
  }
  const result = schema.safeParse(json);
  if (!result.success) throw new ControlInputError(z.prettifyError(result.error));
  return result.data;
}

export function requiredQuery(query: URLSearchParams, name: string): string {
  const value = query.get(name);
  if (value === null) throw new ControlInputError(`query parameter ${name} is required`);
  return value;
}

/** The 400 `{ error }` for a bad control request or one the emulator's state refuses; anything else is a bug and rethrown. */
export function controlFailure(error: unknown, StateError: abstract new (...args: never[]) => Error): ControlResult {
  if (error instanceof ControlInputError || error instanceof StateError) return { status: 400, body: { error: error.message } };
  throw error;
}

export function sendControlResult(res: ServerResponse, result: ControlResult): void {
  const json = JSON.stringify(result.body);
  res.writeHead(result.status, { 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

import { isObject } from '../block-kit/checks.js';
import { SlackApiError, invalidArguments } from './errors.js';
import { jsonText } from '../types.js';

/**
 * Method arguments from a query string, a form body or a JSON body. Form values are strings
 * (objects arrive JSON-encoded), JSON values keep their types; accessors accept both.
 */
export class Params {
  constructor(private readonly values: Record<string, unknown>) {}

  has(name: string): boolean {
    const value = this.values[name];
    return value !== undefined && value !== null && value !== '';
  }

  string(name: string): string | undefined {
    const value = this.values[name];
    if (value === undefined || value === null || value === '') return undefined;
    return jsonText(value);
  }

  requireString(name: string): string {
    const value = this.string(name);
    if (value === undefined) throw invalidArguments([`missing required field: ${name}`]);
    return value;
  }

  boolean(name: string, fallback = false): boolean {
    const value = this.values[name];
    if (value === undefined || value === null || value === '') return fallback;
    return value === true || value === 'true' || value === '1' || value === 1;
  }

  integer(name: string, fallback: number): number {
    const value = Number(this.values[name]);
    return Number.isFinite(value) && this.has(name) ? Math.trunc(value) : fallback;
  }

  /** Comma-separated list ("U1,U2") or JSON array. */
  list(name: string): string[] {
    const value = this.values[name];
    if (Array.isArray(value)) return value.map(String);
    return (this.string(name) ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  }

  /** A JSON argument: an object/array in a JSON body, or a JSON-encoded string in a form. */
  json(name: string, formatError: string): unknown {
    const value = this.values[name];
    if (value === undefined || value === null || value === '') return undefined;
    if (typeof value !== 'string') return value;
    try {
      return JSON.parse(value) as unknown;
    } catch {
      throw new SlackApiError(formatError);
    }
  }

  jsonObject(name: string, formatError: string): Record<string, unknown> | undefined {
    const value = this.json(name, formatError);
    if (value === undefined) return undefined;
    if (!isObject(value)) throw new SlackApiError(formatError);
    return value;
  }
}

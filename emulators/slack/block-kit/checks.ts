/**
 * Primitive checks shared by the Block Kit validators. Every failure is recorded the way Slack
 * words it: "<reason> [json-pointer:/path/to/field]".
 */

export type Obj = Record<string, unknown>;

export class Problems {
  readonly list: string[] = [];

  add(pointer: string, reason: string): void {
    this.list.push(`${reason} [json-pointer:${pointer}]`);
  }
}

export function isObject(value: unknown): value is Obj {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function asObject(p: Problems, value: unknown, pointer: string): Obj | undefined {
  if (isObject(value)) return value;
  p.add(pointer, 'must provide an object');
  return undefined;
}

/** Slack rejects any property its schema does not define. */
export function onlyKeys(p: Problems, o: Obj, pointer: string, allowed: readonly string[]): void {
  for (const key of Object.keys(o)) {
    if (!allowed.includes(key)) p.add(pointer, `invalid additional property: ${key}`);
  }
}

interface StringRule {
  required?: boolean;
  max?: number;
  min?: number;
  pattern?: RegExp;
  oneOf?: readonly string[];
}

export function stringField(p: Problems, o: Obj, key: string, pointer: string, rule: StringRule = {}): string | undefined {
  const value = o[key];
  const at = `${pointer}/${key}`;
  if (value === undefined || value === null) {
    if (rule.required) p.add(pointer, `missing required field: ${key}`);
    return undefined;
  }
  if (typeof value !== 'string') {
    p.add(at, 'must be a string');
    return undefined;
  }
  const min = rule.min ?? 0;
  if (value.length < min) p.add(at, `must be more than ${min - 1} characters`);
  if (rule.max !== undefined && value.length > rule.max) p.add(at, `must be less than ${rule.max + 1} characters`);
  if (rule.pattern && !rule.pattern.test(value)) p.add(at, `does not match the required format ${String(rule.pattern)}`);
  if (rule.oneOf && !rule.oneOf.includes(value)) p.add(at, `must be one of the following: ${rule.oneOf.join(', ')}`);
  return value;
}

export function booleanField(p: Problems, o: Obj, key: string, pointer: string): void {
  const value = o[key];
  if (value !== undefined && typeof value !== 'boolean') p.add(`${pointer}/${key}`, 'must be a boolean');
}

export function integerField(p: Problems, o: Obj, key: string, pointer: string, min: number, max: number): void {
  const value = o[key];
  if (value === undefined) return;
  if (typeof value !== 'number' || !Number.isInteger(value)) {
    p.add(`${pointer}/${key}`, 'must be an integer');
  } else if (value < min || value > max) {
    p.add(`${pointer}/${key}`, `must be between ${min} and ${max}`);
  }
}

interface ArrayRule {
  required?: boolean;
  min?: number;
  max?: number;
}

export function arrayField(p: Problems, o: Obj, key: string, pointer: string, rule: ArrayRule = {}): unknown[] | undefined {
  const value = o[key];
  const at = `${pointer}/${key}`;
  if (value === undefined) {
    if (rule.required) p.add(pointer, `missing required field: ${key}`);
    return undefined;
  }
  if (!Array.isArray(value)) {
    p.add(at, 'must provide an array');
    return undefined;
  }
  if (rule.min !== undefined && value.length < rule.min) p.add(at, `must provide at least ${rule.min} items`);
  if (rule.max !== undefined && value.length > rule.max) p.add(at, `no more than ${rule.max} items allowed`);
  return value as unknown[];
}

type TextKind = 'plain_text' | 'mrkdwn' | 'any';

interface TextRule {
  required?: boolean;
  max: number;
  kind: TextKind;
}

/** A composition text object: { type: plain_text|mrkdwn, text, emoji?, verbatim? }. */
export function textObject(p: Problems, value: unknown, pointer: string, rule: TextRule): Obj | undefined {
  const o = asObject(p, value, pointer);
  if (!o) return undefined;
  const type = stringField(p, o, 'type', pointer, { required: true });
  if (type === undefined) return o;
  if (type !== 'plain_text' && type !== 'mrkdwn') {
    p.add(`${pointer}/type`, 'must be one of the following: plain_text, mrkdwn');
    return o;
  }
  if (rule.kind !== 'any' && type !== rule.kind) {
    p.add(`${pointer}/type`, `must be ${rule.kind}`);
  }
  onlyKeys(p, o, pointer, type === 'plain_text' ? ['type', 'text', 'emoji'] : ['type', 'text', 'verbatim']);
  stringField(p, o, 'text', pointer, { required: true, min: 1, max: rule.max });
  booleanField(p, o, type === 'plain_text' ? 'emoji' : 'verbatim', pointer);
  return o;
}

export function textField(p: Problems, o: Obj, key: string, pointer: string, rule: TextRule): Obj | undefined {
  if (o[key] === undefined) {
    if (rule.required) p.add(pointer, `missing required field: ${key}`);
    return undefined;
  }
  return textObject(p, o[key], `${pointer}/${key}`, rule);
}

export const ID_MAX = 255;
export const URL_MAX = 3000;
export const DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;
export const TIME_PATTERN = /^([01]\d|2[0-3]):[0-5]\d$/;

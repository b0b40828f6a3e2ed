import { z } from 'zod';
import { isHandle, parseRecordUri } from './identifiers.js';
import { invalidRequest, XrpcError } from './xrpc.js';

/**
 * zod schemas for XRPC parameters and bodies. Failures become the PDS's 400 InvalidRequest, worded
 * as its lexicon validator words them (`limit can not be greater than 100`,
 * `Input must have the property "identifier"`), so a client sees the messages it would see in production.
 */

const DID = /^did:[a-z]+:[a-zA-Z0-9._:%-]*[a-zA-Z0-9._-]$/;
const NSID = /^[a-zA-Z]([a-zA-Z0-9-]{0,62})?(\.[a-zA-Z0-9]([a-zA-Z0-9-]{0,62})?)+$/;
/** RFC 3339 with a mandatory time zone, as the atproto datetime spec asks (https://atproto.com/specs/lexicon#datetime). */
const DATETIME = /^(\d{4})-(\d{2})-(\d{2})T([01]\d|2[0-3]):[0-5]\d:([0-5]\d|60)(\.\d+)?(Z|[+-]([01]\d|2[0-3]):[0-5]\d)$/;
const CID = /^(b[a-z2-7]{20,}|Qm[1-9A-HJ-NP-Za-km-z]{44})$/;
const RECORD_KEY = /^[a-zA-Z0-9._:~-]{1,512}$/;
/** BCP 47 tags (RFC 5646 grammar without the grandfathered irregulars). */
const LANGUAGE =
  /^([a-z]{2,3}(-[a-z]{3}){0,3}|[a-z]{4,8})(-[a-z]{4})?(-([a-z]{2}|\d{3}))?(-([a-z\d]{5,8}|\d[a-z\d]{3}))*(-[0-9a-wyz](-[a-z\d]{2,8})+)*(-x(-[a-z\d]{1,8})+)?$|^x(-[a-z\d]{1,8})+$|^i-[a-z]{3,8}$/i;

const isDid = (value: string): boolean => value.length <= 2048 && DID.test(value);
function isDatetime(value: string): boolean {
  const match = DATETIME.exec(value);
  if (!match || value.endsWith('-00:00')) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}

export const did = z.string().refine(isDid, 'must be a valid did');
export const handle = z.string().refine(isHandle, 'must be a valid handle');
export const atIdentifier = z.string().refine((v) => isDid(v) || isHandle(v), 'must be a valid did or a handle');
export const nsid = z.string().refine((v) => NSID.test(v), 'must be a valid nsid');
export const datetime = z.string().refine(isDatetime, 'must be an valid atproto datetime (both RFC-3339 and ISO-8601)');
export const cid = z.string().refine((v) => CID.test(v), 'must be a cid string');
export const recordKey = z.string().refine((v) => RECORD_KEY.test(v) && v !== '.' && v !== '..', 'must be a valid Record Key');
export const language = z.string().refine((v) => LANGUAGE.test(v), 'must be a well-formed BCP 47 language tag');
/** Record URIs are what every method here takes; a bare `at://did` is valid syntax but never names a post. */
export const atUri = z.string().refine((v) => parseRecordUri(v) !== undefined || /^at:\/\/[^/\s]+(\/[a-zA-Z0-9.-]+)?$/.test(v), 'must be a valid at-uri');
export const strongRef = z.object({ uri: atUri, cid });

/** One query parameter: XRPC repeats a key for arrays, so every raw value arrives as a list. */
export type ParamSchema = z.ZodType<unknown, string[] | undefined>;
export type ParamShape = Record<string, ParamSchema>;

export const scalar = <T>(inner: z.ZodType<T, string>): z.ZodType<T, string[]> =>
  z
    .array(z.string())
    .transform((values) => values[0] ?? '')
    .pipe(inner);

export const integerParam = (minimum: number, maximum: number) =>
  scalar(
    z
      .string()
      .regex(/^-?\d+$/, 'must be an integer')
      .transform(Number)
      .pipe(z.number().int().min(minimum).max(maximum)),
  );

export const booleanParam = scalar(
  z
    .string()
    .refine((v) => v === 'true' || v === 'false', 'must be a boolean')
    .transform((v) => v === 'true'),
);

export const listParam = <T>(item: z.ZodType<T, string>, maxLength?: number) => (maxLength === undefined ? z.array(item) : z.array(item).max(maxLength));

/** The lexicon validator names a missing member after its parent (`Params`, `Input`, `Record/reply`); a bad one by its path, which for parameters is the bare name. */
function describeIssue(root: string, issue: z.core.$ZodIssue): string {
  const path = [...(root === 'Params' ? [] : [root]), ...issue.path.map(String)].join('/');
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) {
        const parent = [root, ...issue.path.slice(0, -1).map(String)].join('/');
        return `${parent} must have the property "${String(issue.path[issue.path.length - 1])}"`;
      }
      const article = issue.expected === 'int' || issue.expected === 'number' || issue.expected === 'object' || issue.expected === 'array' ? 'an' : 'a';
      const expected = issue.expected === 'number' || issue.expected === 'int' ? 'integer' : issue.expected;
      return `${path} must be ${article} ${expected}`;
    }
    case 'too_big':
      if (issue.origin === 'array') return `${path} must not have more than ${String(issue.maximum)} elements`;
      if (issue.origin === 'string') return `${path} must not be longer than ${String(issue.maximum)} characters`;
      return `${path} can not be greater than ${String(issue.maximum)}`;
    case 'too_small':
      if (issue.origin === 'array') return `${path} must not have fewer than ${String(issue.minimum)} elements`;
      if (issue.origin === 'string') return `${path} must not be shorter than ${String(issue.minimum)} characters`;
      return `${path} can not be less than ${String(issue.minimum)}`;
    default:
      return `${path} ${issue.message}`;
  }
}

function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, root: string): T {
  const result = schema.safeParse(value, { reportInput: true });
  if (result.success) return result.data;
  const [first] = result.error.issues;
  throw invalidRequest(first ? describeIssue(root, first) : `${root} is invalid`);
}

/** Query parameters of a call; names the method does not declare are ignored, as the PDS ignores them. */
export function parseParams<S extends ParamShape>(shape: S, query: URLSearchParams): z.infer<z.ZodObject<S>> {
  const raw: Record<string, string[]> = {};
  for (const name of Object.keys(shape)) {
    const values = query.getAll(name);
    if (values.length > 0) raw[name] = values;
  }
  return parseOrThrow(z.object(shape), raw, 'Params');
}

/** A JSON request body, validated against the method's input schema. */
export function parseInput<T>(schema: z.ZodType<T>, rawBody: string): T {
  let json: unknown;
  try {
    json = rawBody.length === 0 ? undefined : JSON.parse(rawBody);
  } catch {
    throw invalidRequest('Request body is not valid JSON');
  }
  if (json === undefined) throw invalidRequest('Request encoding (Content-Type) required but not provided');
  return parseOrThrow(schema, json, 'Input');
}

/** A record (or, with `root`, a part of one) inside createRecord's body, worded as the PDS words a record that fails its lexicon. */
export function parseRecord<T>(schema: z.ZodType<T>, value: unknown, collection: string, root = 'Record'): T {
  try {
    return parseOrThrow(schema, value, root);
  } catch (error) {
    if (error instanceof XrpcError) throw invalidRequest(`Invalid ${collection} record: ${error.body.message}`);
    throw error;
  }
}

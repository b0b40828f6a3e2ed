import { z } from 'zod';
import { invalidRequest, type InvalidParameter } from './problems.js';

/**
 * zod schemas for X's query and path parameters. Each takes the raw string from the URL and, when
 * it fails, carries the full message X writes for that failure, so the 400 body reads like X's.
 */
const ID_PATTERN = /^[0-9]{1,19}$/;
const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/;

const valueMessage = (name: string, input: unknown, reason: string): string => `The \`${name}\` query parameter value [${String(input)}] ${reason}`;

const requiredString = (name: string) => z.string({ error: () => `The \`${name}\` query parameter can not be empty` });

export const idParam = (name: string) =>
  requiredString(name).regex(ID_PATTERN, { error: (iss) => valueMessage(name, iss.input, `does not match ${ID_PATTERN.source}`) });

export const intRangeParam = (name: string, min: number, max: number) =>
  requiredString(name)
    .refine((raw) => /^\d+$/.test(raw) && Number(raw) >= min && Number(raw) <= max, {
      error: (iss) => valueMessage(name, iss.input, `is not between ${min} and ${max}`),
    })
    .transform(Number);

export const tokenParam = (name: string) => requiredString(name).min(1, { error: () => `The \`${name}\` query parameter can not be empty` });

export const dateTimeParam = (name: string) =>
  requiredString(name)
    .refine((raw) => RFC3339.test(raw) && !Number.isNaN(Date.parse(raw)), {
      error: (iss) => valueMessage(name, iss.input, 'is not a valid RFC3339 date-time'),
    })
    .transform((raw) => Date.parse(raw));

/** Comma-separated list whose every value must come from `allowed`; X reports each bad value. */
export const listParam = <T extends string>(name: string, allowed: readonly T[]) =>
  requiredString(name).transform((raw, ctx) => {
    const values = raw.split(',');
    for (const value of values) {
      if (!(allowed as readonly string[]).includes(value)) {
        ctx.addIssue({ code: 'custom', input: raw, message: valueMessage(name, value, `is not one of [${allowed.join(',')}]`) });
      }
    }
    return new Set(values as T[]);
  });

export const idListParam = (name: string, max: number) =>
  requiredString(name).transform((raw, ctx) => {
    const ids = raw.split(',');
    for (const id of ids) {
      if (!ID_PATTERN.test(id)) {
        ctx.addIssue({ code: 'custom', input: raw, message: valueMessage(name, id, `does not match ${ID_PATTERN.source}`) });
      }
    }
    if (ids.length > max) {
      ctx.addIssue({ code: 'custom', input: raw, message: `The \`${name}\` query parameter value [${raw}] has more than ${max} items` });
    }
    return ids;
  });

export type ParamShape = Record<string, z.ZodType<unknown, string | undefined>>;

/** Parse query or path parameters; unknown names and invalid values become X's 400 body. */
export function parseParams<S extends ParamShape>(shape: S, raw: Record<string, string>): z.infer<z.ZodObject<S>> {
  const errors: InvalidParameter[] = [];
  const known = Object.keys(shape);
  for (const name of Object.keys(raw)) {
    if (!known.includes(name)) {
      errors.push({ parameters: { [name]: [raw[name] ?? ''] }, message: `The query parameter [${name}] is not one of [${known.join(',')}]` });
    }
  }
  const result = z.object(shape).safeParse(raw);
  if (!result.success) {
    for (const issue of result.error.issues) {
      const name = String(issue.path[0] ?? '');
      errors.push({ parameters: { [name]: raw[name] === undefined ? [] : [raw[name]] }, message: issue.message });
    }
  }
  if (errors.length > 0 || !result.success) throw invalidRequest(errors);
  return result.data;
}

/** Parse a JSON request body; zod issues are reported the way X reports JSON-path errors. */
export function parseBody<T>(schema: z.ZodType<T>, rawBody: string): T {
  let json: unknown;
  try {
    json = rawBody.length === 0 ? undefined : JSON.parse(rawBody);
  } catch {
    throw invalidRequest([{ message: 'Request body is not valid JSON.' }]);
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    throw invalidRequest(result.error.issues.map((issue) => ({ message: `$${issue.path.map((p) => `.${String(p)}`).join('')}: ${issue.message}` })));
  }
  return result.data;
}

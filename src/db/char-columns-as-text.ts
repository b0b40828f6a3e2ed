import type pg from 'pg';

const charTypeId = 18; // PostgreSQL's internal one-byte "char" (pg_catalog columns such as relkind)
const textTypeId = 25;

/** Appended to the name of a "char" column reported as text, so the adapter can restore its type (see whole-script-pg-adapter.ts). */
export const charColumnMarker = '\u0000char';

/**
 * @prisma/adapter-pg 7.10 cannot map the catalog type "char", which the schema engine reads when
 * it describes a live database (diffs). node-postgres already returns those values as strings, so
 * the column is reported as text, its name marked; the adapter then reports it as a character,
 * which the engine requires when PostgreSQL 18 (and PGlite) list NOT NULL constraints.
 * Only result metadata changes; queries are untouched.
 */
export function reportCharColumnsAsText(pool: pg.Pool): pg.Pool {
  return new Proxy(pool, {
    get(target, property, receiver) {
      if (property === 'query') return (...args: unknown[]) => withTextChars((target.query as (...a: unknown[]) => unknown)(...args));
      if (property === 'connect') return () => target.connect().then(wrapClient);
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value.bind(target) as unknown) : value;
    },
  });
}

function wrapClient(client: pg.PoolClient): pg.PoolClient {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'query') return (...args: unknown[]) => withTextChars((target.query as (...a: unknown[]) => unknown)(...args));
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? (value.bind(target) as unknown) : value;
    },
  });
}

function withTextChars(result: unknown): unknown {
  if (!(result instanceof Promise)) return result;
  return result.then((value: unknown) => {
    for (const field of (value as { fields?: Array<{ dataTypeID: number; name: string }> } | undefined)?.fields ?? []) {
      if (field.dataTypeID !== charTypeId) continue;
      field.dataTypeID = textTypeId;
      field.name += charColumnMarker;
    }
    return value;
  });
}

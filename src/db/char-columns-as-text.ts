import type pg from 'pg';

const charTypeId = 18; // PostgreSQL's internal one-byte "char" (pg_catalog columns such as relkind)
const textTypeId = 25;

/**
 * @prisma/adapter-pg 7.10 cannot map the catalog type "char", which the schema engine reads when
 * it describes a live database (diffs). node-postgres already returns those values as strings, so
 * reporting the column as text is exact. Only result metadata changes; queries are untouched.
 */
export function reportCharColumnsAsText(pool: pg.Pool): pg.Pool {
  return new Proxy(pool, {
    get(target, property, receiver) {
      if (property === 'query') return (...args: unknown[]) => withTextChars((target.query as (...a: unknown[]) => unknown)(...args));
      if (property === 'connect') return () => target.connect().then(wrapClient);
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function wrapClient(client: pg.PoolClient): pg.PoolClient {
  return new Proxy(client, {
    get(target, property, receiver) {
      if (property === 'query') return (...args: unknown[]) => withTextChars((target.query as (...a: unknown[]) => unknown)(...args));
      const value: unknown = Reflect.get(target, property, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

function withTextChars(result: unknown): unknown {
  if (!(result instanceof Promise)) return result;
  return result.then((value: unknown) => {
    for (const field of (value as { fields?: Array<{ dataTypeID: number }> } | undefined)?.fields ?? []) {
      if (field.dataTypeID === charTypeId) field.dataTypeID = textTypeId;
    }
    return value;
  });
}

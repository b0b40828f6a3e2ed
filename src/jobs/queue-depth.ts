import type { ExecuteSql } from '../db/database.js';

/**
 * Jobs waiting (`created`, `retry`) or running (`active`) per job name, counted in pg-boss's own
 * table (schema `pgboss`); every listed job appears, with 0 when it has none.
 */
export async function readQueueDepth(executeSql: ExecuteSql, jobNames: readonly string[]): Promise<Array<{ job: string; state: string; count: number }>> {
  const { rows } = await executeSql(
    `select name, state::text as state, count(*)::int as count from pgboss.job where state in ('created', 'retry', 'active') group by name, state`,
    [],
  );
  const counted = new Map((rows as Array<{ name: string; state: string; count: number }>).map((row) => [`${row.name}/${row.state}`, Number(row.count)]));
  return jobNames.flatMap((job) => ['created', 'retry', 'active'].map((state) => ({ job, state, count: counted.get(`${job}/${state}`) ?? 0 })));
}

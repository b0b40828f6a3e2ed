import type { ExecuteSql } from '../db/database.js';

/** Of `queues`, those with a job that may run now (queued or to retry, its start time passed); pg-boss 10's schema `pgboss`. */
export async function readDueQueues(executeSql: ExecuteSql, queues: readonly string[]): Promise<string[]> {
  if (queues.length === 0) return [];
  const { rows } = await executeSql(
    `SELECT q.name FROM unnest($1::text[]) AS q(name)
     WHERE EXISTS (SELECT 1 FROM pgboss.job j WHERE j.name = q.name AND j.state < 'active' AND j.start_after < now())`,
    [queues],
  );
  return (rows as Array<{ name: string }>).map((row) => row.name);
}

import type PgBoss from 'pg-boss';
import type { ExecuteSql } from '../db/database.js';
import type { WorkerLiveness } from './worker-liveness.js';

/**
 * Fails (so pg-boss retries them at once) the jobs left `active` by a process that is gone: killed
 * or crashed while running them. Without this they would stay active until pg-boss's expiry, and
 * a job queued again for the same key would wait behind them.
 */
export async function failAbandonedJobs(executeSql: ExecuteSql, boss: PgBoss, liveness: WorkerLiveness): Promise<number> {
  const { rows } = await executeSql(`SELECT name, id, output->>'worker' AS worker FROM pgboss.job WHERE state = 'active'`);
  const gone = new Map<string | null, boolean>();
  let failed = 0;
  for (const { name, id, worker } of rows as Array<{ name: string; id: string; worker: string | null }>) {
    if (!gone.has(worker)) gone.set(worker, await liveness.isGone(worker));
    if (!gone.get(worker)) continue;
    await boss.fail(name, id, { message: 'abandoned: the process running it stopped before it finished' });
    failed += 1;
  }
  return failed;
}

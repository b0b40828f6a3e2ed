import type { ExecuteSql } from '../db/database.js';

/** One job taken from a queue: it is `active` in pg-boss's table until completed or failed. */
export interface ClaimedJob {
  id: string;
  data: unknown;
  /** 0 on the first attempt. */
  retryCount: number;
  singletonKey: string | null;
}

/**
 * pg-boss 10's own fetch takes the oldest queued job even when a job with the same key is still
 * active (a worker busy with it, or a dead process's job waiting to expire); making it active then
 * breaks the stately unique index, pg-boss swallows the error, and the fetch returns nothing: one
 * key blocks its whole queue. This claim skips keys that are active and takes the next job instead.
 * Same columns and state changes as pg-boss's fetch (schema `pgboss`, pg-boss 10), plus the
 * worker's id in `output`.
 */
const claimSql = `
  WITH next AS (
    SELECT id FROM pgboss.job j
    WHERE name = $1
      AND state < 'active'
      AND start_after < now()
      AND NOT (
        j.policy IN ('stately', 'singleton') AND EXISTS (
          SELECT 1 FROM pgboss.job a
          WHERE a.name = $1 AND a.state = 'active' AND COALESCE(a.singleton_key, '') = COALESCE(j.singleton_key, '')
        )
      )
    ORDER BY priority DESC, created_on, id
    LIMIT 1
    FOR UPDATE SKIP LOCKED
  )
  UPDATE pgboss.job j SET
    state = 'active',
    started_on = now(),
    retry_count = CASE WHEN j.started_on IS NOT NULL THEN j.retry_count + 1 ELSE j.retry_count END,
    -- Who runs it (see worker-liveness.ts); completing or failing the job replaces it.
    output = jsonb_build_object('worker', $2::text)
  FROM next
  WHERE j.name = $1 AND j.id = next.id
  RETURNING j.id, j.data, j.retry_count AS "retryCount", j.singleton_key AS "singletonKey"
`;

/**
 * Takes the next job of `queue` that may run now, if any. `contended` means another worker made a
 * job with the same key active at the same moment: nothing was taken, and trying again at once is right.
 */
export async function claimNextJob(executeSql: ExecuteSql, queue: string, workerId: string): Promise<ClaimedJob | 'contended' | undefined> {
  try {
    const { rows } = await executeSql(claimSql, [queue, workerId]);
    return rows[0] as ClaimedJob | undefined;
  } catch (error) {
    if ((error as { code?: unknown }).code === '23505') return 'contended';
    throw error;
  }
}

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { Database } from '../../src/db/database.js';
import { claimNextJob } from '../../src/jobs/claim-next-job.js';
import { startJobQueue, type JobDefinition, type JobQueue } from '../../src/jobs/job-queue.js';
import { holdWorkerLiveness, type WorkerLiveness } from '../../src/jobs/worker-liveness.js';
import { createLogger } from '../../src/log/create-logger.js';
import { eventually } from '../support/earshot-harness.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from '../support/test-databases.js';

// Expiry far beyond any test: a job that runs again here was recovered, not expired.
const keyedJob: JobDefinition<{ n: number }> = {
  name: 'test-keyed',
  schema: z.object({ n: z.number() }),
  policy: 'stately',
  retryLimit: 3,
  retryDelaySeconds: 1,
  expireInSeconds: 3600,
};

const logger = createLogger({ level: 'silent' });

async function activeJobs(db: Database): Promise<Array<{ key: string; worker: string | null }>> {
  const { rows } = await db.executeSql(`SELECT singleton_key AS key, output->>'worker' AS worker FROM pgboss.job WHERE name = $1 AND state = 'active'`, [
    keyedJob.name,
  ]);
  return rows as Array<{ key: string; worker: string | null }>;
}

describe.each(databaseKinds)('job queue (%s)', (kind) => {
  let test: TestDatabase;
  let db: Database;
  const queues: JobQueue[] = [];
  const start = async () => {
    const queue = await startJobQueue(db, logger, [keyedJob], { pollingIntervalSeconds: 0.2 });
    queues.push(queue);
    return queue;
  };

  beforeEach(async () => {
    test = await createTestDatabase(kind);
    db = await test.open();
  });
  afterEach(async () => {
    for (const queue of queues.splice(0)) await queue.stop();
    await db.close();
    await test.drop();
  });

  it('retries at start-up the jobs a stopped process left running, and the key queued again does not wait for their expiry', async () => {
    const before = await start();
    await before.send(keyedJob, { n: 1 }, { key: 'K' });
    // A process takes the job and dies (its id names no live process).
    expect(await claimNextJob(db.executeSql, keyedJob.name, 'a-process-that-was-killed')).toMatchObject({ singletonKey: 'K' });
    await before.stop();

    const after = await start();
    const ran: number[] = [];
    await after.work(keyedJob, async ({ n }) => void ran.push(n));
    await after.send(keyedJob, { n: 2 }, { key: 'K' });
    await eventually(() => ran.includes(1) && ran.includes(2), 'both the abandoned job and the one queued again');
    expect(await activeJobs(db)).toEqual([]);
  });

  it('runs each job on its own: a job that hangs holds back only later jobs with its key', async () => {
    const queue = await start();
    let release!: () => void;
    const hanging = new Promise<void>((resolve) => (release = resolve));
    const ran: number[] = [];
    await queue.work(keyedJob, async ({ n }) => {
      ran.push(n);
      if (n === 1) await hanging;
    });
    await queue.send(keyedJob, { n: 1 }, { key: 'K' });
    await eventually(() => ran.includes(1), 'the first job to start');
    await queue.send(keyedJob, { n: 2 }, { key: 'K' });
    await queue.send(keyedJob, { n: 3 }, { key: 'L' });
    await eventually(() => ran.includes(3), 'the job with another key, while the first still runs');
    expect(ran).not.toContain(2);
    release();
    await eventually(() => ran.includes(2), 'the second job with the key, once the first is done');
  });

  it('runs a job that comes due later although nothing in this process announces it', async () => {
    const queue = await start();
    const ran: number[] = [];
    await queue.work(keyedJob, async ({ n }) => void ran.push(n));
    // Queued for later, as a retry or a rate-limited job is: only the periodic look for due work finds it.
    await queue.send(keyedJob, { n: 1 }, { key: 'K', startAfter: new Date(Date.now() + 500) });
    await eventually(() => ran.includes(1), 'the job once its start time has passed');
  });

  it.runIf(kind === 'postgresql')('leaves alone the running jobs of a replica that is alive, and runs other keys meanwhile', async () => {
    const replica: WorkerLiveness = await holdWorkerLiveness(test.location.databaseUrl!, logger);
    try {
      const queue = await start();
      await queue.send(keyedJob, { n: 1 }, { key: 'K' });
      await claimNextJob(db.executeSql, keyedJob.name, replica.workerId);
      const restarted = await start();
      const ran: number[] = [];
      await restarted.work(keyedJob, async ({ n }) => void ran.push(n));
      await restarted.send(keyedJob, { n: 2 }, { key: 'L' });
      await eventually(() => ran.includes(2), 'the job with another key');
      expect(ran).not.toContain(1);
      expect(await activeJobs(db)).toEqual([{ key: 'K', worker: replica.workerId }]);
    } finally {
      await replica.close();
    }
  });

  it.runIf(kind === 'postgresql')('a process whose liveness session is cut takes its lock again, and is then not taken for gone', async () => {
    const replica = await holdWorkerLiveness(test.location.databaseUrl!, logger);
    const checker = await holdWorkerLiveness(test.location.databaseUrl!, logger);
    try {
      // Earshot's liveness locks in this test's database only (other databases on the server are someone else's).
      const cut = `SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_locks
        WHERE locktype = 'advisory' AND granted AND classid = ${0x45415253}::oid AND pid <> pg_backend_pid()
          AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`;
      expect(await checker.isGone(replica.workerId)).toBe(false);
      await db.executeSql(cut);
      const again = await holdWorkerLiveness(test.location.databaseUrl!, logger);
      try {
        await eventually(async () => !(await again.isGone(replica.workerId)), 'the replica to hold its lock again');
      } finally {
        await again.close();
      }
    } finally {
      await Promise.all([replica.close(), checker.close()]);
    }
  });
});

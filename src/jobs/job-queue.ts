import PgBoss from 'pg-boss';
import type { ZodType } from 'zod';
import type { Database } from '../db/database.js';
import { withCorrelation, type Logger } from '../log/create-logger.js';

/** A durable job type: its name, payload schema, and how it is queued. */
export interface JobDefinition<Payload> {
  name: string;
  schema: ZodType<Payload>;
  /**
   * `stately`: at most one queued and one running job per key (a "bring X up to date" job);
   * `standard`: every job runs.
   */
  policy: 'stately' | 'standard';
  retryLimit: number;
  /** Seconds before the first retry; doubled on each further retry. */
  retryDelaySeconds: number;
  /** A running job not finished by then is treated as crashed and retried. */
  expireInSeconds: number;
}

export type JobHandler<Payload> = (payload: Payload, context: { logger: Logger; attempt: number }) => Promise<void>;

export interface JobQueue {
  send<Payload>(job: JobDefinition<Payload>, payload: Payload, options?: { key?: string; startAfter?: Date }): Promise<void>;
  work<Payload>(job: JobDefinition<Payload>, handler: JobHandler<Payload>): Promise<void>;
  /** Queues the job on a cron schedule (one job per tick, whatever the number of replicas); replaces an earlier schedule. */
  schedule<Payload>(job: JobDefinition<Payload>, cron: string, payload: Payload, options?: { tz?: string }): Promise<void>;
  /** Removes the job's schedule, if any. */
  unschedule(job: Pick<JobDefinition<unknown>, 'name'>): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The durable outbox: pg-boss in the same database as everything else (its own `pgboss` schema),
 * so a job queued survives crashes and restarts, and several replicas can share one PostgreSQL.
 */
export async function startJobQueue(
  db: Database,
  logger: Logger,
  jobs: ReadonlyArray<Omit<JobDefinition<unknown>, 'schema'>>,
  options: { pollingIntervalSeconds?: number } = {},
): Promise<JobQueue> {
  const boss = new PgBoss({
    ...(db.connectionString
      ? { connectionString: db.connectionString, max: 5 }
      : { db: { executeSql: (text: string, values: unknown[]) => db.executeSql(text, values) } }),
    // How soon a job whose worker died (crash, kill) is noticed as expired and retried.
    maintenanceIntervalSeconds: 10,
  });
  boss.on('error', (error) => logger.error({ err: error }, 'job queue error'));
  await boss.start();
  for (const job of jobs) {
    await boss.createQueue(job.name, {
      name: job.name,
      policy: job.policy,
      retryLimit: job.retryLimit,
      retryDelay: job.retryDelaySeconds,
      retryBackoff: true,
      expireInSeconds: job.expireInSeconds,
    });
  }
  const pollingIntervalSeconds = options.pollingIntervalSeconds ?? 1;
  /** Jobs fetched together and run concurrently (each keyed conversation or message at most once). */
  const batchSize = 10;
  const workerIds = new Map<string, string>();

  return {
    async send(job, payload, { key, startAfter } = {}) {
      await boss.send(job.name, job.schema.parse(payload) as object, {
        ...(key ? { singletonKey: key } : {}),
        ...(startAfter ? { startAfter } : {}),
      });
      // Work queued in this process starts now rather than at the worker's next poll.
      const workerId = workerIds.get(job.name);
      if (workerId && !startAfter) boss.notifyWorker(workerId);
    },

    async work(job, handler) {
      const run = async (received: PgBoss.JobWithMetadata<unknown>) => {
        const jobLogger = withCorrelation(logger, 'jobId', received.id).child({ job: job.name, attempt: received.retryCount });
        const parsed = job.schema.safeParse(received.data);
        if (!parsed.success) {
          // A malformed payload will not improve with retries: cancelled, it stays in pg-boss's table for inspection.
          jobLogger.error({ problem: parsed.error.message, payload: received.data }, 'job payload is invalid; cancelled');
          await boss.cancel(job.name, received.id);
          return;
        }
        try {
          await handler(parsed.data, { logger: jobLogger, attempt: received.retryCount });
        } catch (error) {
          jobLogger.warn({ err: error }, 'job failed; pg-boss will retry it if attempts remain');
          await boss.fail(job.name, received.id, error instanceof Error ? { message: error.message } : { message: String(error) });
        }
      };
      const workerId = await boss.work<unknown>(job.name, { pollingIntervalSeconds, includeMetadata: true, batchSize }, async (batch) => {
        // Each job succeeds or fails on its own; pg-boss then completes those still active.
        await Promise.all(batch.map(run));
        // pg-boss waits out the polling interval after every fetch, even a fruitful one: drain the queue now.
        if (batch.length > 0) boss.notifyWorker(workerId);
      });
      workerIds.set(job.name, workerId);
    },

    async schedule(job, cron, payload, { tz } = {}) {
      await boss.schedule(job.name, cron, job.schema.parse(payload) as object, tz ? { tz } : {});
    },

    async unschedule(job) {
      await boss.unschedule(job.name);
    },

    async stop() {
      await boss.stop({ graceful: true, timeout: 5_000, wait: true });
    },
  };
}

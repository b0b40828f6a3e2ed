import PgBoss from 'pg-boss';
import type { ZodType } from 'zod';
import type { Database } from '../db/database.js';
import { withCorrelation, type Logger } from '../log/create-logger.js';
import { claimNextJob, type ClaimedJob } from './claim-next-job.js';
import { readDueQueues } from './due-queues.js';
import { watchDueWork } from './due-work-watcher.js';
import { failAbandonedJobs } from './fail-abandoned-jobs.js';
import { startQueueWorker, type QueueWorker } from './queue-worker.js';
import { holdWorkerLiveness, soleWorkerLiveness } from './worker-liveness.js';

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
  /** How many of these jobs one process runs at once (default 10); each runs on its own. */
  concurrency?: number;
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

export interface StartJobQueueOptions {
  /** How often idle queues are looked at, all in one query, for work not queued by this process (seconds, default 1). */
  pollingIntervalSeconds?: number;
  /** When a job failed only because a service asked to wait (a rate limit), until when; the job is then queued again for that time. */
  retryAtOf?: (error: unknown) => Date | undefined;
}

const defaultConcurrency = 10;
const recoverEveryMs = 15_000;

/**
 * The durable outbox: pg-boss in the same database as everything else (its own `pgboss` schema),
 * so a job queued survives crashes and restarts, and several replicas can share one PostgreSQL.
 */
export async function startJobQueue(
  db: Database,
  logger: Logger,
  jobs: ReadonlyArray<Omit<JobDefinition<unknown>, 'schema'>>,
  options: StartJobQueueOptions = {},
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
  const liveness = db.connectionString ? await holdWorkerLiveness(db.connectionString, logger) : soleWorkerLiveness();
  const recoverAbandoned = async () => {
    const abandoned = await failAbandonedJobs(db.executeSql, boss, liveness);
    if (abandoned > 0) logger.info({ jobs: abandoned }, 'retrying the jobs a stopped process left unfinished');
  };
  await recoverAbandoned();
  // Another replica may die while this one runs (PostgreSQL).
  const recoverTimer = db.connectionString
    ? setInterval(() => void recoverAbandoned().catch((error: unknown) => logger.error({ err: error }, 'could not look for abandoned jobs')), recoverEveryMs)
    : undefined;
  const workers = new Map<string, QueueWorker>();
  const watcher = watchDueWork({
    readDue: () => readDueQueues(db.executeSql, [...workers.keys()]),
    onDue: (queue) => workers.get(queue)?.notify(),
    intervalMs: (options.pollingIntervalSeconds ?? 1) * 1000,
    onError: (error) => logger.error({ err: error }, 'could not look for queued jobs'),
  });

  const send: JobQueue['send'] = async (job, payload, { key, startAfter } = {}) => {
    await boss.send(job.name, job.schema.parse(payload) as object, {
      ...(key ? { singletonKey: key } : {}),
      ...(startAfter ? { startAfter } : {}),
    });
    // Work queued in this process starts now rather than at the worker's next poll.
    if (!startAfter) workers.get(job.name)?.notify();
  };

  return {
    send,

    async work(job, handler) {
      const run = async (claimed: ClaimedJob) => {
        const jobLogger = withCorrelation(logger, 'jobId', claimed.id).child({ job: job.name, attempt: claimed.retryCount });
        try {
          const parsed = job.schema.safeParse(claimed.data);
          if (!parsed.success) {
            // A malformed payload will not improve with retries: cancelled, it stays in pg-boss's table for inspection.
            jobLogger.error({ problem: parsed.error.message, payload: claimed.data }, 'job payload is invalid; cancelled');
            await boss.cancel(job.name, claimed.id);
            return;
          }
          try {
            await handler(parsed.data, { logger: jobLogger, attempt: claimed.retryCount });
            await boss.complete(job.name, claimed.id);
          } catch (error) {
            const retryAt = options.retryAtOf?.(error);
            if (retryAt) {
              // Waiting is not failing: the same job is queued again for when the service allows it, attempts untouched.
              jobLogger.info({ retryAt }, 'rate-limited; queued again for when the limit allows');
              await send(job, parsed.data, { ...(claimed.singletonKey ? { key: claimed.singletonKey } : {}), startAfter: retryAt });
              await boss.complete(job.name, claimed.id);
              return;
            }
            jobLogger.warn({ err: error }, 'job failed; pg-boss will retry it if attempts remain');
            await boss.fail(job.name, claimed.id, error instanceof Error ? { message: error.message } : { message: String(error) });
          }
        } catch (error) {
          // The job stays active in the table; pg-boss's expiry retries it.
          jobLogger.error({ err: error }, 'could not record the outcome of a job');
        }
      };
      workers.set(
        job.name,
        startQueueWorker({
          claim: () => claimNextJob(db.executeSql, job.name, liveness.workerId),
          run,
          concurrency: job.concurrency ?? defaultConcurrency,
          onClaimError: (error) => logger.error({ err: error, job: job.name }, 'could not take a job from the queue'),
        }),
      );
    },

    async schedule(job, cron, payload, { tz } = {}) {
      await boss.schedule(job.name, cron, job.schema.parse(payload) as object, tz ? { tz } : {});
    },

    async unschedule(job) {
      await boss.unschedule(job.name);
    },

    async stop() {
      clearInterval(recoverTimer);
      await watcher.stop();
      await Promise.all([...workers.values()].map((worker) => worker.stop(5_000)));
      await boss.stop({ graceful: true, timeout: 5_000, wait: true });
      await liveness.close();
    },
  };
}

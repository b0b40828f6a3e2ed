import type { JobDefinition, JobQueue } from '../../src/jobs/job-queue.js';

export interface SentJob {
  job: string;
  payload: unknown;
  key?: string;
  startAfter?: Date;
}

/** A job queue that only records what was sent; `failNext` makes the next sends throw, as a process dying there would. */
export function recordingQueue() {
  const sent: SentJob[] = [];
  let failures = 0;
  const queue = {
    async send<Payload>(job: JobDefinition<Payload>, payload: Payload, options: { key?: string; startAfter?: Date } = {}) {
      if (failures > 0) {
        failures -= 1;
        throw new Error(`the job queue is unreachable (${job.name})`);
      }
      sent.push({ job: job.name, payload, ...options });
    },
  } as JobQueue;
  return {
    queue,
    sent,
    failNext(count = 1) {
      failures = count;
    },
  };
}

import type { JobQueue } from './job-queue.js';

export interface InstrumentedJobQueue extends JobQueue {
  /** When a worker last finished a job (done or failed); undefined before the first. */
  readonly lastActivityAt: () => Date | undefined;
}

export type JobObserver = (job: string, outcome: 'completed' | 'failed', seconds: number) => void;

/** The queue, with every handler timed and its end recorded: the workers' liveness, and metrics. */
export function instrumentJobQueue(queue: JobQueue, observe: JobObserver = () => undefined): InstrumentedJobQueue {
  let lastActivityAt: Date | undefined;
  return {
    ...queue,
    work: (job, handler) =>
      queue.work(job, async (payload, context) => {
        const started = performance.now();
        let outcome: 'completed' | 'failed' = 'failed';
        try {
          await handler(payload, context);
          outcome = 'completed';
        } finally {
          lastActivityAt = new Date();
          observe(job.name, outcome, (performance.now() - started) / 1000);
        }
      }),
    lastActivityAt: () => lastActivityAt,
  };
}

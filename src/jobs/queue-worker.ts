import type { ClaimedJob } from './claim-next-job.js';

export interface QueueWorker {
  /** New work may be waiting: look now. An idle worker looks only when told (see due-work-watcher.ts). */
  notify(): void;
  /** Takes no more jobs and waits up to `timeoutMs` for the running ones. */
  stop(timeoutMs: number): Promise<void>;
}

export interface QueueWorkerOptions {
  /** Takes the next job that may run now (`contended`: try again at once). */
  claim: () => Promise<ClaimedJob | 'contended' | undefined>;
  /** Runs one job to its end (completes or fails it); never rejects. */
  run: (job: ClaimedJob) => Promise<void>;
  /** Jobs of this queue running at once in this process. */
  concurrency: number;
  onClaimError: (error: unknown) => void;
}

/**
 * Takes a queue's jobs one at a time and runs each on its own, up to `concurrency` at once: a slow
 * job (a rate-limited call, a hanging server) holds one slot, never the jobs claimed with or after it.
 */
export function startQueueWorker({ claim, run, concurrency, onClaimError }: QueueWorkerOptions): QueueWorker {
  const running = new Set<Promise<void>>();
  let stopping = false;
  let notified = false;
  let wake: (() => void) | undefined;

  const notify = () => {
    notified = true;
    wake?.();
  };
  /** Until a notification, the stop, or one of `jobs` ending. */
  const pause = (jobs: Iterable<Promise<void>>) =>
    new Promise<void>((resolve) => {
      wake = done;
      for (const job of jobs) void job.then(done);
      function done() {
        wake = undefined;
        resolve();
      }
    });

  const loop = (async () => {
    while (!stopping) {
      if (running.size >= concurrency) {
        await pause(running);
        continue;
      }
      notified = false;
      let claimed: ClaimedJob | 'contended' | undefined;
      try {
        claimed = await claim();
      } catch (error) {
        onClaimError(error);
      }
      if (claimed === 'contended') continue;
      if (claimed) {
        const job = run(claimed).finally(() => {
          running.delete(job);
          // A job with the same key may have been waiting for this one.
          notify();
        });
        running.add(job);
        continue;
      }
      if (!notified && !stopping) await pause([]);
    }
  })();

  return {
    notify,
    async stop(timeoutMs) {
      stopping = true;
      wake?.();
      await loop;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise<void>((resolve) => (timer = setTimeout(resolve, timeoutMs)));
      await Promise.race([Promise.all(running), timeout]);
      clearTimeout(timer);
    },
  };
}

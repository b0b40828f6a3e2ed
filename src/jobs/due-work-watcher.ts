import { setTimeout as sleep } from 'node:timers/promises';

export interface DueWorkWatcher {
  stop(): Promise<void>;
}

export interface DueWorkWatcherOptions {
  /** The queues that have work that may run now. */
  readDue: () => Promise<string[]>;
  /** Called for each of them. */
  onDue: (queue: string) => void;
  intervalMs: number;
  onError: (error: unknown) => void;
}

/**
 * One look per interval for work nobody in this process announced (queued by another replica, a
 * retry or a cron tick coming due), on behalf of every queue: idle workers then wait to be told
 * instead of each asking the database every interval, which on the embedded database's single
 * connection meant a query every ~90 ms doing nothing.
 */
export function watchDueWork({ readDue, onDue, intervalMs, onError }: DueWorkWatcherOptions): DueWorkWatcher {
  const stopping = new AbortController();
  const loop = (async () => {
    while (!stopping.signal.aborted) {
      const waited = await sleep(intervalMs, true, { signal: stopping.signal }).catch(() => false);
      if (!waited) break;
      try {
        for (const queue of await readDue()) onDue(queue);
      } catch (error) {
        onError(error);
      }
    }
  })();
  return {
    async stop() {
      stopping.abort();
      await loop;
    },
  };
}

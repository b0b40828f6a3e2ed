import { setTimeout as sleep } from 'node:timers/promises';
import { toXFailure } from '../channels/x/x-failure.js';
import { classifyXError } from '../domain/x-errors.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { syncThreadJob } from '../jobs/jobs.js';
import { withCorrelation, type Logger } from '../log/create-logger.js';

export interface PollingLoop {
  /** Polls now (tests and the sandbox); resolves with the delay before the next poll. */
  pollOnce(): Promise<number>;
  stop(): Promise<void>;
}

export interface PollingLoopOptions {
  /** What is read, for log lines: "mentions", "direct messages". */
  what: string;
  intervalMs: number;
  logger: Logger;
  queue: JobQueue;
  /** Reads from X and stores; resolves with the conversations whose Slack thread must follow. */
  poll: (logger: Logger) => Promise<Set<string>>;
}

const firstRetryMs = 2_000;
const maxBackoffMs = 15 * 60_000;

/**
 * Runs a poll of X until stopped: one at a time (a poll asked for while one runs starts after it),
 * every `intervalMs`; after a rate limit, nothing is read before X's reset; after other failures
 * it retries soon (a read is safe to repeat), then backs off.
 */
export function startPollingLoop(options: PollingLoopOptions): PollingLoop {
  const stopping = new AbortController();
  let consecutiveFailures = 0;
  let resumeAt = 0;
  let running: Promise<number> = Promise.resolve(0);

  async function pollNow(): Promise<number> {
    const logger = withCorrelation(options.logger, 'pollId');
    if (Date.now() < resumeAt) return resumeAt - Date.now();
    try {
      const changed = await options.poll(logger);
      for (const conversationId of changed) await options.queue.send(syncThreadJob, { conversationId }, { key: conversationId });
      consecutiveFailures = 0;
      return options.intervalMs;
    } catch (error) {
      consecutiveFailures += 1;
      const failure = classifyXError(toXFailure(error));
      if (failure.retryAt) {
        resumeAt = failure.retryAt.getTime();
        logger.warn({ kind: failure.kind, resumeAt: failure.retryAt.toISOString() }, `X rate limit reached: reading ${options.what} resumes after the reset`);
        return Math.max(1_000, resumeAt - Date.now());
      }
      const backoff = Math.min(maxBackoffMs, firstRetryMs * 2 ** Math.min(consecutiveFailures - 1, 10));
      const retryable = failure.retryable || failure.kind === 'timeout_unknown_outcome';
      const reason = failure.kind === 'timeout_unknown_outcome' ? 'X did not answer (timeout or dropped connection)' : failure.plainMessage;
      logger[retryable ? 'warn' : 'error']({ kind: failure.kind, err: error, retryInMs: backoff }, `reading ${options.what} from X failed: ${reason}`);
      return backoff;
    }
  }

  const pollOnce = (): Promise<number> => {
    running = running.then(pollNow, pollNow);
    return running;
  };

  const loop = (async () => {
    while (!stopping.signal.aborted) {
      const delay = await pollOnce();
      await sleep(delay, undefined, { signal: stopping.signal }).catch(() => undefined);
    }
  })();

  return {
    pollOnce,
    async stop() {
      stopping.abort();
      await loop;
    },
  };
}

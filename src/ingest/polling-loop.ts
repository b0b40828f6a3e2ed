import { setTimeout as sleep } from 'node:timers/promises';
import type { Network } from '../channels/network.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { syncThreadJob } from '../jobs/jobs.js';
import { withCorrelation, type Logger } from '../log/create-logger.js';

export interface PollingLoop {
  /** Polls now (tests and the sandbox); resolves with the delay before the next poll. */
  pollOnce(): Promise<number>;
  /** Liveness, for /healthz. */
  state(): PollingState;
  /** Abandons a poll still running (it stores nothing more) and stops. */
  stop(): Promise<void>;
}

export interface PollingState {
  /** When the loop started: this replica may have taken over from another long after its own start. */
  startedAt: Date;
  /** When the last successful poll finished; undefined before the first. */
  lastSuccessAt: Date | undefined;
  /** Set while nothing is read until the network's rate-limit reset. */
  rateLimitedUntil: Date | undefined;
}

export interface PollingLoopOptions {
  /** Whose failures are classified, and named in log lines. */
  network: Network;
  /** What is read, for log lines: "mentions", "direct messages". */
  what: string;
  intervalMs: number;
  /** A poll still running after this long is abandoned (its signal aborts) and counts as failed. */
  deadlineMs: number;
  logger: Logger;
  queue: JobQueue;
  /**
   * Reads from the network and stores; resolves with the conversations whose Slack thread must follow. Once
   * `abandoned` aborts, the next poll may already be running: store nothing more (the cursor above all).
   */
  poll: (logger: Logger, abandoned: AbortSignal) => Promise<Set<string>>;
  /** Told of every poll's outcome (metrics). */
  onPollFinished?: (outcome: { failureKind?: string }) => void;
}

/** A poll that outlived its deadline; the loop has moved on without it. */
export class PollAbandonedError extends Error {
  /** Read by the networks' error classifiers: like a timeout, the poll's outcome is unknown and a later read repeats it. */
  readonly code = 'ETIMEDOUT';
  constructor(what: string, deadlineMs: number) {
    super(`the poll of ${what} took longer than ${deadlineMs} ms and was abandoned`);
    this.name = 'PollAbandonedError';
  }
}

const firstRetryMs = 2_000;
const maxBackoffMs = 15 * 60_000;

/**
 * Runs a poll of a network until stopped: one at a time (a poll asked for while one runs starts after it),
 * every `intervalMs`; after a rate limit, nothing is read before the network's reset; after other failures
 * it retries soon (a read is safe to repeat), then backs off.
 */
export function startPollingLoop(options: PollingLoopOptions): PollingLoop {
  const { network } = options;
  const stopping = new AbortController();
  const startedAt = new Date();
  let consecutiveFailures = 0;
  let resumeAt = 0;
  let lastSuccessAt: Date | undefined;
  let running: Promise<number> = Promise.resolve(0);

  async function pollNow(): Promise<number> {
    const logger = withCorrelation(options.logger, 'pollId');
    if (Date.now() < resumeAt) return resumeAt - Date.now();
    try {
      const changed = await withDeadline(
        options.deadlineMs,
        stopping.signal,
        (abandoned) => options.poll(logger, abandoned),
        () => new PollAbandonedError(options.what, options.deadlineMs),
      );
      for (const conversationId of changed) await options.queue.send(syncThreadJob, { conversationId }, { key: conversationId });
      consecutiveFailures = 0;
      lastSuccessAt = new Date();
      options.onPollFinished?.({});
      return options.intervalMs;
    } catch (error) {
      if (stopping.signal.aborted) return 0;
      consecutiveFailures += 1;
      const failure = network.classifyError(error);
      options.onPollFinished?.({ failureKind: error instanceof PollAbandonedError ? 'abandoned' : failure.kind });
      if (failure.retryAt) {
        resumeAt = failure.retryAt.getTime();
        logger.warn(
          { kind: failure.kind, resumeAt: failure.retryAt.toISOString() },
          `${network.name} rate limit reached: reading ${options.what} resumes after the reset`,
        );
        return Math.max(1_000, resumeAt - Date.now());
      }
      const backoff = Math.min(maxBackoffMs, firstRetryMs * 2 ** Math.min(consecutiveFailures - 1, 10));
      const retryable = failure.retryable || failure.kind === 'timeout_unknown_outcome';
      const reason =
        error instanceof PollAbandonedError
          ? `it took longer than ${options.deadlineMs} ms (the ${network.name} poll timeout) and was abandoned`
          : failure.kind === 'timeout_unknown_outcome'
            ? `${network.name} did not answer (timeout or dropped connection)`
            : failure.plainMessage;
      logger[retryable ? 'warn' : 'error'](
        { kind: failure.kind, err: error, retryInMs: backoff },
        `reading ${options.what} from ${network.name} failed: ${reason}`,
      );
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
    state: () => ({ startedAt, lastSuccessAt, rateLimitedUntil: resumeAt > Date.now() ? new Date(resumeAt) : undefined }),
    async stop() {
      stopping.abort();
      await loop;
    },
  };
}

/**
 * Runs `work`, but settles no later than `deadlineMs`, or than `stopped` aborting (another replica
 * may take over the poll at once): then `abandoned` aborts and the result is left behind.
 */
async function withDeadline<T>(deadlineMs: number, stopped: AbortSignal, work: (abandoned: AbortSignal) => Promise<T>, timedOut: () => Error): Promise<T> {
  const abandon = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  let onStopped: (() => void) | undefined;
  const deadline = new Promise<never>((_resolve, reject) => {
    const giveUp = (error: Error) => {
      abandon.abort(error);
      reject(error);
    };
    timer = setTimeout(() => giveUp(timedOut()), deadlineMs);
    onStopped = () => giveUp(new Error('the poll was stopped'));
    if (stopped.aborted) onStopped();
    else stopped.addEventListener('abort', onStopped, { once: true });
  });
  const working = work(abandon.signal);
  // An abandoned poll may still fail later; nobody is waiting for it any more.
  working.catch(() => undefined);
  try {
    return await Promise.race([working, deadline]);
  } finally {
    clearTimeout(timer);
    if (onStopped) stopped.removeEventListener('abort', onStopped);
  }
}

import { setTimeout as sleep } from 'node:timers/promises';

/** A benchmark stage that did not finish in its time budget; the run reports it and fails. */
export class StageTimeoutError extends Error {
  constructor(
    readonly stage: string,
    readonly timeoutMs: number,
  ) {
    super(`stage "${stage}" did not finish within ${(timeoutMs / 1000).toFixed(0)} s`);
    this.name = 'StageTimeoutError';
  }
}

/** Runs `work`, failing with StageTimeoutError after `timeoutMs`; `signal` tells the work to give up. */
export async function withinTime<T>(stage: string, timeoutMs: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController();
  const timedOut = new StageTimeoutError(stage, timeoutMs);
  const timer = setTimeout(() => controller.abort(timedOut), timeoutMs);
  const expired = new Promise<never>((_, reject) => controller.signal.addEventListener('abort', () => reject(timedOut)));
  try {
    return await Promise.race([work(controller.signal), expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Polls `probe` until it returns true, or until `signal` aborts. */
export async function waitUntil(probe: () => boolean, signal: AbortSignal, everyMs = 50): Promise<void> {
  while (!probe()) {
    signal.throwIfAborted();
    await sleep(everyMs);
  }
}

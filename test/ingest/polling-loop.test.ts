import { afterEach, describe, expect, it } from 'vitest';
import { xNetwork } from '../../src/channels/x/x-network.js';
import { startPollingLoop, type PollingLoop } from '../../src/ingest/polling-loop.js';
import type { JobQueue } from '../../src/jobs/job-queue.js';
import { createLogger } from '../../src/log/create-logger.js';

const queued: string[] = [];
const queue: JobQueue = {
  send: async (_job, payload) => void queued.push(JSON.stringify(payload)),
  work: async () => undefined,
  schedule: async () => undefined,
  unschedule: async () => undefined,
  stop: async () => undefined,
};

describe('startPollingLoop', () => {
  let loop: PollingLoop | undefined;
  afterEach(async () => {
    await loop?.stop();
    queued.length = 0;
  });

  it('abandons a poll still pending after its deadline, so the next poll runs and stores nothing late', async () => {
    const signals: AbortSignal[] = [];
    const outcomes: Array<{ failureKind?: string }> = [];
    let calls = 0;
    loop = startPollingLoop({
      network: xNetwork,
      what: 'mentions',
      intervalMs: 3_600_000,
      deadlineMs: 50,
      logger: createLogger({ level: 'silent' }),
      queue,
      onPollFinished: (outcome) => outcomes.push(outcome),
      poll: async (_logger, abandoned) => {
        signals.push(abandoned);
        calls += 1;
        // The first read never answers, like X with a hung connection.
        if (calls === 1) return new Promise<Set<string>>(() => undefined);
        return new Set(['conversation-1']);
      },
    });
    expect(loop.state().lastSuccessAt).toBeUndefined();

    // Queued behind the hung poll: it runs only once that one is abandoned.
    const delay = await loop.pollOnce();
    expect(calls).toBe(2);
    expect(signals[0]?.aborted).toBe(true);
    expect(signals[1]?.aborted).toBe(false);
    expect(outcomes).toEqual([{ failureKind: 'abandoned' }, {}]);
    expect(delay).toBe(3_600_000);
    expect(loop.state().lastSuccessAt).toBeInstanceOf(Date);
    expect(queued).toEqual([JSON.stringify({ conversationId: 'conversation-1' })]);
  });

  it('reports a failed poll to its observer by kind, and keeps the last success', async () => {
    const outcomes: Array<{ failureKind?: string }> = [];
    let fail = false;
    loop = startPollingLoop({
      network: xNetwork,
      what: 'mentions',
      intervalMs: 3_600_000,
      deadlineMs: 60_000,
      logger: createLogger({ level: 'silent' }),
      queue,
      onPollFinished: (outcome) => outcomes.push(outcome),
      poll: async () => {
        if (fail) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
        return new Set<string>();
      },
    });
    await loop.pollOnce();
    const succeededAt = loop.state().lastSuccessAt;
    fail = true;
    await loop.pollOnce();
    expect(outcomes.at(-1)).toEqual({ failureKind: 'timeout_unknown_outcome' });
    expect(loop.state().lastSuccessAt).toBe(succeededAt);
  });
});

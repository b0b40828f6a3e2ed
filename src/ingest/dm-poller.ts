import { setTimeout as sleep } from 'node:timers/promises';
import type { SocialChannel } from '../channels/social-channel.js';
import { toXFailure } from '../channels/x/x-failure.js';
import { compareIds } from '../channels/x/x-dm.js';
import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/prisma-errors.js';
import { classifyXError } from '../domain/x-errors.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { syncThreadJob } from '../jobs/jobs.js';
import { withCorrelation, type Logger } from '../log/create-logger.js';
import { ingestDirectMessages } from './dm-ingest.js';
import type { WatchedAccount } from './ingest-posts.js';

export interface DmPollerDependencies {
  prisma: Database['prisma'];
  channel: SocialChannel;
  queue: JobQueue;
  logger: Logger;
  account: WatchedAccount;
  /** The mention poll interval; DMs are read no more often than X's DM limit allows. */
  intervalMs: number;
}

export interface DmPoller {
  /** Reads new direct messages now (tests and the sandbox); resolves with the delay before the next read. */
  pollOnce(): Promise<number>;
  stop(): Promise<void>;
}

/** X allows 15 reads of the DM event list per 15 minutes per user. */
const minIntervalMs = 60_000;
const maxBackoffMs = 15 * 60_000;
/** DMs from before Earshot started watching the account are not imported (clock skew allowed). */
const historyGraceMs = 60_000;

/** Reads the account's direct messages (X's DM timeline, newest first) into conversations until stopped. */
export function startDmPoller(deps: DmPollerDependencies): DmPoller {
  const stopping = new AbortController();
  const intervalMs = Math.max(deps.intervalMs, minIntervalMs);
  let consecutiveFailures = 0;
  let resumeAt = 0;
  let running: Promise<number> = Promise.resolve(0);

  async function pollNow(): Promise<number> {
    const logger = withCorrelation(deps.logger, 'pollId');
    if (Date.now() < resumeAt) {
      logger.debug({ resumeAt: new Date(resumeAt).toISOString() }, 'direct messages not read: waiting for X rate limit reset');
      return resumeAt - Date.now();
    }
    try {
      const changed = await pollDirectMessages(deps, logger);
      for (const conversationId of changed) await deps.queue.send(syncThreadJob, { conversationId }, { key: conversationId });
      consecutiveFailures = 0;
      return intervalMs;
    } catch (error) {
      consecutiveFailures += 1;
      const failure = classifyXError(toXFailure(error));
      if (failure.retryAt) {
        resumeAt = failure.retryAt.getTime();
        logger.warn({ kind: failure.kind, resumeAt: failure.retryAt.toISOString() }, 'X rate limit reached: reading direct messages resumes after the reset');
        return Math.max(1_000, resumeAt - Date.now());
      }
      const backoff = Math.min(maxBackoffMs, intervalMs * 2 ** Math.min(consecutiveFailures, 10));
      logger[failure.retryable ? 'warn' : 'error']({ kind: failure.kind, err: error, retryInMs: backoff }, `reading direct messages from X failed: ${failure.plainMessage}`);
      return backoff;
    }
  }

  // One read at a time: a read asked for while another runs starts after it, so it sees everything sent before it was asked for.
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

async function pollDirectMessages(deps: DmPollerDependencies, logger: Logger): Promise<Set<string>> {
  const { prisma, channel, account } = deps;
  const cursor = await prisma.pollCursor.findUnique({ where: { accountId: account.id } });
  const afterEventId = cursor?.dmNewestEventId ?? undefined;
  const watched = await prisma.socialAccount.findUniqueOrThrow({ where: { id: account.id }, select: { createdAt: true } });
  const fetched = await channel.fetchDirectMessages(account.externalId, { afterEventId, notBefore: new Date(watched.createdAt.getTime() - historyGraceMs) });
  const changed = await ingestDirectMessages(prisma, account, fetched.messages, logger);
  if (fetched.newestId && (!afterEventId || compareIds(fetched.newestId, afterEventId) > 0)) await saveCursor(prisma, account.id, fetched.newestId);
  logger.debug({ directMessages: fetched.messages.length, changed: changed.size }, 'read direct messages from X');
  return changed;
}

async function saveCursor(prisma: Database['prisma'], accountId: string, dmNewestEventId: string): Promise<void> {
  try {
    await prisma.pollCursor.upsert({ where: { accountId }, create: { accountId, dmNewestEventId }, update: { dmNewestEventId } });
  } catch (error) {
    // The mention poll created the row at the same moment.
    if (!isUniqueViolation(error)) throw error;
    await prisma.pollCursor.update({ where: { accountId }, data: { dmNewestEventId } });
  }
}

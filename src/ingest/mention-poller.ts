import { setTimeout as sleep } from 'node:timers/promises';
import type { SocialChannel } from '../channels/social-channel.js';
import { toXFailure, XRateLimitedError } from '../channels/x/x-failure.js';
import type { Database } from '../db/database.js';
import { classifyXError } from '../domain/x-errors.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { syncThreadJob } from '../jobs/jobs.js';
import { withCorrelation, type Logger } from '../log/create-logger.js';
import { ingestPosts, type WatchedAccount } from './ingest-posts.js';

export interface PollerDependencies {
  prisma: Database['prisma'];
  channel: SocialChannel;
  queue: JobQueue;
  logger: Logger;
  account: WatchedAccount;
  intervalMs: number;
}

/** X's mention timeline reaches only this many recent mentions. */
const mentionTimelineReach = 800;
const maxBackoffMs = 15 * 60_000;
const firstRetryMs = 2_000;

export interface MentionPoller {
  /** Runs one poll now (tests and the sandbox); resolves with the delay before the next one. */
  pollOnce(): Promise<number>;
  stop(): Promise<void>;
}

/** Polls the account's mentions (and its own posts, for replies made outside Earshot) until stopped. */
export function startMentionPoller(deps: PollerDependencies): MentionPoller {
  const stopping = new AbortController();
  let consecutiveFailures = 0;

  async function pollOnce(): Promise<number> {
    const logger = withCorrelation(deps.logger, 'pollId');
    try {
      const changed = await pollAndIngest(deps, logger);
      for (const conversationId of changed) await deps.queue.send(syncThreadJob, { conversationId }, { key: conversationId });
      consecutiveFailures = 0;
      return deps.intervalMs;
    } catch (error) {
      consecutiveFailures += 1;
      return delayAfterFailure(deps, logger, error, consecutiveFailures);
    }
  }

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

async function pollAndIngest(deps: PollerDependencies, logger: Logger): Promise<Set<string>> {
  const { prisma, channel, account } = deps;
  const cursor = await prisma.pollCursor.findUnique({ where: { accountId: account.id } });
  const changed = new Set<string>();

  let mentions;
  try {
    mentions = await channel.fetchMentions(account.externalId, cursor?.sinceId ?? undefined);
  } catch (error) {
    if (error instanceof XRateLimitedError) {
      // Keep what was fetched; the cursor stays, so the next poll fetches the rest (duplicates are ignored).
      for (const id of await ingestPosts(prisma, account, error.partial, { queue: deps.queue })) changed.add(id);
      for (const id of changed) await deps.queue.send(syncThreadJob, { conversationId: id }, { key: id });
    }
    throw error;
  }
  if (cursor?.sinceId && mentions.posts.length >= mentionTimelineReach) {
    logger.warn({ fetched: mentions.posts.length }, `X returns only the ${mentionTimelineReach} most recent mentions: older mentions since the last poll may be missing`);
  }
  for (const id of await ingestPosts(prisma, account, mentions.posts, { queue: deps.queue })) changed.add(id);

  // Our own replies only matter in conversations we track, all younger than the oldest stored mention.
  const ownSince = cursor?.ownPostsSinceId ?? (await oldestMentionId(deps));
  let ownNewest = cursor?.ownPostsSinceId ?? undefined;
  if (ownSince) {
    const own = await channel.fetchOwnPosts(account.externalId, ownSince);
    for (const id of await ingestPosts(prisma, account, own.posts)) changed.add(id);
    ownNewest = own.newestId ?? ownSince;
  }

  const sinceId = mentions.newestId ?? cursor?.sinceId ?? null;
  await prisma.pollCursor.upsert({
    where: { accountId: account.id },
    create: { accountId: account.id, sinceId, ownPostsSinceId: ownNewest ?? null, lastPolledAt: new Date() },
    update: { sinceId, ownPostsSinceId: ownNewest ?? null, lastPolledAt: new Date() },
  });
  logger.debug({ mentions: mentions.posts.length, changed: changed.size }, 'polled X');
  return changed;
}

async function oldestMentionId(deps: PollerDependencies): Promise<string | undefined> {
  const oldest = await deps.prisma.message.findFirst({
    where: { direction: 'inbound', visibility: 'public', platform: deps.account.platform, externalId: { not: null }, conversation: { accountId: deps.account.id } },
    orderBy: { createdAt: 'asc' },
    select: { externalId: true },
  });
  return oldest?.externalId ?? undefined;
}

function delayAfterFailure(deps: PollerDependencies, logger: Logger, error: unknown, failures: number): number {
  const failure = classifyXError(toXFailure(error));
  if (failure.retryAt) {
    const wait = Math.max(1_000, failure.retryAt.getTime() - Date.now());
    logger.warn({ kind: failure.kind, resumeAt: failure.retryAt.toISOString() }, 'X rate limit reached: polling resumes after the reset');
    return wait;
  }
  // A failed read is safe to repeat: retry soon (a dropped keep-alive connection is common), then back off.
  const backoff = Math.min(maxBackoffMs, firstRetryMs * 2 ** Math.min(failures - 1, 10));
  const retryable = failure.retryable || failure.kind === 'timeout_unknown_outcome';
  const reason = failure.kind === 'timeout_unknown_outcome' ? 'X did not answer (timeout or dropped connection)' : failure.plainMessage;
  logger[retryable ? 'warn' : 'error']({ kind: failure.kind, err: error, retryInMs: backoff }, `polling X failed: ${reason}`);
  return backoff;
}

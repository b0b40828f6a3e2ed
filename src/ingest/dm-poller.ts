import type { DirectMessageChannel, SocialChannel } from '../channels/social-channel.js';
import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/prisma-errors.js';
import type { JobQueue } from '../jobs/job-queue.js';
import type { Logger } from '../log/create-logger.js';
import { ingestDirectMessages } from './dm-ingest.js';
import type { WatchedAccount } from './ingest-posts.js';
import { startPollingLoop, type PollingLoop } from './polling-loop.js';

export interface DmPollerDependencies {
  prisma: Database['prisma'];
  channel: Pick<SocialChannel, 'network'> & { readonly directMessages: DirectMessageChannel };
  queue: JobQueue;
  logger: Logger;
  account: WatchedAccount;
  /** The mention poll interval; DMs are read no more often than the network's limit allows. */
  intervalMs: number;
  /** A poll still running after this long is abandoned, and the next one runs. */
  deadlineMs: number;
  onPollFinished?: (outcome: { failureKind?: string }) => void;
}

/** DMs from before Earshot started watching the account are not imported (clock skew allowed). */
const historyGraceMs = 60_000;

/** Reads the account's direct messages into conversations until stopped. */
export function startDmPoller(deps: DmPollerDependencies): PollingLoop {
  return startPollingLoop({
    network: deps.channel.network,
    what: 'direct messages',
    intervalMs: Math.max(deps.intervalMs, deps.channel.directMessages.minPollIntervalMs),
    deadlineMs: deps.deadlineMs,
    logger: deps.logger,
    queue: deps.queue,
    poll: (logger, abandoned) => pollDirectMessages(deps, logger, abandoned),
    ...(deps.onPollFinished ? { onPollFinished: deps.onPollFinished } : {}),
  });
}

async function pollDirectMessages(deps: DmPollerDependencies, logger: Logger, abandoned: AbortSignal): Promise<Set<string>> {
  const { prisma, channel, account } = deps;
  const cursor = await prisma.pollCursor.findUnique({ where: { accountId: account.id } });
  const afterEventId = cursor?.dmNewestEventId ?? undefined;
  const watched = await prisma.socialAccount.findUniqueOrThrow({ where: { id: account.id }, select: { createdAt: true } });
  const fetched = await channel.directMessages.fetchDirectMessages(account.externalId, {
    afterEventId,
    notBefore: new Date(watched.createdAt.getTime() - historyGraceMs),
  });
  abandoned.throwIfAborted();
  const changed = await ingestDirectMessages(prisma, account, fetched.messages, logger);
  // A later poll may have moved the cursor since this one read it.
  abandoned.throwIfAborted();
  if (fetched.newestId) await saveCursor(prisma, account.id, fetched.newestId);
  logger.debug({ directMessages: fetched.messages.length, changed: changed.size }, `read direct messages from ${channel.network.name}`);
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

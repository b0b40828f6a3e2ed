import type { SocialChannel } from '../channels/social-channel.js';
import { RateLimitedError } from '../channels/rate-limited-error.js';
import type { Database } from '../db/database.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { syncThreadJob } from '../jobs/jobs.js';
import type { Logger } from '../log/create-logger.js';
import { markDeletedCustomerPosts } from './deleted-posts.js';
import { ingestPosts, type WatchedAccount } from './ingest-posts.js';
import { startPollingLoop, type PollingLoop } from './polling-loop.js';

export interface PollerDependencies {
  prisma: Database['prisma'];
  channel: SocialChannel;
  queue: JobQueue;
  logger: Logger;
  account: WatchedAccount;
  intervalMs: number;
  /** A poll still running after this long is abandoned, and the next one runs. */
  deadlineMs: number;
  /** Told of every poll's outcome (metrics). */
  onPollFinished?: (outcome: { failureKind?: string }) => void;
  /** Runs after each successful poll (the surge check); its failures are its own to report. */
  afterPoll?: () => Promise<void>;
  /** Called once a mention has started a conversation (e.g. the out-of-hours acknowledgement). */
  onConversationStarted?: (conversationId: string) => Promise<void>;
}

/** Polls the account's mentions (and its own posts, for replies made outside Earshot) until stopped. */
export function startMentionPoller(deps: PollerDependencies): PollingLoop {
  return startPollingLoop({
    network: deps.channel.network,
    what: 'mentions',
    intervalMs: deps.intervalMs,
    deadlineMs: deps.deadlineMs,
    logger: deps.logger,
    queue: deps.queue,
    poll: (logger, abandoned) => pollAndIngest(deps, logger, abandoned),
    ...(deps.onPollFinished ? { onPollFinished: deps.onPollFinished } : {}),
  });
}

async function pollAndIngest(deps: PollerDependencies, logger: Logger, abandoned: AbortSignal): Promise<Set<string>> {
  const { prisma, channel, account } = deps;
  const cursor = await prisma.pollCursor.findUnique({ where: { accountId: account.id } });
  const changed = new Set<string>();

  let mentions;
  try {
    mentions = await channel.fetchMentions(account.externalId, cursor?.sinceId ?? undefined);
  } catch (error) {
    if (error instanceof RateLimitedError && !abandoned.aborted) {
      // Keep what was fetched; the cursor stays, so the next poll fetches the rest (duplicates are ignored).
      for (const id of await ingestPosts(prisma, account, error.partial, ingestOptions(deps))) changed.add(id);
      for (const id of changed) await deps.queue.send(syncThreadJob, { conversationId: id }, { key: id });
    }
    throw error;
  }
  abandoned.throwIfAborted();
  for (const id of await ingestPosts(prisma, account, mentions.posts, ingestOptions(deps))) changed.add(id);

  // Our own replies only matter in conversations we track, all younger than the oldest stored mention.
  const ownSince = cursor?.ownPostsSinceId ?? (await oldestMentionId(deps));
  let ownNewest = cursor?.ownPostsSinceId ?? undefined;
  if (ownSince) {
    const own = await channel.fetchOwnPosts(account.externalId, ownSince);
    abandoned.throwIfAborted();
    for (const id of await ingestPosts(prisma, account, own.posts)) changed.add(id);
    ownNewest = own.newestId ?? ownSince;
  }

  // A later poll may have moved the cursor since this one read it.
  abandoned.throwIfAborted();
  const sinceId = mentions.newestId ?? cursor?.sinceId ?? null;
  await prisma.pollCursor.upsert({
    where: { accountId: account.id },
    create: { accountId: account.id, sinceId, ownPostsSinceId: ownNewest ?? null, lastPolledAt: new Date() },
    update: { sinceId, ownPostsSinceId: ownNewest ?? null, lastPolledAt: new Date() },
  });
  for (const id of await deletedPostConversations(deps, logger)) changed.add(id);
  logger.debug({ mentions: mentions.posts.length, changed: changed.size }, `polled ${channel.network.name}`);
  await deps.afterPoll?.();
  return changed;
}

/** Conversations whose first post the customer deleted since the last poll; a failed check waits for the next poll. */
async function deletedPostConversations(deps: PollerDependencies, logger: Logger): Promise<string[]> {
  try {
    return await markDeletedCustomerPosts(deps.prisma, deps.channel, deps.account, new Date());
  } catch (error) {
    logger.warn({ err: error }, `could not check ${deps.channel.network.name} for deleted customer posts`);
    return [];
  }
}

function ingestOptions(deps: PollerDependencies) {
  return { queue: deps.queue, ...(deps.onConversationStarted ? { onConversationStarted: deps.onConversationStarted } : {}) };
}

async function oldestMentionId(deps: PollerDependencies): Promise<string | undefined> {
  const oldest = await deps.prisma.message.findFirst({
    where: {
      direction: 'inbound',
      visibility: 'public',
      platform: deps.account.platform,
      externalId: { not: null },
      conversation: { accountId: deps.account.id },
    },
    orderBy: { createdAt: 'asc' },
    select: { externalId: true },
  });
  return oldest?.externalId ?? undefined;
}

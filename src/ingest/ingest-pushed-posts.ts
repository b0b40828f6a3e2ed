import type { Database } from '../db/database.js';
import type { Platform } from '../generated/prisma/enums.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { syncThreadJob } from '../jobs/jobs.js';
import { ingestPosts, type IngestOptions, type WatchedAccount } from './ingest-posts.js';
import type { IngestPushedPosts } from './webhooks/webhook-handler.js';

export interface PushedPostsDeps {
  prisma: Database['prisma'];
  queue: JobQueue;
  /** The watched account of a network (once it is known), undefined when the network is not watched. */
  accountOf: (network: Platform) => Promise<WatchedAccount> | undefined;
  onConversationStarted?: IngestOptions['onConversationStarted'];
}

/** Webhook-pushed posts take the polled posts' path: stored once by post id, then their threads brought up to date. */
export function ingestPushedPosts(deps: PushedPostsDeps): IngestPushedPosts {
  return async (network, posts) => {
    const account = deps.accountOf(network);
    if (!account) throw new Error(`posts arrived for ${network}, which is not watched`);
    const changed = await ingestPosts(deps.prisma, await account, posts, {
      queue: deps.queue,
      ...(deps.onConversationStarted ? { onConversationStarted: deps.onConversationStarted } : {}),
    });
    for (const conversationId of changed) await deps.queue.send(syncThreadJob, { conversationId }, { key: conversationId });
  };
}

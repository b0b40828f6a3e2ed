import type { Prisma } from '../generated/prisma/client.js';
import type { Database } from '../db/database.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { syncThreadJob } from '../jobs/jobs.js';

/**
 * An outbound message still `pending` or `sending` this long after anything last happened to it
 * (queued, approved, an attempt) is stuck: whatever should send it is not running (issue 17).
 */
export const STUCK_AFTER_MS = 5 * 60_000;

export function isStuck(message: { deliveryState: string; updatedAt: Date }, now: Date): boolean {
  return (message.deliveryState === 'pending' || message.deliveryState === 'sending') && message.updatedAt.getTime() < now.getTime() - STUCK_AFTER_MS;
}

function stuckWhere(now: Date): Prisma.MessageWhereInput {
  return { direction: 'outbound', deliveryState: { in: ['pending', 'sending'] }, updatedAt: { lt: new Date(now.getTime() - STUCK_AFTER_MS) } };
}

/** How many outbound messages (public replies and DMs) are stuck: `/healthz` shows it. */
export function countStuckOutbound(prisma: Database['prisma'], now: Date): Promise<number> {
  return prisma.message.count({ where: stuckWhere(now) });
}

/**
 * Queues a thread sync for each conversation with a person's public reply that is stuck: the sync
 * turns its "Sending…" message into "not sent yet", with Retry (and keeps the minutes up to date).
 * Returns how many.
 */
export async function showStuckReplies(deps: { prisma: Database['prisma']; queue: JobQueue; now: () => Date }): Promise<number> {
  const stuck = await deps.prisma.message.findMany({
    where: { ...stuckWhere(deps.now()), visibility: 'public', slackUserId: { not: null }, reviewedBySlackUserId: null },
    select: { conversationId: true },
    distinct: ['conversationId'],
  });
  for (const { conversationId } of stuck) await deps.queue.send(syncThreadJob, { conversationId }, { key: conversationId });
  return stuck.length;
}

import type { Database } from '../db/database.js';
import type { JobQueue } from './job-queue.js';
import { ERASED_THREAD_DIGEST } from '../forget/erase-slack-thread.js';
import { eraseSlackThreadJob, sendDmJob, sendReplyJob, syncThreadJob } from './jobs.js';

/**
 * The database is the source of truth and jobs are only triggers: a crash between a commit and
 * queueing its job must not lose work. This queues again whatever is not finished (the queue's
 * per-key policy drops a trigger that is already queued).
 */
export async function reconcileOutbox(prisma: Database['prisma'], queue: JobQueue): Promise<{ threads: number; replies: number }> {
  const unsentReplies = await prisma.message.findMany({
    where: { direction: 'outbound', deliveryState: { in: ['pending', 'sending'] } },
    select: { id: true, visibility: true },
  });
  for (const { id, visibility } of unsentReplies) await queue.send(visibility === 'private' ? sendDmJob : sendReplyJob, { messageId: id }, { key: id });

  const unsynced = await prisma.conversation.findMany({
    where: {
      // A forgotten customer's threads are erased, never synced again.
      author: { forgottenAt: null },
      OR: [
        // Spam authors' conversations are stored without a thread on purpose.
        { slackThreadTs: null, author: { spamMarkedAt: null } },
        {
          messages: {
            some: { direction: { not: 'note' }, slackTs: null, deliveryState: { in: ['received', 'sent', 'failed', 'awaiting_approval', 'rejected'] } },
          },
        },
        {
          messages: {
            some: {
              direction: 'outbound',
              slackTs: { not: null },
              deliveryState: { in: ['sent', 'failed', 'rejected'] },
              slackSyncedState: { in: ['pending', 'sending', 'awaiting_approval'] },
            },
          },
        },
      ],
    },
    select: { id: true },
  });
  for (const { id } of unsynced) await queue.send(syncThreadJob, { conversationId: id }, { key: id });

  const unerased = await prisma.conversation.findMany({
    where: {
      author: { forgottenAt: { not: null } },
      OR: [{ slackThreadTs: { not: null } }, { surgeCardTs: { not: null } }],
      slackParentDigest: { not: ERASED_THREAD_DIGEST },
    },
    select: { id: true },
  });
  for (const { id } of unerased) await queue.send(eraseSlackThreadJob, { conversationId: id }, { key: id });
  return { threads: unsynced.length + unerased.length, replies: unsentReplies.length };
}

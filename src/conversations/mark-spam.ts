import type { Database } from '../db/database.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { syncThreadJob } from '../jobs/jobs.js';

/**
 * Marks (or unmarks) a conversation's author as spam. Their posts are still stored, but they
 * start no new threads; the conversation itself is resolved.
 */
export async function markAuthorAsSpam(
  prisma: Database['prisma'],
  queue: JobQueue,
  change: { conversationId: string; actorSlackUserId: string; spam: boolean; surface: string },
): Promise<boolean> {
  const conversation = await prisma.conversation.findUnique({ where: { id: change.conversationId } });
  if (!conversation) return false;
  await prisma.$transaction([
    prisma.author.update({
      where: { id: conversation.authorId },
      data: change.spam ? { spamMarkedAt: new Date(), spamMarkedBy: change.actorSlackUserId } : { spamMarkedAt: null, spamMarkedBy: null },
    }),
    ...(change.spam ? [prisma.conversation.update({ where: { id: conversation.id }, data: { status: 'resolved', resolvedAt: new Date() } })] : []),
    prisma.auditEntry.create({
      data: {
        conversationId: conversation.id,
        actorSlackUserId: change.actorSlackUserId,
        action: change.spam ? 'author.marked_spam' : 'author.unmarked_spam',
        surface: change.surface,
      },
    }),
  ]);
  await queue.send(syncThreadJob, { conversationId: conversation.id }, { key: conversation.id });
  return true;
}

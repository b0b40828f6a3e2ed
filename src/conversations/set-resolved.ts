import type { Database } from '../db/database.js';
import { nextStatus } from '../domain/conversation-status.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { syncThreadJob } from '../jobs/jobs.js';

/** Resolve or reopen a conversation; the parent message follows. Returns false when nothing changed. */
export async function setResolved(
  prisma: Database['prisma'],
  queue: JobQueue,
  change: { conversationId: string; slackUserId: string; resolved: boolean; surface: string },
): Promise<boolean> {
  const conversation = await prisma.conversation.findUnique({ where: { id: change.conversationId } });
  if (!conversation || (conversation.status === 'resolved') === change.resolved) return false;
  const status = nextStatus(conversation.status, change.resolved ? 'resolved' : 'reopened');
  await prisma.$transaction([
    prisma.conversation.update({ where: { id: conversation.id }, data: { status, resolvedAt: change.resolved ? new Date() : null } }),
    prisma.auditEntry.create({
      data: {
        conversationId: conversation.id,
        actorSlackUserId: change.slackUserId,
        action: change.resolved ? 'conversation.resolved' : 'conversation.reopened',
        surface: change.surface,
      },
    }),
  ]);
  await queue.send(syncThreadJob, { conversationId: conversation.id }, { key: conversation.id });
  return true;
}

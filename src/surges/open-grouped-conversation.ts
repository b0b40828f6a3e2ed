import type { Database } from '../db/database.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { syncThreadJob } from '../jobs/jobs.js';

/**
 * "Open in its own thread" on a grouped conversation's card: it leaves the surge's group, and the
 * thread sync posts its parent and thread in its usual channel and marks the card as moved.
 * Returns false when it was not grouped (already opened, e.g. by a second click).
 */
export async function openGroupedConversation(
  deps: { prisma: Database['prisma']; queue: JobQueue },
  input: { conversationId: string; actorSlackUserId: string },
): Promise<boolean> {
  const opened = await deps.prisma.$transaction(async (tx) => {
    const conversation = await tx.conversation.findUnique({ where: { id: input.conversationId }, select: { surgeAlertId: true } });
    if (!conversation?.surgeAlertId) return false;
    const { count } = await tx.conversation.updateMany({
      where: { id: input.conversationId, surgeAlertId: conversation.surgeAlertId },
      data: { surgeAlertId: null },
    });
    if (count !== 1) return false;
    await tx.auditEntry.create({
      data: {
        conversationId: input.conversationId,
        actorSlackUserId: input.actorSlackUserId,
        action: 'surge.opened',
        surface: 'surge_card',
        details: { surgeAlertId: conversation.surgeAlertId },
      },
    });
    return true;
  });
  if (opened) await deps.queue.send(syncThreadJob, { conversationId: input.conversationId }, { key: input.conversationId });
  return opened;
}

import type { Prisma } from '../generated/prisma/client.js';
import { statusAfterDraftSettled } from '../domain/reply-approval.js';

/** Inside the transaction that settled a draft: the conversation stops awaiting approval unless another draft waits. */
export async function settleDraftStatus(tx: Prisma.TransactionClient, conversationId: string): Promise<void> {
  const conversation = await tx.conversation.findUniqueOrThrow({ where: { id: conversationId } });
  const otherDraftsWaiting = (await tx.message.count({ where: { conversationId, deliveryState: 'awaiting_approval' } })) > 0;
  const assigned = conversation.assigneeSlackUserId !== null || conversation.assigneeSlackTeamId !== null;
  const status = statusAfterDraftSettled(conversation.status, { assigned, otherDraftsWaiting });
  if (status !== conversation.status) await tx.conversation.update({ where: { id: conversationId }, data: { status } });
}

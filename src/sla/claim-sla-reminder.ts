import type { Database } from '../db/database.js';

/**
 * `claimed`: this caller sends the wait's reminder; `claimed_before`: an earlier attempt claimed it
 * and may have posted some of it; `not_waiting`: that wait is over (answered, resolved, or another
 * post restarted it) or was reminded of already under another claim.
 */
export type SlaClaim = 'claimed' | 'claimed_before' | 'not_waiting';

export interface SlaReminderFacts {
  slaMinutes: number;
  waitedMinutes: number;
  dueAt: Date;
  businessHours: boolean;
}

/**
 * One reminder per wait, whatever the number of replicas and retries: `slaRemindedFor` is set to
 * the wait's `waitingSince` by a conditional update, which only one writer can win; the winner
 * writes the `sla.reminded` audit entry in the same transaction.
 */
export async function claimSlaReminder(prisma: Database['prisma'], conversationId: string, waitingSince: Date, facts: SlaReminderFacts): Promise<SlaClaim> {
  return prisma.$transaction(async (tx) => {
    const { count } = await tx.conversation.updateMany({
      where: { id: conversationId, waitingSince, status: { not: 'resolved' }, OR: [{ slaRemindedFor: null }, { slaRemindedFor: { not: waitingSince } }] },
      data: { slaRemindedFor: waitingSince },
    });
    if (count === 1) {
      await tx.auditEntry.create({
        data: {
          conversationId,
          actorSlackUserId: null,
          action: 'sla.reminded',
          surface: 'sla',
          details: {
            waitingSince: waitingSince.toISOString(),
            dueAt: facts.dueAt.toISOString(),
            slaMinutes: facts.slaMinutes,
            waitedMinutes: facts.waitedMinutes,
            businessHours: facts.businessHours,
          },
        },
      });
      return 'claimed';
    }
    const current = await tx.conversation.findUnique({ where: { id: conversationId }, select: { waitingSince: true, slaRemindedFor: true, status: true } });
    const sameWait = current?.waitingSince?.getTime() === waitingSince.getTime() && current.status !== 'resolved';
    return sameWait && current?.slaRemindedFor?.getTime() === waitingSince.getTime() ? 'claimed_before' : 'not_waiting';
  });
}

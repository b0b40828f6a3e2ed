import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.js';
import { nextStatus } from '../domain/conversation-status.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { notifyHandoffJob, syncThreadJob } from '../jobs/jobs.js';

export interface AssignmentDependencies {
  prisma: Database['prisma'];
  queue: JobQueue;
}

export interface Handoff {
  conversationId: string;
  /** Who is acting (the Slack user). */
  actorSlackUserId: string;
  /** A person, a team (Slack user group), or both. */
  toSlackUserId?: string | undefined;
  toSlackTeamId?: string | undefined;
  note?: string | undefined;
  /** Where it happened: button, modal, slash_command, app_home, routing_rule. */
  surface: string;
}

export type AssignmentResult = { ok: true } | { ok: false; reason: 'not_found' | 'nobody' | 'already_taken'; takenBy?: string };

/**
 * Hands a conversation to a person and/or a team. The thread records who handed what to whom and
 * why; the person (or each team member) is notified; the parent shows the assignee.
 */
export async function assignConversation(deps: AssignmentDependencies, handoff: Handoff): Promise<AssignmentResult> {
  if (!handoff.toSlackUserId && !handoff.toSlackTeamId) return { ok: false, reason: 'nobody' };
  const conversation = await deps.prisma.conversation.findUnique({ where: { id: handoff.conversationId } });
  if (!conversation) return { ok: false, reason: 'not_found' };
  const handoffId = randomUUID();
  await deps.prisma.$transaction([
    deps.prisma.handoff.create({
      data: {
        id: handoffId,
        conversationId: conversation.id,
        byUserId: handoff.actorSlackUserId,
        toUserId: handoff.toSlackUserId ?? null,
        toTeamId: handoff.toSlackTeamId ?? null,
        note: handoff.note ?? null,
      },
    }),
    deps.prisma.conversation.update({
      where: { id: conversation.id },
      data: {
        assigneeSlackUserId: handoff.toSlackUserId ?? null,
        assigneeSlackTeamId: handoff.toSlackTeamId ?? null,
        status: nextStatus(conversation.status, 'assigned'),
        // A hand-off is told in the conversation's thread: a conversation grouped under a surge gets its own.
        ...(conversation.surgeAlertId ? { surgeAlertId: null } : {}),
      },
    }),
    ...(conversation.surgeAlertId
      ? [
          deps.prisma.auditEntry.create({
            data: {
              conversationId: conversation.id,
              actorSlackUserId: handoff.actorSlackUserId,
              action: 'surge.opened',
              surface: handoff.surface,
              details: { surgeAlertId: conversation.surgeAlertId },
            },
          }),
        ]
      : []),
    deps.prisma.auditEntry.create({
      data: {
        conversationId: conversation.id,
        actorSlackUserId: handoff.actorSlackUserId,
        action: 'conversation.assigned',
        surface: handoff.surface,
        details: {
          toSlackUserId: handoff.toSlackUserId ?? null,
          toSlackTeamId: handoff.toSlackTeamId ?? null,
          // The note itself is in the thread's hand-off notice; the audit trail keeps no free text.
          withNote: Boolean(handoff.note),
          previousSlackUserId: conversation.assigneeSlackUserId,
          previousSlackTeamId: conversation.assigneeSlackTeamId,
        },
      },
    }),
  ]);
  await deps.queue.send(notifyHandoffJob, { handoffId });
  await deps.queue.send(syncThreadJob, { conversationId: conversation.id }, { key: conversation.id });
  return { ok: true };
}

/**
 * "Take it": the actor becomes the assignee. From a team's notification only the first member to
 * take it wins (`onlyIfUnclaimed`); later clicks are told who has it. Elsewhere it takes over.
 */
export async function takeConversation(
  deps: AssignmentDependencies,
  take: { conversationId: string; actorSlackUserId: string; surface: string; onlyIfUnclaimed?: boolean },
): Promise<AssignmentResult> {
  const conversation = await deps.prisma.conversation.findUnique({ where: { id: take.conversationId } });
  if (!conversation) return { ok: false, reason: 'not_found' };
  if (conversation.assigneeSlackUserId === take.actorSlackUserId) return { ok: true };
  const expectedAssignee = take.onlyIfUnclaimed ? null : conversation.assigneeSlackUserId;
  const { count } = await deps.prisma.conversation.updateMany({
    // Conditional on the assignee read: two teammates clicking at once cannot both win.
    where: { id: conversation.id, assigneeSlackUserId: expectedAssignee },
    data: { assigneeSlackUserId: take.actorSlackUserId, status: nextStatus(conversation.status, 'assigned') },
  });
  if (count === 0) {
    const current = await deps.prisma.conversation.findUnique({ where: { id: conversation.id } });
    return { ok: false, reason: 'already_taken', ...(current?.assigneeSlackUserId ? { takenBy: current.assigneeSlackUserId } : {}) };
  }
  await deps.prisma.auditEntry.create({
    data: {
      conversationId: conversation.id,
      actorSlackUserId: take.actorSlackUserId,
      action: 'conversation.taken',
      surface: take.surface,
      details: { previousSlackUserId: conversation.assigneeSlackUserId, team: conversation.assigneeSlackTeamId },
    },
  });
  await deps.queue.send(syncThreadJob, { conversationId: conversation.id }, { key: conversation.id });
  return { ok: true };
}

/** Nobody is assigned any more; the conversation goes back to the open queue. */
export async function unassignConversation(
  deps: AssignmentDependencies,
  change: { conversationId: string; actorSlackUserId: string; surface: string },
): Promise<AssignmentResult> {
  const conversation = await deps.prisma.conversation.findUnique({ where: { id: change.conversationId } });
  if (!conversation) return { ok: false, reason: 'not_found' };
  await deps.prisma.$transaction([
    deps.prisma.conversation.update({
      where: { id: conversation.id },
      data: { assigneeSlackUserId: null, assigneeSlackTeamId: null, status: nextStatus(conversation.status, 'unassigned') },
    }),
    deps.prisma.auditEntry.create({
      data: {
        conversationId: conversation.id,
        actorSlackUserId: change.actorSlackUserId,
        action: 'conversation.unassigned',
        surface: change.surface,
        details: { previousSlackUserId: conversation.assigneeSlackUserId, previousSlackTeamId: conversation.assigneeSlackTeamId },
      },
    }),
  ]);
  await deps.queue.send(syncThreadJob, { conversationId: conversation.id }, { key: conversation.id });
  return { ok: true };
}

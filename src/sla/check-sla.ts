import type { Database } from '../db/database.js';
import { addBusinessMinutes, type BusinessCalendar } from '../domain/business-time.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { slaReminderJob } from '../jobs/jobs.js';

export interface SlaCheckDependencies {
  prisma: Database['prisma'];
  queue: JobQueue;
  /** SLA_MINUTES; undefined: no reminders. */
  minutes: number | undefined;
  calendar: BusinessCalendar;
  now: () => Date;
}

/** Waits looked at per check; any more are reached a minute later. */
const candidatesPerCheck = 500;

/**
 * Queues a reminder for every wait now over the SLA that was not reminded of yet. The database
 * narrows the candidates in wall-clock time (business time never runs faster than the clock);
 * business time is counted here. Returns how many reminders were queued.
 */
export async function checkSla(deps: SlaCheckDependencies): Promise<number> {
  if (!deps.minutes) return 0;
  const now = deps.now();
  const cutoff = new Date(now.getTime() - deps.minutes * 60_000);
  // Waiting for the team (a trigger keeps "waitingSince"), open, with a thread to remind in, and a
  // customer neither marked as spam nor forgotten; oldest first.
  const candidates = await deps.prisma.$queryRaw<Array<{ id: string; waitingSince: Date | string }>>`
    SELECT c.id, c."waitingSince" AS "waitingSince"
    FROM "Conversation" c JOIN "Author" a ON a.id = c."authorId"
    WHERE c."waitingSince" <= ${cutoff}::timestamptz AND c.status <> 'resolved' AND c."slackThreadTs" IS NOT NULL
      AND c."slaRemindedFor" IS DISTINCT FROM c."waitingSince" AND a."spamMarkedAt" IS NULL AND a."forgottenAt" IS NULL
    ORDER BY c."waitingSince", c.id
    LIMIT ${candidatesPerCheck}`;
  let queued = 0;
  for (const { id, waitingSince: stored } of candidates) {
    const waitingSince = new Date(stored);
    // Due times grow with the start of the wait: once one is not due, none of the younger ones is.
    if (addBusinessMinutes(waitingSince, deps.minutes, deps.calendar) > now) break;
    const wait = waitingSince.toISOString();
    await deps.queue.send(slaReminderJob, { conversationId: id, waitingSince: wait }, { key: `${id}:${wait}` });
    queued += 1;
  }
  return queued;
}

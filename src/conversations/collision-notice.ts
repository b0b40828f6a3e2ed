import type { Database } from '../db/database.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { syncThreadJob } from '../jobs/jobs.js';

/** How long "… is replying" shows without a send or a cancel (a closed laptop never says goodbye). */
export const REPLYING_MARKER_MS = 5 * 60_000;

export interface CollisionDependencies {
  prisma: Database['prisma'];
  queue: Pick<JobQueue, 'send'>;
}

/** Who is replying right now, if anyone: a marker that ran out is ignored. */
export function activeReplier(conversation: { replyingSlackUserId: string | null; replyingUntil: Date | null }, now: Date): string | undefined {
  if (!conversation.replyingSlackUserId || !conversation.replyingUntil) return undefined;
  return conversation.replyingUntil.getTime() > now.getTime() ? conversation.replyingSlackUserId : undefined;
}

/**
 * Someone opened the reply modal: the parent shows "✍️ <@user> is replying…" so that two people
 * don't answer at once. The marker runs out by itself; a sync queued for that moment takes it off
 * the parent even if the modal is never closed.
 */
export async function startReplying(deps: CollisionDependencies, marker: { conversationId: string; slackUserId: string; now?: Date }): Promise<boolean> {
  const until = new Date((marker.now ?? new Date()).getTime() + REPLYING_MARKER_MS);
  const { count } = await deps.prisma.conversation.updateMany({
    where: { id: marker.conversationId },
    data: { replyingSlackUserId: marker.slackUserId, replyingUntil: until },
  });
  if (count === 0) return false;
  await deps.queue.send(syncThreadJob, { conversationId: marker.conversationId }, { key: marker.conversationId });
  // Its own key: a queued sync per conversation must stay free for changes that happen meanwhile.
  await deps.queue.send(
    syncThreadJob,
    { conversationId: marker.conversationId },
    { key: `${marker.conversationId}:replying-until:${until.getTime()}`, startAfter: new Date(until.getTime() + 1_000) },
  );
  return true;
}

/** They sent or cancelled: the marker goes, but only if it is still theirs (someone else may have opened the modal since). */
export async function stopReplying(deps: CollisionDependencies, marker: { conversationId: string; slackUserId: string }): Promise<boolean> {
  const { count } = await deps.prisma.conversation.updateMany({
    where: { id: marker.conversationId, replyingSlackUserId: marker.slackUserId },
    data: { replyingSlackUserId: null, replyingUntil: null },
  });
  if (count === 0) return false;
  await deps.queue.send(syncThreadJob, { conversationId: marker.conversationId }, { key: marker.conversationId });
  return true;
}

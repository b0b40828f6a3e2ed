import type { Database } from '../db/database.js';
import type { Prisma } from '../generated/prisma/client.js';
import { listConversations, type ConversationPage } from './queue-conversations.js';

type Prisma_ = Database['prisma'];

const open = { status: { not: 'resolved' } } satisfies Prisma.ConversationWhereInput;

/** The user groups that have open conversations handed to them that no member has taken yet. */
export async function teamsWithUnclaimedConversations(prisma: Prisma_): Promise<string[]> {
  const rows = await prisma.conversation.findMany({
    where: { ...open, assigneeSlackUserId: null, assigneeSlackTeamId: { not: null } },
    distinct: ['assigneeSlackTeamId'],
    select: { assigneeSlackTeamId: true },
  });
  return rows.flatMap((row) => (row.assigneeSlackTeamId ? [row.assigneeSlackTeamId] : []));
}

/** "My queue": open conversations assigned to me, or handed to one of my teams and not taken yet; oldest first. */
export function myQueue(prisma: Prisma_, slackUserId: string, teamIds: readonly string[], limit: number): Promise<ConversationPage> {
  const mine: Prisma.ConversationWhereInput[] = [{ assigneeSlackUserId: slackUserId }];
  if (teamIds.length > 0) mine.push({ assigneeSlackUserId: null, assigneeSlackTeamId: { in: [...teamIds] } });
  return listConversations(prisma, { ...open, OR: mine }, [{ createdAt: 'asc' }, { ref: 'asc' }], limit);
}

/**
 * Open conversations nobody has: oldest first, so the longest wait is on top (never by follower
 * count). Authors marked as spam start no threads and are left out.
 */
export function unassignedQueue(prisma: Prisma_, limit: number): Promise<ConversationPage> {
  return listConversations(
    prisma,
    { ...open, assigneeSlackUserId: null, assigneeSlackTeamId: null, author: { spamMarkedAt: null } },
    [{ createdAt: 'asc' }, { ref: 'asc' }],
    limit,
  );
}

/** The last conversations resolved, most recent first (those that never had a thread, like a spammer's, are left out). */
export async function recentlyResolved(prisma: Prisma_, limit: number): Promise<ConversationPage> {
  const { items } = await listConversations(
    prisma,
    { status: 'resolved', slackThreadTs: { not: null } },
    [{ resolvedAt: { sort: 'desc', nulls: 'last' } }, { ref: 'desc' }],
    limit,
  );
  return { items, total: items.length };
}

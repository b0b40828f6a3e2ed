import type { Database } from '../db/database.js';
import type { ConversationStatus } from '../domain/conversation-status.js';
import type { Prisma } from '../generated/prisma/client.js';

type Prisma_ = Database['prisma'];

/** One conversation as a queue lists it, with its first customer post. */
export interface QueuedConversation {
  id: string;
  ref: number;
  status: ConversationStatus;
  visibility: 'public' | 'private';
  customerHandle: string;
  text: string;
  createdAt: Date;
  resolvedAt: Date | null;
  assigneeSlackUserId: string | null;
  assigneeSlackTeamId: string | null;
  slackChannelId: string | null;
  slackThreadTs: string | null;
}

export interface QueuePage {
  items: QueuedConversation[];
  total: number;
}

const open = { status: { not: 'resolved' } } satisfies Prisma.ConversationWhereInput;

const listed = {
  author: { select: { handle: true } },
  messages: { where: { direction: 'inbound' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: 1, select: { text: true } },
} satisfies Prisma.ConversationInclude;

async function page(prisma: Prisma_, where: Prisma.ConversationWhereInput, orderBy: Prisma.ConversationOrderByWithRelationInput[], limit: number): Promise<QueuePage> {
  const [total, rows] = await Promise.all([
    prisma.conversation.count({ where }),
    prisma.conversation.findMany({ where, orderBy, take: limit, include: listed }),
  ]);
  return {
    total,
    items: rows.map((row) => ({
      id: row.id,
      ref: row.ref,
      status: row.status,
      visibility: row.visibility,
      customerHandle: row.author.handle,
      text: row.messages[0]?.text ?? '',
      createdAt: row.createdAt,
      resolvedAt: row.resolvedAt,
      assigneeSlackUserId: row.assigneeSlackUserId,
      assigneeSlackTeamId: row.assigneeSlackTeamId,
      slackChannelId: row.slackChannelId,
      slackThreadTs: row.slackThreadTs,
    })),
  };
}

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
export function myQueue(prisma: Prisma_, slackUserId: string, teamIds: readonly string[], limit: number): Promise<QueuePage> {
  const mine: Prisma.ConversationWhereInput[] = [{ assigneeSlackUserId: slackUserId }];
  if (teamIds.length > 0) mine.push({ assigneeSlackUserId: null, assigneeSlackTeamId: { in: [...teamIds] } });
  return page(prisma, { ...open, OR: mine }, [{ createdAt: 'asc' }, { ref: 'asc' }], limit);
}

/**
 * Open conversations nobody has: oldest first, so the longest wait is on top (never by follower
 * count). Authors marked as spam start no threads and are left out.
 */
export function unassignedQueue(prisma: Prisma_, limit: number): Promise<QueuePage> {
  return page(
    prisma,
    { ...open, assigneeSlackUserId: null, assigneeSlackTeamId: null, author: { spamMarkedAt: null } },
    [{ createdAt: 'asc' }, { ref: 'asc' }],
    limit,
  );
}

/** The last conversations resolved, most recent first (those that never had a thread, like a spammer's, are left out). */
export async function recentlyResolved(prisma: Prisma_, limit: number): Promise<QueuePage> {
  const { items } = await page(prisma, { status: 'resolved', slackThreadTs: { not: null } }, [{ resolvedAt: { sort: 'desc', nulls: 'last' } }, { ref: 'desc' }], limit);
  return { items, total: items.length };
}

import type { Database } from '../db/database.js';
import type { ConversationStatus } from '../domain/conversation-status.js';
import type { Prisma } from '../generated/prisma/client.js';

type Prisma_ = Database['prisma'];

/** One conversation as `/social` lists it: who, what, where it stands, where its thread is. */
export interface ConversationSummary {
  id: string;
  ref: number;
  status: ConversationStatus;
  visibility: 'public' | 'private';
  handle: string;
  authorName: string | null;
  authorMarkedSpam: boolean;
  /** The first customer post. */
  text: string;
  createdAt: Date;
  resolvedAt: Date | null;
  /** Since when the customer waits for the team; null once the team has answered. */
  waitingSince: Date | null;
  assigneeSlackUserId: string | null;
  assigneeSlackTeamId: string | null;
  slackChannelId: string | null;
  slackThreadTs: string | null;
}

export interface ConversationPage {
  items: ConversationSummary[];
  /** How many matched in all (items holds at most the limit). */
  total: number;
}

const summaryInclude = {
  author: { select: { handle: true, name: true, spamMarkedAt: true } },
  messages: { where: { direction: 'inbound' }, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], take: 1, select: { text: true } },
} satisfies Prisma.ConversationInclude;

/** Lists conversations as summaries, with the total count of matches. */
export async function listConversations(
  prisma: Prisma_,
  where: Prisma.ConversationWhereInput,
  orderBy: Prisma.ConversationOrderByWithRelationInput[],
  limit: number,
): Promise<ConversationPage> {
  const [total, rows] = await Promise.all([
    prisma.conversation.count({ where }),
    prisma.conversation.findMany({ where, orderBy, take: limit, include: summaryInclude }),
  ]);
  return {
    total,
    items: rows.map((row) => ({
      id: row.id,
      ref: row.ref,
      status: row.status,
      visibility: row.visibility,
      handle: row.author.handle,
      authorName: row.author.name,
      authorMarkedSpam: row.author.spamMarkedAt !== null,
      text: row.messages[0]?.text ?? '',
      createdAt: row.createdAt,
      resolvedAt: row.resolvedAt,
      waitingSince: row.waitingSince,
      assigneeSlackUserId: row.assigneeSlackUserId,
      assigneeSlackTeamId: row.assigneeSlackTeamId,
      slackChannelId: row.slackChannelId,
      slackThreadTs: row.slackThreadTs,
    })),
  };
}

export type QueueScope = { kind: 'all' } | { kind: 'mine'; slackUserId: string } | { kind: 'team'; teamIds: readonly string[] } | { kind: 'unassigned' };

export const QUEUE_LIMIT = 20;

/**
 * Open conversations (anything not resolved), OLDEST FIRST: the longest wait is on top, never the
 * loudest customer. Posts stored silently for authors marked as spam (no thread) are left out.
 */
export function queueConversations(prisma: Prisma_, scope: QueueScope, limit = QUEUE_LIMIT): Promise<ConversationPage> {
  const where: Prisma.ConversationWhereInput = {
    status: { not: 'resolved' },
    NOT: { slackThreadTs: null, author: { is: { spamMarkedAt: { not: null } } } },
    ...scopeFilter(scope),
  };
  return listConversations(prisma, where, [{ createdAt: 'asc' }, { ref: 'asc' }], limit);
}

function scopeFilter(scope: QueueScope): Prisma.ConversationWhereInput {
  switch (scope.kind) {
    case 'all':
      return {};
    case 'mine':
      return { assigneeSlackUserId: scope.slackUserId };
    case 'team':
      return { assigneeSlackTeamId: { in: [...scope.teamIds] } };
    case 'unassigned':
      return { assigneeSlackUserId: null, assigneeSlackTeamId: null };
  }
}

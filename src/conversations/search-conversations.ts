import type { Database } from '../db/database.js';
import type { ParsedConversationRef } from '../domain/conversation-ref.js';
import type { Prisma } from '../generated/prisma/client.js';
import { listConversations, type ConversationPage } from './queue-conversations.js';

type Prisma_ = Database['prisma'];

export const SEARCH_LIMIT = 20;

/** What `/social search` looks for: words, an author, or one conversation by reference (E-42) or post link. */
export type SearchQuery = { kind: 'text'; text: string } | { kind: 'handle'; handle: string } | { kind: 'ref'; ref: ParsedConversationRef };

/**
 * The channels whose private conversations (customer DMs) the searcher may not read: their private
 * messages are not searched, so a match cannot tell what a DM says. `unrouted`: conversations
 * without a thread yet, which SLACK_CHANNEL's members may read.
 */
export interface UnreadablePrivateText {
  channelIds: readonly string[];
  unrouted: boolean;
}

/**
 * Conversations with a message containing the text (any case), with this author (@handle), or
 * the one a reference names; newest first, at most SEARCH_LIMIT.
 */
export function searchConversations(
  prisma: Prisma_,
  query: SearchQuery,
  unreadable: UnreadablePrivateText = { channelIds: [], unrouted: false },
  limit = SEARCH_LIMIT,
): Promise<ConversationPage> {
  return listConversations(prisma, searchWhere(query, unreadable), [{ createdAt: 'desc' }, { ref: 'desc' }], limit);
}

function searchWhere(query: SearchQuery, unreadable: UnreadablePrivateText): Prisma.ConversationWhereInput {
  switch (query.kind) {
    case 'handle':
      return { author: { is: { handle: { equals: escapeLike(query.handle), mode: 'insensitive' } } } };
    case 'text': {
      const unreadableConversation: Prisma.ConversationWhereInput = {
        OR: [{ slackChannelId: { in: [...unreadable.channelIds] } }, ...(unreadable.unrouted ? [{ slackChannelId: null }] : [])],
      };
      return {
        messages: {
          some: {
            text: { contains: escapeLike(query.text), mode: 'insensitive' },
            NOT: { visibility: 'private', conversation: { is: unreadableConversation } },
          },
        },
      };
    }
    case 'ref':
      return query.ref.kind === 'ref' ? { ref: query.ref.number } : { messages: { some: { externalId: query.ref.postId } } };
  }
}

/**
 * Prisma passes `contains`, and `equals` in insensitive mode, to (I)LIKE as is: without this
 * "50%" would match "50 dollars", and the handle "jo_x" would match "jo2x".
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/** The conversation a `/social` reference names: its number (E-42), or any of its posts on its network (by link). */
export async function findConversationByRef(prisma: Prisma_, ref: ParsedConversationRef) {
  if (ref.kind === 'ref') return prisma.conversation.findUnique({ where: { ref: ref.number }, include: { author: true } });
  const message = await prisma.message.findFirst({ where: { externalId: ref.postId }, select: { conversation: { include: { author: true } } } });
  return message?.conversation ?? null;
}

import type { Database } from '../db/database.js';
import type { ParsedConversationRef } from '../domain/conversation-ref.js';
import { listConversations, type ConversationPage } from './queue-conversations.js';

type Prisma_ = Database['prisma'];

export const SEARCH_LIMIT = 20;

/**
 * Conversations with a message containing the text (any case), or with this author (@handle);
 * newest first, at most SEARCH_LIMIT.
 */
export function searchConversations(prisma: Prisma_, query: { kind: 'text'; text: string } | { kind: 'handle'; handle: string }, limit = SEARCH_LIMIT): Promise<ConversationPage> {
  const where =
    query.kind === 'handle'
      ? { author: { is: { handle: { equals: escapeLike(query.handle), mode: 'insensitive' as const } } } }
      : { messages: { some: { text: { contains: escapeLike(query.text), mode: 'insensitive' as const } } } };
  return listConversations(prisma, where, [{ createdAt: 'desc' }, { ref: 'desc' }], limit);
}

/**
 * Prisma passes `contains`, and `equals` in insensitive mode, to (I)LIKE as is: without this
 * "50%" would match "50 dollars", and the handle "jo_x" would match "jo2x".
 */
export function escapeLike(text: string): string {
  return text.replace(/[\\%_]/g, '\\$&');
}

/** The conversation a `/social` reference names: its number (E-42), or any of its posts on X (by link). */
export async function findConversationByRef(prisma: Prisma_, ref: ParsedConversationRef) {
  if (ref.kind === 'ref') return prisma.conversation.findUnique({ where: { ref: ref.number }, include: { author: true } });
  const message = await prisma.message.findFirst({ where: { externalId: ref.postId }, select: { conversation: { include: { author: true } } } });
  return message?.conversation ?? null;
}

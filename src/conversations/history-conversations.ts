import type { Database } from '../db/database.js';
import { listConversations, type ConversationPage } from './queue-conversations.js';
import { escapeLike } from './search-conversations.js';

export const HISTORY_LIMIT = 20;

/** Everything one customer (by @handle, any case) wrote to us, newest first, at most HISTORY_LIMIT. */
export function customerHistory(prisma: Database['prisma'], handle: string, limit = HISTORY_LIMIT): Promise<ConversationPage> {
  return listConversations(prisma, { author: { is: { handle: { equals: escapeLike(handle.replace(/^@/, '')), mode: 'insensitive' } } } }, [{ createdAt: 'desc' }, { ref: 'desc' }], limit);
}

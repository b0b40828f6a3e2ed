import type { Database } from '../db/database.js';
import type { Platform } from '../generated/prisma/enums.js';
import { escapeLike } from '../conversations/search-conversations.js';

/** A note someone wrote in one of the threads: Earshot cannot delete it (it is theirs), so it is listed. */
export interface ThreadNote {
  ref: number;
  slackChannelId: string;
  slackTs: string;
}

export interface ForgetPreview {
  /** The customer's author rows not yet forgotten (one handle can have had several accounts, on one network or several). */
  authorIds: string[];
  /** The networks those accounts are on. */
  platforms: Platform[];
  conversations: number;
  posts: number;
  notes: ThreadNote[];
}

/** What `/social forget @handle` would erase; undefined when Earshot knows nobody by that handle. */
export async function previewForget(prisma: Database['prisma'], handle: string): Promise<ForgetPreview | undefined> {
  const authors = await prisma.author.findMany({
    where: { handle: { equals: escapeLike(handle.replace(/^@/, '')), mode: 'insensitive' }, forgottenAt: null },
    select: { id: true, platform: true },
  });
  if (authors.length === 0) return undefined;
  const platforms = [...new Set(authors.map((author) => author.platform))];
  const authorIds = authors.map((author) => author.id);
  const inTheirConversations = { conversation: { authorId: { in: authorIds } } };
  const [conversations, posts, notes] = await Promise.all([
    prisma.conversation.count({ where: { authorId: { in: authorIds } } }),
    prisma.message.count({ where: { ...inTheirConversations, direction: 'inbound' } }),
    prisma.message.findMany({
      where: { ...inTheirConversations, direction: 'note', slackTs: { not: null } },
      orderBy: { createdAt: 'asc' },
      select: { slackTs: true, conversation: { select: { ref: true, slackChannelId: true } } },
    }),
  ]);
  return {
    authorIds,
    platforms,
    conversations,
    posts,
    notes: notes.flatMap((note) =>
      note.slackTs && note.conversation.slackChannelId
        ? [{ ref: note.conversation.ref, slackChannelId: note.conversation.slackChannelId, slackTs: note.slackTs }]
        : [],
    ),
  };
}

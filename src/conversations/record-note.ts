import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/prisma-errors.js';
import { findConversationByThread } from './reply-context.js';

export interface ThreadMessage {
  channelId: string;
  threadTs: string;
  ts: string;
  slackUserId: string;
  text: string;
}

export type NoteOutcome = 'stored' | 'duplicate' | 'unknown_thread';

/**
 * An employee's message in a conversation's thread is an internal note: stored in the history,
 * never posted publicly by itself. Slack's retried deliveries of the same message store it once.
 * `conversationId` names the conversation when the thread is not (yet) recorded as its thread.
 */
export async function recordNote(prisma: Database['prisma'], note: ThreadMessage, conversationId?: string): Promise<NoteOutcome> {
  const conversation = conversationId
    ? await prisma.conversation.findUnique({ where: { id: conversationId } })
    : await findConversationByThread(prisma, note.channelId, note.threadTs);
  if (!conversation) return 'unknown_thread';
  try {
    await prisma.message.create({
      data: {
        conversationId: conversation.id,
        direction: 'note',
        visibility: 'private',
        platform: conversation.platform,
        text: note.text,
        slackTs: note.ts,
        slackUserId: note.slackUserId,
        idempotencyKey: `slack-note:${note.channelId}:${note.ts}`,
      },
    });
    return 'stored';
  } catch (error) {
    if (isUniqueViolation(error)) return 'duplicate';
    throw error;
  }
}

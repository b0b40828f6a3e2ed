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

/**
 * An employee's message in a conversation's thread is an internal note: stored in the history,
 * never posted publicly by itself. Slack's retried deliveries of the same message store it once.
 */
export async function recordNote(prisma: Database['prisma'], note: ThreadMessage): Promise<boolean> {
  const conversation = await findConversationByThread(prisma, note.channelId, note.threadTs);
  if (!conversation) return false;
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
    return true;
  } catch (error) {
    if (isUniqueViolation(error)) return false;
    throw error;
  }
}

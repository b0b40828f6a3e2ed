import type { App } from '@slack/bolt';
import { recordNote } from '../../../conversations/record-note.js';
import { requestLogger } from '../request-logger.js';
import type { ListenerServices } from '../services.js';

/** A person's reply in a conversation's thread becomes an internal note (never posted on X by itself). */
export function registerThreadMessages(app: App, services: ListenerServices): void {
  app.message(async ({ message, context }) => {
    if (message.subtype !== undefined || !('thread_ts' in message) || !message.thread_ts || message.thread_ts === message.ts) return;
    if (!message.user || message.bot_id) return;
    const stored = await recordNote(services.prisma, {
      channelId: message.channel,
      threadTs: message.thread_ts,
      ts: message.ts,
      slackUserId: message.user,
      text: message.text ?? '',
    });
    if (stored) requestLogger(context).info({ channel: message.channel, threadTs: message.thread_ts }, 'internal note stored');
  });
}

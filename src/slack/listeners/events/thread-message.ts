import type { App, webApi } from '@slack/bolt';
import { z } from 'zod';
import { recordNote, type ThreadMessage } from '../../../conversations/record-note.js';
import { conversationEvent } from '../../sync/conversation-event.js';
import { requestLogger } from '../request-logger.js';
import type { ListenerServices } from '../services.js';

/** A person's reply in a conversation's thread becomes an internal note (never posted on the network by itself). */
export function registerThreadMessages(app: App, services: ListenerServices): void {
  app.message(async ({ message, context, client }) => {
    if (message.subtype !== undefined || !('thread_ts' in message) || !message.thread_ts || message.thread_ts === message.ts) return;
    if (!message.user || message.bot_id) return;
    const note: ThreadMessage = {
      channelId: message.channel,
      threadTs: message.thread_ts,
      ts: message.ts,
      slackUserId: message.user,
      text: message.text ?? '',
    };
    let outcome = await recordNote(services.prisma, note);
    if (outcome === 'unknown_thread') {
      // Someone can write in a new thread before Earshot has recorded the parent it just posted:
      // the parent's metadata names its conversation. Threads Earshot did not start have none.
      const conversationId = await conversationOfParent(client, note);
      if (conversationId) outcome = await recordNote(services.prisma, note, conversationId);
    }
    if (outcome === 'stored') requestLogger(context).info({ channel: message.channel, threadTs: message.thread_ts }, 'internal note stored');
  });
}

const parentMetadata = z.object({ event_type: z.literal(conversationEvent), event_payload: z.object({ id: z.uuid() }) });

async function conversationOfParent(client: webApi.WebClient, note: ThreadMessage): Promise<string | undefined> {
  const { messages = [] } = await client.conversations.replies({ channel: note.channelId, ts: note.threadTs, limit: 1, include_all_metadata: true });
  const parent = messages.find((candidate) => candidate.ts === note.threadTs);
  const metadata = parentMetadata.safeParse(parent?.metadata);
  return metadata.success ? metadata.data.event_payload.id : undefined;
}

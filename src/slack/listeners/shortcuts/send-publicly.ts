import type { App, MessageShortcut } from '@slack/bolt';
import { z } from 'zod';
import { findConversationByThread, loadReplyContext } from '../../../conversations/reply-context.js';
import { renderReplyModal } from '../../blocks/reply-modal.js';
import { privateConversationRefusal } from '../../blocks/private-notices.js';
import { slackTextToPlain } from '../../blocks/slack-text-to-plain.js';
import type { ListenerServices } from '../services.js';

export const sendPubliclyCallbackId = 'send_publicly';

const messagePlace = z.object({ ts: z.string(), thread_ts: z.string().optional() });

/** "Send publicly" on a note in a conversation's thread: the reply modal, prefilled with the note. */
export function registerSendPublicly(app: App, services: ListenerServices): void {
  app.shortcut<MessageShortcut>(sendPubliclyCallbackId, async ({ ack, shortcut, client, respond }) => {
    await ack();
    if (shortcut.message.bot_id !== undefined) {
      const hint =
        '"Send publicly" posts a note that you or a colleague wrote in the thread. To answer the customer, click *Reply* on the conversation\'s message, or write a note and send that.';
      await respond({ response_type: 'ephemeral', text: hint });
      return;
    }
    const place = messagePlace.safeParse(shortcut.message);
    const threadTs = place.success ? (place.data.thread_ts ?? place.data.ts) : undefined;
    const conversation = threadTs === undefined ? undefined : await findConversationByThread(services.prisma, shortcut.channel.id, threadTs);
    const reply = conversation ? await loadReplyContext(services.prisma, conversation.id, shortcut.user.id) : undefined;
    if (!reply) {
      await respond({ response_type: 'ephemeral', text: '"Send publicly" works on messages in the thread of an Earshot conversation.' });
      return;
    }
    if (reply.visibility === 'private') {
      await respond({ response_type: 'ephemeral', text: privateConversationRefusal(reply.handle) });
      return;
    }
    const note = slackTextToPlain(shortcut.message.text ?? '');
    const mention = `@${reply.handle}`;
    const initialText = note.toLowerCase().startsWith(mention.toLowerCase()) ? note : `${mention} ${note}`;
    await client.views.open({ trigger_id: shortcut.trigger_id, view: renderReplyModal({ ...reply, initialText }) });
  });
}

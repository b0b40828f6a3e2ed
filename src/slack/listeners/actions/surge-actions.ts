import type { App, BlockButtonAction } from '@slack/bolt';
import { z } from 'zod';
import { openGroupedConversation } from '../../../surges/open-grouped-conversation.js';
import { ACTION_IDS } from '../../blocks/action-ids.js';
import { requestLogger } from '../request-logger.js';
import type { ListenerServices } from '../services.js';

/** "Open in its own thread" on a grouped conversation's card in a surge alert's thread. */
export function registerSurgeActions(app: App, services: ListenerServices): void {
  app.action<BlockButtonAction>(ACTION_IDS.surgeOpenThread, async ({ ack, body, action, context }) => {
    await ack();
    const conversationId = z.uuid().safeParse(action.value);
    if (!conversationId.success) {
      requestLogger(context).warn({ value: action.value }, 'open-in-its-own-thread button without a conversation id');
      return;
    }
    const opened = await openGroupedConversation(services, { conversationId: conversationId.data, actorSlackUserId: body.user.id });
    requestLogger(context).info(
      { conversationId: conversationId.data, opened },
      opened ? 'grouped conversation opened in its own thread' : 'conversation was not grouped any more',
    );
  });
}

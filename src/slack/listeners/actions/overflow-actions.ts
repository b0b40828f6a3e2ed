import type { App, BlockOverflowAction } from '@slack/bolt';
import { takeConversation, unassignConversation } from '../../../conversations/assign-conversation.js';
import { markAuthorAsSpam } from '../../../conversations/mark-spam.js';
import { ACTION_IDS } from '../../blocks/action-ids.js';
import { parseOverflowValue } from '../../blocks/overflow-value.js';
import { requestLogger } from '../request-logger.js';
import type { ListenerServices } from '../services.js';

const surface = 'parent_overflow';

/** The parent message's overflow menu: Take it, Unassign, Ignore / spam and Not spam. */
export function registerOverflowActions(app: App, services: ListenerServices): void {
  app.action<BlockOverflowAction>(ACTION_IDS.conversationOverflow, async ({ ack, body, action, context }) => {
    await ack();
    const logger = requestLogger(context);
    const chosen = parseOverflowValue(action.selected_option.value);
    if (!chosen) {
      logger.warn({ value: action.selected_option.value }, 'unknown overflow choice');
      return;
    }
    const { conversationId } = chosen;
    const actorSlackUserId = body.user.id;
    let done: boolean;
    switch (chosen.choice) {
      case 'take':
        done = (await takeConversation(services, { conversationId, actorSlackUserId, surface })).ok;
        break;
      case 'unassign':
        done = (await unassignConversation(services, { conversationId, actorSlackUserId, surface })).ok;
        break;
      case 'ignore':
      case 'not_spam':
        done = await markAuthorAsSpam(services.prisma, services.queue, { conversationId, actorSlackUserId, spam: chosen.choice === 'ignore', surface });
        break;
    }
    logger.info({ conversationId, choice: chosen.choice, done }, 'overflow choice handled');
  });
}

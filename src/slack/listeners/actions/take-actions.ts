import type { App, BlockButtonAction } from '@slack/bolt';
import { takeConversation } from '../../../conversations/assign-conversation.js';
import { ACTION_IDS } from '../../blocks/action-ids.js';
import { renderTakeOutcome, type TakeOutcome } from '../../blocks/take-outcome.js';
import { requestLogger } from '../request-logger.js';
import type { ListenerServices } from '../services.js';

/** "Take it" in a team's hand-off DM: the first member wins; the others are told who has it. */
export function registerTakeActions(app: App, services: ListenerServices): void {
  app.action<BlockButtonAction>(ACTION_IDS.takeConversation, async ({ ack, body, action, client, context }) => {
    await ack();
    const result = await takeConversation(services, {
      conversationId: action.value ?? '',
      actorSlackUserId: body.user.id,
      surface: 'team_notification',
      onlyIfUnclaimed: true,
    });
    const outcome: TakeOutcome = result.ok
      ? { kind: 'taken' }
      : result.reason === 'already_taken'
        ? { kind: 'already_taken', ...(result.takenBy ? { byUserId: result.takenBy } : {}) }
        : { kind: 'gone' };
    requestLogger(context).info({ conversationId: action.value, outcome: outcome.kind }, 'take it from a team notification');
    const channel = body.channel?.id ?? body.container.channel_id;
    const ts = body.message?.ts ?? body.container.message_ts;
    if (typeof channel !== 'string' || typeof ts !== 'string') return;
    await client.chat.update({ channel, ts, ...renderTakeOutcome(body.message, outcome) });
  });
}

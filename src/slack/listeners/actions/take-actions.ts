import type { App, BlockButtonAction } from '@slack/bolt';
import { z } from 'zod';
import { takeConversation } from '../../../conversations/assign-conversation.js';
import { ACTION_IDS } from '../../blocks/action-ids.js';
import { renderTakeOutcome, type TakeOutcome } from '../../blocks/take-outcome.js';
import { requestLogger } from '../request-logger.js';
import type { ListenerServices } from '../services.js';

/** Where the clicked button is, when Slack leaves `channel` or `message` out of the payload. */
const messageContainer = z.object({ channel_id: z.string(), message_ts: z.string() });

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
    const container = messageContainer.safeParse(body.container);
    const channel = body.channel?.id ?? (container.success ? container.data.channel_id : undefined);
    const ts = body.message?.ts ?? (container.success ? container.data.message_ts : undefined);
    if (channel === undefined || ts === undefined) return;
    await client.chat.update({ channel, ts, ...renderTakeOutcome(body.message, outcome) });
  });
}

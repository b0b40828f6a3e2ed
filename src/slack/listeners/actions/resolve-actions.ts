import type { App, BlockButtonAction } from '@slack/bolt';
import { setResolved } from '../../../conversations/set-resolved.js';
import { ACTION_IDS } from '../../blocks/action-ids.js';
import type { ListenerServices } from '../services.js';

export function registerResolveActions(app: App, services: ListenerServices): void {
  for (const [actionId, resolved] of [
    [ACTION_IDS.resolve, true],
    [ACTION_IDS.reopen, false],
  ] as const) {
    app.action<BlockButtonAction>(actionId, async ({ ack, body, action }) => {
      await ack();
      await setResolved(services.prisma, services.queue, { conversationId: action.value ?? '', slackUserId: body.user.id, resolved, surface: 'button' });
    });
  }
}

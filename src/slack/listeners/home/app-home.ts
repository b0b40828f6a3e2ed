import type { App, BlockButtonAction } from '@slack/bolt';
import { takeConversation } from '../../../conversations/assign-conversation.js';
import { setResolved } from '../../../conversations/set-resolved.js';
import { ACTION_IDS } from '../../blocks/action-ids.js';
import { requestLogger } from '../request-logger.js';
import type { ListenerServices } from '../services.js';
import { createHomePublisher } from './publish-home.js';

const surface = 'app_home';

/** The App Home tab: published when opened, and again after each action taken on it. */
export function registerAppHome(app: App, services: ListenerServices): void {
  const home = createHomePublisher(services);

  app.event('app_home_opened', async ({ event, client, context }) => {
    if (event.tab !== 'home') return;
    await home.publish(client, event.user, requestLogger(context));
  });

  app.action<BlockButtonAction>(ACTION_IDS.homeTake, async ({ ack, body, action, client, context }) => {
    await ack();
    const result = await takeConversation(services, { conversationId: action.value ?? '', actorSlackUserId: body.user.id, surface, onlyIfUnclaimed: true });
    const notice = result.ok
      ? undefined
      : result.reason === 'already_taken'
        ? `⚠️ ${result.takenBy ? `<@${result.takenBy}>` : 'Someone'} already took that conversation.`
        : '⚠️ That conversation no longer exists.';
    await home.publish(client, body.user.id, requestLogger(context), notice ? { notice } : {});
  });

  app.action<BlockButtonAction>(ACTION_IDS.homeResolve, async ({ ack, body, action, client, context }) => {
    await ack();
    await setResolved(services.prisma, services.queue, { conversationId: action.value ?? '', slackUserId: body.user.id, resolved: true, surface });
    await home.publish(client, body.user.id, requestLogger(context));
  });

  // "Open thread" is a link; Slack still tells the app it was clicked.
  app.action(ACTION_IDS.homeOpenThread, async ({ ack }) => {
    await ack();
  });
}

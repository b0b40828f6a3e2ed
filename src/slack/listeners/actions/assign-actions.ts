import type { App, BlockButtonAction, webApi } from '@slack/bolt';
import type { Logger } from '../../../log/create-logger.js';
import { ACTION_IDS } from '../../blocks/action-ids.js';
import { renderAssignModal, type AssignableTeam } from '../../blocks/assign-modal.js';
import { requestLogger } from '../request-logger.js';
import type { ListenerServices } from '../services.js';

/** Assign button on a parent message: the hand-off modal (person, team, note). */
export function registerAssignActions(app: App, services: ListenerServices): void {
  app.action<BlockButtonAction>(ACTION_IDS.assignOpen, async ({ ack, body, action, client, context }) => {
    await ack();
    const logger = requestLogger(context);
    const [conversation, teams] = await Promise.all([
      services.prisma.conversation.findUnique({ where: { id: action.value ?? '' }, include: { author: true } }),
      listTeams(client, logger),
    ]);
    if (!conversation) {
      logger.warn({ conversationId: action.value }, 'assign button for an unknown conversation');
      return;
    }
    await client.views.open({
      trigger_id: body.trigger_id,
      view: renderAssignModal({ conversationId: conversation.id, ref: conversation.ref, customerHandle: conversation.author.handle, teams }),
    });
  });
}

/** The workspace's active user groups; none when Slack won't list them (e.g. a plan without user groups). */
async function listTeams(client: webApi.WebClient, logger: Logger): Promise<AssignableTeam[]> {
  try {
    const { usergroups = [] } = await client.usergroups.list({});
    return usergroups.flatMap((group) =>
      group.id && group.name && !group.date_delete ? [{ id: group.id, name: group.name, ...(group.handle ? { handle: group.handle } : {}) }] : [],
    );
  } catch (error) {
    logger.warn({ err: error }, 'could not list user groups; the assign modal offers people only');
    return [];
  }
}

import type { App, BlockButtonAction } from '@slack/bolt';
import { networkOf } from '../../../channels/networks.js';
import { retryPrivateReply } from '../../../replies/queue-private-reply.js';
import { ACTION_IDS } from '../../blocks/action-ids.js';
import { PRIVATE_ACTION_IDS } from '../../blocks/private-ids.js';
import { renderTakePrivateModal } from '../../blocks/private-modal.js';
import { alreadyPrivateNotice } from '../../blocks/private-notices.js';
import { requestLogger } from '../request-logger.js';
import type { ListenerServices } from '../services.js';

export function registerPrivateActions(app: App, services: ListenerServices): void {
  // "Take private" on a parent message: the modal with the public invitation and the first DM.
  app.action<BlockButtonAction>(ACTION_IDS.privateOpen, async ({ ack, body, action, client, context, respond }) => {
    await ack();
    const conversation = await services.prisma.conversation.findUnique({ where: { id: action.value ?? '' }, include: { author: true } });
    if (!conversation) {
      requestLogger(context).warn({ conversationId: action.value }, '"Take private" for an unknown conversation');
      return;
    }
    if (conversation.visibility === 'private') {
      await respond({ response_type: 'ephemeral', replace_original: false, text: alreadyPrivateNotice(conversation.author.handle) });
      return;
    }
    const network = networkOf(conversation.platform);
    if (!network.directMessages) {
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: `${network.name} has no direct messages: this conversation cannot be taken private.`,
      });
      return;
    }
    const setting = await services.prisma.userSetting.findUnique({ where: { slackUserId: body.user.id } });
    await client.views.open({
      trigger_id: body.trigger_id,
      view: renderTakePrivateModal({
        conversationId: conversation.id,
        network,
        handle: conversation.author.handle,
        name: conversation.author.name ?? undefined,
        signature: setting?.signature ?? undefined,
      }),
    });
  });

  // Retry button on a failed direct message.
  app.action<BlockButtonAction>(PRIVATE_ACTION_IDS.retry, async ({ ack, body, action, context }) => {
    await ack();
    const queued = await retryPrivateReply(services.prisma, services.queue, action.value ?? '', body.user.id);
    if (!queued) requestLogger(context).info({ messageId: action.value }, 'retry ignored: the direct message is not in a failed state');
  });
}

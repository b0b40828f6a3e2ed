import type { App } from '@slack/bolt';
import { offersDirectMessages } from '../../../channels/network.js';
import { networkOf } from '../../../channels/networks.js';
import { prepareDirectMessage } from '../../../domain/direct-message-draft.js';
import { prepareReply } from '../../../domain/reply-draft.js';
import { auditRefusedReply } from '../../../replies/audit-refusal.js';
import { takePrivate } from '../../../replies/take-private.js';
import { decideReply } from '../../../roles/decide-reply.js';
import { takePrivateHeldNotice } from '../../blocks/draft-messages.js';
import { PRIVATE_ACTION_IDS, PRIVATE_BLOCK_IDS, PRIVATE_CALLBACK_IDS } from '../../blocks/private-ids.js';
import { readTakePrivateMetadata } from '../../blocks/private-modal.js';
import { alreadyPrivateNotice } from '../../blocks/private-notices.js';
import { requestLogger } from '../request-logger.js';
import type { ListenerServices } from '../services.js';

export function registerTakePrivateSubmit(app: App, services: ListenerServices): void {
  app.view(PRIVATE_CALLBACK_IDS.takePrivateSubmit, async ({ ack, body, view, client, context }) => {
    const logger = requestLogger(context);
    const metadata = readTakePrivateMetadata(view.private_metadata);
    const conversation = metadata ? await services.prisma.conversation.findUnique({ where: { id: metadata.conversationId }, include: { author: true } }) : null;
    if (!conversation) {
      await ack({ response_action: 'errors', errors: { [PRIVATE_BLOCK_IDS.publicText]: 'This conversation no longer exists. Close the form.' } });
      return;
    }
    const network = networkOf(conversation.platform);
    if (!offersDirectMessages(network)) {
      await ack({ response_action: 'errors', errors: { [PRIVATE_BLOCK_IDS.publicText]: `${network.name} has no direct messages. Close the form.` } });
      return;
    }
    const handle = conversation.author.handle;
    const values = view.state.values;
    const publicText = values[PRIVATE_BLOCK_IDS.publicText]?.[PRIVATE_ACTION_IDS.publicText]?.value ?? '';
    const directText = values[PRIVATE_BLOCK_IDS.directMessageText]?.[PRIVATE_ACTION_IDS.directMessageText]?.value ?? '';
    const setting = await services.prisma.userSetting.findUnique({ where: { slackUserId: body.user.id } });
    const signature = setting?.signature ?? undefined;

    const errors: Record<string, string> = {};
    const invitation = prepareReply({ network, text: publicText, handle, ...(signature ? { signature } : {}), guardOptions: services.guardOptions });
    if (!invitation.ok) errors[PRIVATE_BLOCK_IDS.publicText] = invitation.errors.reply_text;
    const directMessage = prepareDirectMessage({ network, text: directText, signature });
    if (!directMessage.ok) errors[PRIVATE_BLOCK_IDS.directMessageText] = directMessage.error;
    if (!invitation.ok || !directMessage.ok) {
      await ack({ response_action: 'errors', errors });
      await services.prisma.auditEntry.create({
        data: {
          conversationId: conversation.id,
          actorSlackUserId: body.user.id,
          action: 'take_private.refused',
          surface: 'take_private_modal',
          details: { problems: [...(invitation.ok ? [] : invitation.problems), ...(directMessage.ok ? [] : [`direct_message:${directMessage.problem}`])] },
        },
      });
      if (!invitation.ok) {
        await auditRefusedReply(services.prisma, {
          conversationId: conversation.id,
          slackUserId: body.user.id,
          surface: 'take_private_modal',
          problems: invitation.problems,
        });
      }
      return;
    }
    const decision = await decideReply(services.roles, body.user.id, invitation.finalText);
    const invitationHeldForApproval = decision.action === 'hold' ? decision.reason : undefined;
    const dmDecision = await decideReply(services.roles, body.user.id, directMessage.finalText, 'direct');
    const directMessageHeldForApproval = dmDecision.action === 'hold' ? dmDecision.reason : undefined;
    // Stored before the form closes, as for replies.
    const outcome = await takePrivate(services.prisma, services.queue, {
      conversationId: conversation.id,
      slackUserId: body.user.id,
      publicText: invitation.finalText,
      directMessageText: directMessage.finalText,
      requestKey: view.id,
      invitationHeldForApproval,
      directMessageHeldForApproval,
    });
    await ack();
    if (outcome.ok) {
      const held = { invitation: invitationHeldForApproval, directMessage: directMessageHeldForApproval };
      logger.info(
        {
          conversationId: conversation.id,
          publicMessageId: outcome.publicMessageId,
          directMessageId: outcome.directMessageId,
          invitationHeld: held.invitation !== undefined,
          directMessageHeld: held.directMessage !== undefined,
        },
        'conversation taken private',
      );
      const notice = takePrivateHeldNotice(network, held);
      if (notice && conversation.slackChannelId) await client.chat.postEphemeral({ channel: conversation.slackChannelId, user: body.user.id, text: notice });
      return;
    }
    logger.info({ conversationId: conversation.id, reason: outcome.reason }, 'take private refused');
    if (outcome.reason === 'already_private' && conversation.slackChannelId) {
      await client.chat.postEphemeral({ channel: conversation.slackChannelId, user: body.user.id, text: `${alreadyPrivateNotice(handle)} Nothing was sent.` });
    }
  });
}

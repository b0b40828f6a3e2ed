import type { App } from '@slack/bolt';
import { stopReplying } from '../../../conversations/collision-notice.js';
import { loadReplyContext } from '../../../conversations/reply-context.js';
import { prepareReply } from '../../../domain/reply-draft.js';
import { auditRefusedReply } from '../../../replies/audit-refusal.js';
import { queuePublicReply } from '../../../replies/queue-public-reply.js';
import { decideReply } from '../../../roles/decide-reply.js';
import { ACTION_IDS, CALLBACK_IDS } from '../../blocks/action-ids.js';
import { renderDraftHeldModal } from '../../blocks/draft-messages.js';
import { readReplyModalMetadata, replyTextBlockId } from '../../blocks/reply-modal.js';
import { requestLogger } from '../request-logger.js';
import { submitDraftEdit } from './draft-edit-submit.js';
import { submitPrivateReply } from './private-reply-submit.js';
import type { ListenerServices } from '../services.js';

export function registerReplySubmit(app: App, services: ListenerServices): void {
  app.view(CALLBACK_IDS.replySubmit, async ({ ack, body, view, context }) => {
    const metadata = readReplyModalMetadata(view.private_metadata);
    if (!metadata) {
      await ack({ response_action: 'errors', errors: { [replyTextBlockId()]: 'This form is out of date. Close it and press Reply again.' } });
      return;
    }
    const blockId = replyTextBlockId(metadata.revision);
    const text = view.state.values[blockId]?.[ACTION_IDS.replyTextInput]?.value ?? '';
    if (metadata.draftMessageId) {
      await submitDraftEdit(services, {
        ack,
        reviewerSlackUserId: body.user.id,
        messageId: metadata.draftMessageId,
        blockId,
        text,
        logger: requestLogger(context),
      });
      return;
    }
    const reply = await loadReplyContext(services.prisma, metadata.conversationId, body.user.id);
    if (!reply) {
      await ack({ response_action: 'errors', errors: { [blockId]: 'This conversation no longer exists.' } });
      return;
    }
    if (reply.visibility === 'private') {
      // A private conversation's replies go out as direct messages, never publicly.
      const queued = await submitPrivateReply(services, {
        ack,
        slackUserId: body.user.id,
        viewId: view.id,
        blockId,
        text,
        reply,
        logger: requestLogger(context),
      });
      if (queued) await stopReplying(services, { conversationId: reply.conversationId, slackUserId: body.user.id });
      return;
    }
    const prepared = prepareReply({
      network: reply.network,
      text,
      handle: reply.handle,
      ...(reply.signature ? { signature: reply.signature } : {}),
      guardOptions: services.guardOptions,
    });
    if (!prepared.ok) {
      await ack({ response_action: 'errors', errors: { [blockId]: prepared.errors.reply_text } });
      await auditRefusedReply(services.prisma, {
        conversationId: reply.conversationId,
        slackUserId: body.user.id,
        surface: 'reply_modal',
        problems: prepared.problems,
      });
      return;
    }
    const decision = await decideReply(services.roles, body.user.id, prepared.finalText);
    // Stored before the form closes: a process that dies right after must not lose what the person saw as sent.
    // A submission Slack repeats finds the same message by its key.
    const messageId = await queuePublicReply(services.prisma, services.queue, {
      conversationId: reply.conversationId,
      slackUserId: body.user.id,
      text: prepared.finalText,
      idempotencyKey: `reply-modal:${view.id}`,
      surface: 'reply_modal',
      heldForApproval: decision.action === 'hold' ? decision.reason : undefined,
    });
    if (decision.action === 'hold') await ack({ response_action: 'update', view: renderDraftHeldModal(reply.network, decision.reason) });
    else await ack();
    requestLogger(context).info(
      { messageId, conversationId: reply.conversationId, held: decision.action === 'hold' },
      decision.action === 'hold' ? 'public reply held for approval' : 'public reply queued',
    );
    await stopReplying(services, { conversationId: reply.conversationId, slackUserId: body.user.id });
  });
}

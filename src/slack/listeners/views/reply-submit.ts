import type { App } from '@slack/bolt';
import { stopReplying } from '../../../conversations/collision-notice.js';
import { loadReplyContext } from '../../../conversations/reply-context.js';
import { prepareReply } from '../../../domain/reply-draft.js';
import { queuePublicReply } from '../../../replies/queue-public-reply.js';
import { ACTION_IDS, CALLBACK_IDS } from '../../blocks/action-ids.js';
import { readReplyModalMetadata, replyTextBlockId } from '../../blocks/reply-modal.js';
import { requestLogger } from '../request-logger.js';
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
    const reply = await loadReplyContext(services.prisma, metadata.conversationId, body.user.id);
    if (!reply) {
      await ack({ response_action: 'errors', errors: { [blockId]: 'This conversation no longer exists.' } });
      return;
    }
    if (reply.visibility === 'private') {
      // A private conversation's replies go out as direct messages, never publicly.
      const queued = await submitPrivateReply(services, { ack, slackUserId: body.user.id, viewId: view.id, blockId, text, reply, logger: requestLogger(context) });
      if (queued) await stopReplying(services, { conversationId: reply.conversationId, slackUserId: body.user.id });
      return;
    }
    const prepared = prepareReply({ text, handle: reply.handle, ...(reply.signature ? { signature: reply.signature } : {}), guardOptions: services.guardOptions });
    if (!prepared.ok) {
      await ack({ response_action: 'errors', errors: { [blockId]: prepared.errors.reply_text } });
      await services.prisma.auditEntry.create({
        data: { conversationId: reply.conversationId, actorSlackUserId: body.user.id, action: 'reply.refused', surface: 'reply_modal', details: { problems: prepared.problems } },
      });
      return;
    }
    await ack();
    const messageId = await queuePublicReply(services.prisma, services.queue, {
      conversationId: reply.conversationId,
      slackUserId: body.user.id,
      text: prepared.finalText,
      idempotencyKey: `reply-modal:${view.id}`,
      surface: 'reply_modal',
    });
    requestLogger(context).info({ messageId, conversationId: reply.conversationId }, 'public reply queued');
    await stopReplying(services, { conversationId: reply.conversationId, slackUserId: body.user.id });
  });
}

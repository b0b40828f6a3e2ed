import type { App, BlockAction, BlockButtonAction, PlainTextInputAction } from '@slack/bolt';
import { startReplying } from '../../../conversations/collision-notice.js';
import { loadReplyContext } from '../../../conversations/reply-context.js';
import { applySignature } from '../../../domain/signature.js';
import { retryPublicReply } from '../../../replies/queue-public-reply.js';
import { ACTION_IDS } from '../../blocks/action-ids.js';
import { readReplyModalMetadata, renderReplyModal } from '../../blocks/reply-modal.js';
import { requestLogger } from '../request-logger.js';
import type { ListenerServices } from '../services.js';

export function registerReplyActions(app: App, services: ListenerServices): void {
  // Reply button on a parent message: open the reply modal.
  app.action<BlockButtonAction>(ACTION_IDS.replyOpen, async ({ ack, body, action, client, context }) => {
    await ack();
    const reply = await loadReplyContext(services.prisma, action.value ?? '', body.user.id);
    if (!reply) {
      requestLogger(context).warn({ conversationId: action.value }, 'reply button for an unknown conversation');
      return;
    }
    await client.views.open({ trigger_id: body.trigger_id, view: renderReplyModal(reply) });
    // "✍️ … is replying" on the parent until they send, cancel, or it runs out.
    await startReplying(services, { conversationId: reply.conversationId, slackUserId: body.user.id });
  });

  // Every keystroke in the reply text: refresh the character count, as the conversation's network counts.
  app.action<BlockAction<PlainTextInputAction>>(ACTION_IDS.replyTextInput, async ({ ack, body, action, client }) => {
    await ack();
    const view = body.view;
    const metadata = view ? readReplyModalMetadata(view.private_metadata) : null;
    if (!view || !metadata) return;
    const reply = await loadReplyContext(services.prisma, metadata.conversationId, body.user.id);
    if (!reply) return;
    const text = action.value ?? '';
    // An approver's edit of a draft keeps the author's signature and adds none.
    const draft = metadata.draftMessageId ? { messageId: metadata.draftMessageId, authorSlackUserId: metadata.draftAuthorSlackUserId ?? null } : undefined;
    await client.views.update({
      view_id: view.id,
      hash: view.hash,
      view: renderReplyModal({
        ...reply,
        initialText: text,
        revision: metadata.revision,
        lengthInfo: reply.network.measureReply(applySignature(text, draft ? undefined : reply.signature)),
        ...(draft ? { draft } : {}),
      }),
    });
  });

  // Retry button on a failed reply.
  app.action<BlockButtonAction>(ACTION_IDS.replyRetry, async ({ ack, body, action, context }) => {
    await ack();
    const queued = await retryPublicReply(services.prisma, services.queue, action.value ?? '', body.user.id);
    if (!queued) requestLogger(context).info({ messageId: action.value }, 'retry ignored: the reply is not in a failed state');
  });
}

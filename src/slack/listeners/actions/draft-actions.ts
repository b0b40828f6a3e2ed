import type { App, BlockButtonAction } from '@slack/bolt';
import { networkOf } from '../../../channels/networks.js';
import { loadReplyContext } from '../../../conversations/reply-context.js';
import { reviewRefusal } from '../../../domain/reply-approval.js';
import { approveDraft } from '../../../replies/review-draft.js';
import { ACTION_IDS } from '../../blocks/action-ids.js';
import { renderRejectDraftModal } from '../../blocks/draft-messages.js';
import { reviewFailureText } from '../../blocks/draft-notices.js';
import { renderReplyModal } from '../../blocks/reply-modal.js';
import { requestLogger } from '../request-logger.js';
import type { ListenerServices } from '../services.js';

type Respond = (message: { response_type: 'ephemeral'; replace_original: false; text: string }) => Promise<unknown>;

/** Approve, Edit and Reject on a draft in the thread (approvers only, never the author), and the author's "Edit and send again". */
export function registerDraftActions(app: App, services: ListenerServices): void {
  /** The draft, if it still waits and this person may review it; otherwise they are told why not. */
  async function reviewableDraft(messageId: string, reviewerSlackUserId: string, respond: Respond) {
    const tell = (text: string) => respond({ response_type: 'ephemeral', replace_original: false, text });
    const draft = await services.prisma.message.findUnique({ where: { id: messageId }, include: { conversation: { include: { author: true } } } });
    if (!draft) {
      await tell(reviewFailureText({ ok: false, reason: 'not_found' }));
      return undefined;
    }
    const refusal = reviewRefusal({ roles: await services.roles.rolesOf(reviewerSlackUserId), slackUserId: reviewerSlackUserId }, draft.slackUserId);
    if (refusal) {
      await tell(reviewFailureText({ ok: false, reason: refusal }));
      return undefined;
    }
    if (draft.deliveryState !== 'awaiting_approval') {
      await tell(
        reviewFailureText({ ok: false, reason: 'already_reviewed', deliveryState: draft.deliveryState, reviewedBySlackUserId: draft.reviewedBySlackUserId }),
      );
      return undefined;
    }
    return draft;
  }

  app.action<BlockButtonAction>(ACTION_IDS.draftApprove, async ({ ack, body, action, respond, context }) => {
    await ack();
    const draft = await reviewableDraft(action.value ?? '', body.user.id, respond);
    if (!draft) return;
    const outcome = await approveDraft(services.prisma, services.queue, { messageId: draft.id, reviewerSlackUserId: body.user.id, surface: 'draft_buttons' });
    if (!outcome.ok) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: reviewFailureText(outcome) });
      return;
    }
    requestLogger(context).info({ messageId: draft.id, conversationId: draft.conversationId }, 'draft approved');
  });

  app.action<BlockButtonAction>(ACTION_IDS.draftEdit, async ({ ack, body, action, respond, client }) => {
    await ack();
    const draft = await reviewableDraft(action.value ?? '', body.user.id, respond);
    if (!draft) return;
    await client.views.open({
      trigger_id: body.trigger_id,
      view: renderReplyModal({
        conversationId: draft.conversationId,
        network: networkOf(draft.conversation.platform),
        handle: draft.conversation.author.handle,
        initialText: draft.text,
        draft: { messageId: draft.id, authorSlackUserId: draft.slackUserId },
      }),
    });
  });

  app.action<BlockButtonAction>(ACTION_IDS.draftReject, async ({ ack, body, action, respond, client }) => {
    await ack();
    const draft = await reviewableDraft(action.value ?? '', body.user.id, respond);
    if (!draft) return;
    await client.views.open({ trigger_id: body.trigger_id, view: renderRejectDraftModal(draft.id) });
  });

  // In the author's DM about a rejected draft, or on a reply the network refused as a duplicate: the reply modal again, with the text to edit.
  app.action<BlockButtonAction>(ACTION_IDS.draftRetry, async ({ ack, body, action, respond, client }) => {
    await ack();
    const draft = await services.prisma.message.findUnique({ where: { id: action.value ?? '' } });
    const reply = draft ? await loadReplyContext(services.prisma, draft.conversationId, body.user.id) : undefined;
    if (!draft || !reply) {
      await respond({ response_type: 'ephemeral', replace_original: false, text: 'This conversation no longer exists.' });
      return;
    }
    await client.views.open({ trigger_id: body.trigger_id, view: renderReplyModal({ ...reply, initialText: draft.text }) });
  });
}

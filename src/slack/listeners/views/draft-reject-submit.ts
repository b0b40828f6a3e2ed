import type { App } from '@slack/bolt';
import { reviewRefusal } from '../../../domain/reply-approval.js';
import { rejectDraft } from '../../../replies/review-draft.js';
import { ACTION_IDS, CALLBACK_IDS } from '../../blocks/action-ids.js';
import { REJECT_REASON_BLOCK } from '../../blocks/draft-messages.js';
import { reviewFailureText } from '../../blocks/draft-notices.js';
import { requestLogger } from '../request-logger.js';
import type { ListenerServices } from '../services.js';

/** The Reject modal: a reason is required; the draft is rejected once, and its author told. */
export function registerDraftRejectSubmit(app: App, services: ListenerServices): void {
  app.view(CALLBACK_IDS.draftRejectSubmit, async ({ ack, body, view, context }) => {
    const refuse = (text: string) => ack({ response_action: 'errors', errors: { [REJECT_REASON_BLOCK]: text } });
    const reason = (view.state.values[REJECT_REASON_BLOCK]?.[ACTION_IDS.draftRejectReason]?.value ?? '').trim();
    if (reason === '') {
      await refuse('Say why, so the author can fix it.');
      return;
    }
    const draft = await services.prisma.message.findUnique({ where: { id: view.private_metadata } });
    if (!draft) {
      await refuse(reviewFailureText({ ok: false, reason: 'not_found' }));
      return;
    }
    const refusal = reviewRefusal({ roles: await services.roles.rolesOf(body.user.id), slackUserId: body.user.id }, draft.slackUserId);
    if (refusal) {
      await refuse(reviewFailureText({ ok: false, reason: refusal }));
      return;
    }
    const outcome = await rejectDraft(services.prisma, services.queue, { messageId: draft.id, reviewerSlackUserId: body.user.id, reason });
    if (!outcome.ok) {
      await refuse(reviewFailureText(outcome));
      return;
    }
    await ack();
    requestLogger(context).info({ messageId: draft.id, conversationId: draft.conversationId }, 'draft rejected');
  });
}

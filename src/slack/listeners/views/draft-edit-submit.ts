import type { SlackViewMiddlewareArgs } from '@slack/bolt';
import { networkOf } from '../../../channels/networks.js';
import { reviewRefusal } from '../../../domain/reply-approval.js';
import { prepareReply } from '../../../domain/reply-draft.js';
import type { Logger } from '../../../log/create-logger.js';
import { auditRefusedReply } from '../../../replies/audit-refusal.js';
import { approveDraft, rewriteDraft } from '../../../replies/review-draft.js';
import { decideReply } from '../../../roles/decide-reply.js';
import { renderDraftHeldModal } from '../../blocks/draft-messages.js';
import { reviewFailureText } from '../../blocks/draft-notices.js';
import type { ListenerServices } from '../services.js';

export interface DraftEditSubmission {
  ack: SlackViewMiddlewareArgs['ack'];
  reviewerSlackUserId: string;
  messageId: string;
  blockId: string;
  text: string;
  logger: Logger;
}

/**
 * An approver's edit of a held draft: the same checks as any reply, and the approval policy
 * applied to the approver's own words; then the edited text is approved, credited to the approver,
 * or held for another approver.
 */
export async function submitDraftEdit(services: ListenerServices, submission: DraftEditSubmission): Promise<void> {
  const { ack, blockId, reviewerSlackUserId } = submission;
  const refuse = (text: string) => ack({ response_action: 'errors', errors: { [blockId]: text } });
  const draft = await services.prisma.message.findUnique({ where: { id: submission.messageId }, include: { conversation: { include: { author: true } } } });
  if (!draft) {
    await refuse(reviewFailureText({ ok: false, reason: 'not_found' }));
    return;
  }
  const refusal = reviewRefusal({ roles: await services.roles.rolesOf(reviewerSlackUserId), slackUserId: reviewerSlackUserId }, draft.slackUserId);
  if (refusal) {
    await refuse(reviewFailureText({ ok: false, reason: refusal }));
    return;
  }
  const network = networkOf(draft.conversation.platform);
  // The draft was signed by its author; the approver's own signature is not added.
  const prepared = prepareReply({ network, text: submission.text, handle: draft.conversation.author.handle, guardOptions: services.guardOptions });
  if (!prepared.ok) {
    await refuse(prepared.errors.reply_text);
    await auditRefusedReply(services.prisma, {
      conversationId: draft.conversationId,
      slackUserId: reviewerSlackUserId,
      surface: 'draft_edit_modal',
      problems: prepared.problems,
    });
    return;
  }
  const decision = await decideReply(services.roles, reviewerSlackUserId, prepared.finalText);
  const edit = { messageId: draft.id, editedText: prepared.finalText };
  const outcome =
    decision.action === 'hold'
      ? await rewriteDraft(services.prisma, services.queue, { ...edit, editorSlackUserId: reviewerSlackUserId, reason: decision.reason })
      : await approveDraft(services.prisma, services.queue, { ...edit, reviewerSlackUserId, surface: 'draft_edit_modal' });
  if (!outcome.ok) {
    await refuse(reviewFailureText(outcome));
    return;
  }
  if (decision.action === 'hold') {
    await ack({ response_action: 'update', view: renderDraftHeldModal(network, decision.reason) });
    submission.logger.info({ messageId: draft.id, conversationId: draft.conversationId }, 'draft edited and held for another approver');
    return;
  }
  await ack();
  submission.logger.info({ messageId: draft.id, conversationId: draft.conversationId }, 'draft edited and approved');
}

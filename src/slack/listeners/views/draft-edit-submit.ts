import type { SlackViewMiddlewareArgs } from '@slack/bolt';
import { reviewRefusal } from '../../../domain/reply-approval.js';
import { prepareReply } from '../../../domain/reply-draft.js';
import type { Logger } from '../../../log/create-logger.js';
import { auditRefusedReply } from '../../../replies/audit-refusal.js';
import { approveDraft } from '../../../replies/review-draft.js';
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

/** An approver's edit of a held draft: the same checks as any reply, then the edited text is approved. */
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
  // The draft was signed by its author; the approver's own signature is not added.
  const prepared = prepareReply({ text: submission.text, handle: draft.conversation.author.handle, guardOptions: services.guardOptions });
  if (!prepared.ok) {
    await refuse(prepared.errors.reply_text);
    await auditRefusedReply(services.prisma, { conversationId: draft.conversationId, slackUserId: reviewerSlackUserId, surface: 'draft_edit_modal', problems: prepared.problems });
    return;
  }
  const outcome = await approveDraft(services.prisma, services.queue, {
    messageId: draft.id,
    reviewerSlackUserId,
    editedText: prepared.finalText,
    surface: 'draft_edit_modal',
  });
  if (!outcome.ok) {
    await refuse(reviewFailureText(outcome));
    return;
  }
  await ack();
  submission.logger.info({ messageId: draft.id, conversationId: draft.conversationId }, 'draft edited and approved');
}

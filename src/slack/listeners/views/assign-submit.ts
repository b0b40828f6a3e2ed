import type { App } from '@slack/bolt';
import { assignConversation } from '../../../conversations/assign-conversation.js';
import { CALLBACK_IDS } from '../../blocks/action-ids.js';
import { ASSIGN_BLOCK_IDS, readAssignModalMetadata, readAssignSubmission } from '../../blocks/assign-modal.js';
import { requestLogger } from '../request-logger.js';
import type { ListenerServices } from '../services.js';

/** The hand-off modal submitted: at least a person or a team, then the hand-off service does the rest. */
export function registerAssignSubmit(app: App, services: ListenerServices): void {
  app.view(CALLBACK_IDS.assignSubmit, async ({ ack, body, view, context }) => {
    const metadata = readAssignModalMetadata(view.private_metadata);
    if (!metadata) {
      await ack({ response_action: 'errors', errors: { [ASSIGN_BLOCK_IDS.user]: 'This form is out of date. Close it and press Assign again.' } });
      return;
    }
    const submission = readAssignSubmission(view.state.values);
    if (!submission.ok) {
      await ack({ response_action: 'errors', errors: submission.errors });
      return;
    }
    await ack();
    const result = await assignConversation(services, {
      conversationId: metadata.conversationId,
      actorSlackUserId: body.user.id,
      toSlackUserId: submission.toSlackUserId,
      toSlackTeamId: submission.toSlackTeamId,
      note: submission.note,
      surface: 'assign_modal',
    });
    const logger = requestLogger(context);
    if (result.ok) logger.info({ conversationId: metadata.conversationId }, 'conversation handed off');
    else logger.warn({ conversationId: metadata.conversationId, reason: result.reason }, 'hand-off not recorded');
  });
}

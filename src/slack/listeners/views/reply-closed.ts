import type { App } from '@slack/bolt';
import { stopReplying } from '../../../conversations/collision-notice.js';
import { CALLBACK_IDS } from '../../blocks/action-ids.js';
import { readReplyModalMetadata } from '../../blocks/reply-modal.js';
import type { ListenerServices } from '../services.js';

/** The reply modal was cancelled: "… is replying" goes from the parent (if it is still that person). */
export function registerReplyClosed(app: App, services: ListenerServices): void {
  app.view({ callback_id: CALLBACK_IDS.replySubmit, type: 'view_closed' }, async ({ ack, body, view }) => {
    await ack();
    const metadata = readReplyModalMetadata(view.private_metadata);
    if (!metadata) return;
    await stopReplying(services, { conversationId: metadata.conversationId, slackUserId: body.user.id });
  });
}

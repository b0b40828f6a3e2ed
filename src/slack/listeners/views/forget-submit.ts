import type { App } from '@slack/bolt';
import type { ForgetOutcome } from '../../../forget/forget-customer.js';
import { defaultReportSettings } from '../../../reports/report-service.js';
import { managerAccess } from '../../../roles/manager-access.js';
import { FORGET_CALLBACK_ID, readForgetMetadata, renderForgetDone, renderForgetNotice } from '../../blocks/forget-messages.js';
import { requestLogger } from '../request-logger.js';
import type { ListenerServices } from '../services.js';

/** "Erase" in the `/social forget` modal: managers only, checked again; the modal then says what was done (updated once the erasure is committed). */
export function registerForgetSubmit(app: App, services: ListenerServices): void {
  app.view(FORGET_CALLBACK_ID, async ({ ack, body, view, client, context }) => {
    const logger = requestLogger(context);
    const metadata = readForgetMetadata(view.private_metadata);
    if (!metadata) {
      await ack({ response_action: 'update', view: renderForgetNotice('This form is out of date: nothing was erased. Run `/social forget @handle` again.') });
      return;
    }
    const settings = services.reports ?? defaultReportSettings;
    if ((await managerAccess({ slack: client, logger, managers: settings.managers }, body.user.id)) !== 'manager') {
      await ack({ response_action: 'update', view: renderForgetNotice(':lock: Only managers may erase a customer’s data: nothing was erased.') });
      return;
    }
    // Answer at once (Slack waits 3 s at most); the modal is updated with the outcome.
    await ack({ response_action: 'update', view: renderForgetNotice('Erasing… this takes a moment.') });
    let outcome: ForgetOutcome | undefined;
    try {
      // Loaded on the rare data request, not at start-up.
      const { forgetCustomer } = await import('../../../forget/forget-customer.js');
      outcome = await forgetCustomer(services, { authorIds: metadata.authorIds, actorSlackUserId: body.user.id, surface: 'forget_modal' });
    } catch (error) {
      await client.views.update({
        view_id: view.id,
        view: renderForgetNotice(':x: Sorry, that did not finish. Run `/social forget` again in a moment: it says whether the data is already erased.'),
      });
      throw error;
    }
    if (!outcome) {
      await client.views.update({ view_id: view.id, view: renderForgetNotice('This customer’s data was already erased.') });
      return;
    }
    await client.views.update({
      view_id: view.id,
      view: renderForgetDone({ conversations: outcome.conversationRefs.length, messages: outcome.messages, refs: outcome.conversationRefs }),
    });
    logger.info({ conversations: outcome.conversationRefs.length, messages: outcome.messages }, 'customer data erased');
  });
}

import type { App } from '@slack/bolt';
import type { Logger } from '../../log/create-logger.js';
import { registerAssignActions } from './actions/assign-actions.js';
import { registerDraftActions } from './actions/draft-actions.js';
import { registerOverflowActions } from './actions/overflow-actions.js';
import { registerPrivateActions } from './actions/private-actions.js';
import { registerReplyActions } from './actions/reply-actions.js';
import { registerReportShare } from './actions/report-share.js';
import { registerResolveActions } from './actions/resolve-actions.js';
import { registerSurgeActions } from './actions/surge-actions.js';
import { registerTakeActions } from './actions/take-actions.js';
import { registerSocialCommand } from './commands/social-command.js';
import { registerSocialReportCommand } from './commands/social-report-command.js';
import { registerThreadMessages } from './events/thread-message.js';
import { registerAppHome } from './home/app-home.js';
import { useRequestLogger } from './request-logger.js';
import type { ListenerServices } from './services.js';
import { registerSendPublicly } from './shortcuts/send-publicly.js';
import { registerAssignSubmit } from './views/assign-submit.js';
import { registerDraftRejectSubmit } from './views/draft-reject-submit.js';
import { registerForgetSubmit } from './views/forget-submit.js';
import { registerReplyClosed } from './views/reply-closed.js';
import { registerTakePrivateSubmit } from './views/private-submit.js';
import { registerReplySubmit } from './views/reply-submit.js';

/** Every Slack surface Earshot answers. Listeners parse, authorise, ack, and hand work on. */
export function registerListeners(app: App, services: ListenerServices, logger: Logger): void {
  useRequestLogger(app, logger);
  registerReplyActions(app, services);
  registerResolveActions(app, services);
  registerReplySubmit(app, services);
  registerPrivateActions(app, services);
  registerTakePrivateSubmit(app, services);
  registerSendPublicly(app, services);
  registerThreadMessages(app, services);
  registerSocialCommand(app, services);
  registerAssignActions(app, services);
  registerAssignSubmit(app, services);
  registerTakeActions(app, services);
  registerOverflowActions(app, services);
  registerReplyClosed(app, services);
  registerAppHome(app, services);
  registerSocialReportCommand(app, services, logger);
  registerReportShare(app, services, logger);
  registerSurgeActions(app, services);
  registerDraftActions(app, services);
  registerDraftRejectSubmit(app, services);
  registerForgetSubmit(app, services);
  app.error(async (error) => {
    logger.error({ err: error }, 'a Slack listener failed');
  });
}

import type { App } from '@slack/bolt';
import type { Logger } from '../../log/create-logger.js';
import { registerReplyActions } from './actions/reply-actions.js';
import { registerResolveActions } from './actions/resolve-actions.js';
import { registerSocialCommand } from './commands/social-command.js';
import { registerThreadMessages } from './events/thread-message.js';
import { useRequestLogger } from './request-logger.js';
import type { ListenerServices } from './services.js';
import { registerSendPublicly } from './shortcuts/send-publicly.js';
import { registerReplySubmit } from './views/reply-submit.js';

/** Every Slack surface Earshot answers. Listeners parse, authorise, ack, and hand work on. */
export function registerListeners(app: App, services: ListenerServices, logger: Logger): void {
  useRequestLogger(app, logger);
  registerReplyActions(app, services);
  registerResolveActions(app, services);
  registerReplySubmit(app, services);
  registerSendPublicly(app, services);
  registerThreadMessages(app, services);
  registerSocialCommand(app, services);
  app.error(async (error) => {
    logger.error({ err: error }, 'a Slack listener failed');
  });
}

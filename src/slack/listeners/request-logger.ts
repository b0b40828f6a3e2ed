import type { App } from '@slack/bolt';
import { withCorrelation, type Logger } from '../../log/create-logger.js';

const key = 'requestLogger';

/** Gives every Slack request a child logger with its own correlation id. */
export function useRequestLogger(app: App, logger: Logger): void {
  app.use(async ({ context, next }) => {
    context[key] = withCorrelation(logger, 'slackRequestId');
    await next();
  });
}

export function requestLogger(context: Record<string, unknown>): Logger {
  return context[key] as Logger;
}

import { App, type CustomRoute } from '@slack/bolt';
import type { Config } from '../config/load-config.js';
import { toSlackLogger } from '../log/bolt-logger.js';
import type { Logger } from '../log/create-logger.js';

export interface SlackAppOptions {
  slack: Config['slack'];
  port: number;
  logger: Logger;
  customRoutes: CustomRoute[];
}

/** Bolt in Socket Mode or HTTP mode (`POST /slack/events`), talking to the configured Web API. */
export function buildSlackApp({ slack, port, logger, customRoutes }: SlackAppOptions): App {
  const common = {
    token: slack.botToken,
    logger: toSlackLogger(logger),
    clientOptions: {
      slackApiUrl: slack.apiUrl,
      // A rate-limited call throws (see slack-retry-at.ts) rather than sleeping for minutes inside a
      // job or a listener; the job is queued again for when Slack's Retry-After allows it.
      rejectRateLimitedCalls: true,
      // Network errors and 5xx: a few quick tries; beyond that the job queue's backoff takes over.
      retryConfig: { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 2_000 },
    },
    customRoutes,
  };
  return slack.mode === 'socket'
    ? new App({ ...common, socketMode: true, appToken: slack.appToken, installerOptions: { port } })
    : new App({ ...common, signingSecret: slack.signingSecret, port });
}

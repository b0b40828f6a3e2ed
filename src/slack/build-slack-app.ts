import { App, webApi, type CustomRoute } from '@slack/bolt';
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
      // Network errors and 5xx: retried for five minutes, not the default thirty. Not shorter: Bolt
      // checks the token (auth.test) once at construction and leaves that promise unhandled, so
      // giving up while Slack is still unreachable at start-up would end the process.
      retryConfig: webApi.retryPolicies.fiveRetriesInFiveMinutes,
    },
    customRoutes,
  };
  return slack.mode === 'socket'
    ? new App({ ...common, socketMode: true, appToken: slack.appToken, installerOptions: { port } })
    : new App({ ...common, signingSecret: slack.signingSecret, port });
}

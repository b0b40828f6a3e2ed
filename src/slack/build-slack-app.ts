import { App, HTTPReceiver, SocketModeReceiver, webApi, type CustomRoute } from '@slack/bolt';
import type { Config } from '../config/load-config.js';
import { toSlackLogger } from '../log/bolt-logger.js';
import type { Logger } from '../log/create-logger.js';
import { createSlackFetch, type SlackCallObserver } from './slack-fetch.js';
import { watchSocketConnection, type SocketConnection } from './socket-connection.js';
import { withTimedAcks, type AckObserver } from './timed-acks.js';

export interface SlackAppOptions {
  slack: Config['slack'];
  port: number;
  logger: Logger;
  customRoutes: CustomRoute[];
  /** Told how every Slack call ended (metrics). */
  onSlackCall?: SlackCallObserver;
  /** Told how long each request took to be acknowledged (metrics). */
  onAck?: AckObserver;
  /** HTTP mode: how long a request may wait for its acknowledgement before it is answered 404 (default Slack's 3 s). */
  ackBudgetMs?: number | undefined;
}

export interface SlackApp {
  app: App;
  /** Socket Mode's connection to Slack; undefined in HTTP mode. */
  connection: SocketConnection | undefined;
}

/**
 * Slack sends small JSON or form bodies (a modal's whole state is a few dozen KiB); anything much
 * larger is refused with 413 before it is read whole (Bolt's own limit is 4 MB).
 */
export const maxRequestBodyBytes = 256 * 1024;

/** Bolt in Socket Mode or HTTP mode (`POST /slack/events`), talking to the configured Web API. */
export function buildSlackApp({ slack, port, logger, customRoutes, onSlackCall, onAck, ackBudgetMs }: SlackAppOptions): SlackApp {
  const boltLogger = toSlackLogger(logger);
  const clientOptions = {
    slackApiUrl: slack.apiUrl,
    timeout: slack.timeoutMs,
    // A rate-limited call throws (see slack-retry-at.ts) rather than sleeping for minutes inside a
    // job or a listener; the job is queued again for when Slack's Retry-After allows it.
    rejectRateLimitedCalls: true,
    // Network errors and 5xx: retried for five minutes, not the default thirty. Not shorter: Bolt
    // checks the token (auth.test) once at construction and leaves that promise unhandled, so
    // giving up while Slack is still unreachable at start-up would end the process.
    retryConfig: webApi.retryPolicies.fiveRetriesInFiveMinutes,
    fetch: createSlackFetch({ apiUrl: slack.apiUrl, timeoutMs: slack.timeoutMs, ...(onSlackCall ? { onCall: onSlackCall } : {}) }),
  };
  let connection: SocketConnection | undefined;
  let receiver;
  if (slack.mode === 'socket') {
    const socketReceiver = new SocketModeReceiver({
      appToken: slack.appToken ?? '',
      logger: boltLogger,
      logLevel: boltLogger.getLevel(),
      customRoutes,
      installerOptions: { port, clientOptions },
    });
    connection = watchSocketConnection(socketReceiver.client);
    receiver = socketReceiver;
  } else {
    receiver = new HTTPReceiver({
      signingSecret: slack.signingSecret ?? '',
      port,
      logger: boltLogger,
      customRoutes,
      bodyLimit: maxRequestBodyBytes,
      ...(ackBudgetMs !== undefined ? { unhandledRequestTimeoutMillis: ackBudgetMs } : {}),
    });
  }
  const app = new App({ token: slack.botToken, logger: boltLogger, clientOptions, receiver: onAck ? withTimedAcks(receiver, onAck) : receiver });
  return { app, connection };
}

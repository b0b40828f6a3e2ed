import type { BlueskyEmulator } from './bluesky/index.js';
import type { MetaEmulator } from './meta/index.js';
import type { SlackEmulator } from './slack/index.js';
import type { XEmulator } from './x/index.js';

export interface EarshotEnvironmentOptions {
  slack: SlackEmulator;
  x: XEmulator;
  /** Bluesky is watched too when given. */
  bluesky?: BlueskyEmulator | undefined;
  /** The Facebook Page and its linked Instagram account are watched too when given, with their webhooks. */
  meta?: MetaEmulator | undefined;
  /** Where new conversations are posted; default the emulator's #social. */
  channelId?: string;
  database: { databaseUrl?: string | undefined; dataDir: string };
  port?: number;
  pollIntervalSeconds?: number;
  logLevel?: string;
}

/**
 * The environment variables that wire Earshot to the emulators: the same variables a deployment
 * sets, with the emulators' URLs and credentials (tests, the sandbox and the benchmarks share it).
 */
export function earshotEnvironment(options: EarshotEnvironmentOptions): Record<string, string> {
  const { slack, x } = options;
  return {
    SLACK_BOT_TOKEN: slack.botToken,
    SLACK_SIGNING_SECRET: slack.signingSecret,
    ...(slack.deliveryMode === 'socket' ? { SLACK_APP_TOKEN: slack.appToken, SLACK_MODE: 'socket' } : { SLACK_MODE: 'http' }),
    SLACK_API_URL: slack.apiUrl,
    SLACK_CHANNEL: options.channelId ?? slack.channels.social ?? '',
    X_API_KEY: x.credentials.appKey,
    X_API_SECRET: x.credentials.appSecret,
    X_ACCESS_TOKEN: x.credentials.accessToken,
    X_ACCESS_SECRET: x.credentials.accessSecret,
    X_API_URL: x.baseUrl,
    X_POLL_INTERVAL_SECONDS: String(options.pollIntervalSeconds ?? 60),
    ...(options.bluesky
      ? {
          BLUESKY_IDENTIFIER: options.bluesky.credentials.identifier,
          BLUESKY_APP_PASSWORD: options.bluesky.credentials.password,
          BLUESKY_SERVICE: options.bluesky.service,
          BLUESKY_POLL_INTERVAL_SECONDS: String(options.pollIntervalSeconds ?? 60),
        }
      : {}),
    ...(options.meta
      ? {
          META_PAGE_ID: options.meta.page.id,
          INSTAGRAM_ACCOUNT_ID: options.meta.instagram.id,
          META_PAGE_TOKEN: options.meta.credentials.pageAccessToken,
          META_GRAPH_URL: options.meta.graphUrl,
          META_APP_SECRET: options.meta.credentials.appSecret,
          META_VERIFY_TOKEN: options.meta.credentials.verifyToken,
          META_POLL_INTERVAL_SECONDS: String(options.pollIntervalSeconds ?? 60),
        }
      : {}),
    LOG_LEVEL: options.logLevel ?? 'info',
    ...(options.port !== undefined ? { PORT: String(options.port) } : {}),
    ...(options.database.databaseUrl ? { DATABASE_URL: options.database.databaseUrl } : { DATA_DIR: options.database.dataDir }),
  };
}

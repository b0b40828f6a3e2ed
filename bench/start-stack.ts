import { startSlackEmulator, type SlackEmulator, type SlackEmulatorOptions, type SlackMessage } from '../emulators/slack/index.js';
import { startXEmulator, type TlsMaterial, type XEmulator } from '../emulators/x/index.js';
import { loadConfig } from '../src/config/load-config.js';
import { startEarshot, type RunningEarshot } from '../src/earshot.js';
import { createLogger } from '../src/log/create-logger.js';
import { createTestDatabase, type DatabaseKind } from '../test/support/test-databases.js';

export interface Stack {
  x: XEmulator;
  slack: SlackEmulator;
  earshot: RunningEarshot;
  /** The channel new conversations go to (SLACK_CHANNEL). */
  channelId: string;
  /** Earshot's log lines at warn and above (JSON), to explain a failed or slow run. */
  logs: string[];
  stop(): Promise<void>;
}

export interface StackOptions {
  database: DatabaseKind;
  tls: TlsMaterial;
  slackUsers: NonNullable<SlackEmulatorOptions['users']>;
}

/** Both emulators, rate limits off, and Earshot wired to them as test/support/earshot-harness.ts does. */
export async function startStack(options: StackOptions): Promise<Stack> {
  const cleanups: Array<() => Promise<unknown>> = [];
  const stop = async () => {
    for (const cleanup of cleanups.reverse()) await cleanup().catch(() => undefined);
  };
  try {
    const x = await startXEmulator({ tls: options.tls, rateLimits: false });
    cleanups.push(() => x.close());
    // The default "billing" group names default users; these people replace them.
    const slack = await startSlackEmulator({
      delivery: { mode: 'http' },
      rateLimits: 'off',
      users: options.slackUsers,
      usergroups: [],
      channels: [
        { name: 'social', purpose: 'Public mentions' },
        { name: 'social-alerts', purpose: 'Surge alerts' },
      ],
    });
    cleanups.push(() => slack.close());
    const database = await createTestDatabase(options.database);
    cleanups.push(() => database.drop());

    const channelId = slack.channels.social!;
    const logs: string[] = [];
    const config = loadConfig({
      SLACK_BOT_TOKEN: slack.botToken,
      SLACK_SIGNING_SECRET: slack.signingSecret,
      SLACK_MODE: 'http',
      SLACK_API_URL: slack.apiUrl,
      SLACK_CHANNEL: channelId,
      X_API_KEY: x.credentials.appKey,
      X_API_SECRET: x.credentials.appSecret,
      X_ACCESS_TOKEN: x.credentials.accessToken,
      X_ACCESS_SECRET: x.credentials.accessSecret,
      X_API_URL: x.baseUrl,
      X_POLL_INTERVAL_SECONDS: '3600',
      LOG_LEVEL: 'warn',
      // The guardrails that run on every poll, on as a team would have them; grouping off so every
      // mention still gets its own thread (which is what the ingest figure counts).
      SURGE_CHANNEL: slack.channels['social-alerts']!,
      SURGE_GROUPING: 'off',
      SLA_MINUTES: '30',
      ...(database.location.databaseUrl ? { DATABASE_URL: database.location.databaseUrl } : { DATA_DIR: database.location.dataDir }),
    });
    const logger = createLogger({
      level: 'warn',
      secrets: [slack.botToken, slack.appToken, slack.signingSecret, x.credentials.appSecret, x.credentials.accessToken, x.credentials.accessSecret],
      destination: { write: (line: string) => void logs.push(line) },
    });
    const earshot = await startEarshot({ ...config, port: 0 }, logger, { jobPollingIntervalSeconds: 0.5 });
    cleanups.push(() => earshot.stop());
    slack.setRequestUrl(`http://127.0.0.1:${earshot.port}/slack/events`);
    return { x, slack, earshot, channelId, logs, stop };
  } catch (error) {
    await stop();
    throw error;
  }
}

/** The parent messages in #social: one per conversation Earshot posted. */
export function threadParents(stack: Stack): SlackMessage[] {
  return stack.slack.state.messages(stack.channelId).filter((message) => message.thread_ts === undefined || message.thread_ts === message.ts);
}

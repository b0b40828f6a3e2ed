import { readFileSync } from 'node:fs';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { startBlueskyEmulator, type BlueskyEmulator, type BlueskyEmulatorOptions } from '../../emulators/bluesky/index.js';
import { startMetaEmulator, type MetaEmulator, type MetaEmulatorOptions } from '../../emulators/meta/index.js';
import { startSlackEmulator, type SlackEmulator, type SlackEmulatorOptions } from '../../emulators/slack/index.js';
import { earshotEnvironment } from '../../emulators/earshot-environment.js';
import { startXEmulator, type XEmulator, type XEmulatorOptions } from '../../emulators/x/index.js';
import { loadConfig } from '../../src/config/load-config.js';
import { startEarshot, type RunningEarshot } from '../../src/earshot.js';
import { createLogger } from '../../src/log/create-logger.js';
import { createTestDatabase, type DatabaseKind, type TestDatabase } from './test-databases.js';

export interface Harness {
  x: XEmulator;
  /** Present when the harness was started with `bluesky`. */
  bluesky?: BlueskyEmulator;
  /** Present when the harness was started with `meta`; its webhooks go to Earshot's /webhooks/meta. */
  meta?: MetaEmulator;
  slack: SlackEmulator;
  earshot: RunningEarshot;
  database: TestDatabase;
  /** The channel new conversations go to (SLACK_CHANNEL). */
  channelId: string;
  /** Every log line Earshot wrote, as text. */
  logs: string[];
  /** Starts Earshot again on the same database and emulators (after `earshot.stop()`). */
  restart(): Promise<RunningEarshot>;
  stop(): Promise<void>;
}

export interface HarnessOptions {
  slack?: SlackEmulatorOptions;
  x?: XEmulatorOptions;
  /** Also watch a Bluesky account, on a Bluesky emulator (plain HTTP on 127.0.0.1). */
  bluesky?: true | BlueskyEmulatorOptions;
  /** Also watch a Facebook Page and its Instagram account, on a Meta emulator whose webhooks reach Earshot. */
  meta?: true | MetaEmulatorOptions;
  /** Extra environment variables for Earshot (e.g. REPORT_MANAGERS), over the emulators' ones; a function sees the emulators' ids. */
  env?: Record<string, string> | ((emulators: { slack: SlackEmulator; x: XEmulator }) => Record<string, string>);
  /** Earshot's clock (SLA, out of hours, surges); the real time when absent. */
  now?: () => Date;
  /** Earshot's HTTP port (default any free one; in Socket Mode, name one to reach /healthz). */
  port?: number;
  /** How long Socket Mode may stay disconnected before /healthz says so. */
  slackDisconnectGraceMs?: number;
}

/** The certificate made by global-setup.ts, which this process trusts through NODE_EXTRA_CA_CERTS. */
function testTls(): { key: string; cert: string } {
  const dir = process.env.EARSHOT_TEST_TLS_DIR;
  if (!dir) throw new Error('EARSHOT_TEST_TLS_DIR is unset: run the tests through vitest (global-setup.ts makes the certificate).');
  return { key: readFileSync(path.join(dir, 'key.pem'), 'utf8'), cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8') };
}

/** Both emulators and Earshot wired to them, on a fresh database of the given kind. */
export async function startHarness(kind: DatabaseKind, options: HarnessOptions = {}): Promise<Harness> {
  const x = await startXEmulator({ tls: testTls(), ...options.x });
  // Slack's 3 s budgets for acks and trigger_ids are checked by the emulator's own tests; here they are generous, so a
  // loaded 2-core machine does not turn a slow acknowledgement into a missing modal or a retried event.
  const timings = { ackTimeoutMs: 30_000, triggerTtlMs: 60_000, ...options.slack?.timings };
  const slack = await startSlackEmulator({ delivery: { mode: 'http' }, ...options.slack, timings });
  const bluesky = options.bluesky ? await startBlueskyEmulator(options.bluesky === true ? {} : options.bluesky) : undefined;
  const meta = options.meta
    ? await startMetaEmulator({
        tls: testTls(),
        ...(options.meta === true ? {} : options.meta),
        // Quick retries: a delivery Earshot was not there for is retried within the test.
        webhook: { retryDelaysMs: [200, 500, 1_000, 2_000], ...(options.meta === true ? {} : options.meta.webhook) },
      })
    : undefined;
  const database = await createTestDatabase(kind);
  const channelId = slack.channels.social!;
  const logs: string[] = [];
  const config = loadConfig({
    ...earshotEnvironment({ slack, x, bluesky, meta, channelId, database: database.location, pollIntervalSeconds: 3600, logLevel: 'debug' }),
    ...(typeof options.env === 'function' ? options.env({ slack, x }) : options.env),
  });
  const logger = createLogger({
    level: 'debug',
    secrets: [
      slack.botToken,
      slack.appToken,
      slack.signingSecret,
      x.credentials.appSecret,
      x.credentials.accessToken,
      x.credentials.accessSecret,
      ...(bluesky ? [bluesky.credentials.password] : []),
      ...(meta ? [meta.credentials.pageAccessToken, meta.credentials.appSecret] : []),
    ],
    destination: { write: (line: string) => void logs.push(line) },
  });
  let running: RunningEarshot | undefined;
  const start = async () => {
    const earshot = await startEarshot({ ...config, port: options.port ?? 0 }, logger, {
      ...(database.connectEarshot ? { database: database.connectEarshot() } : {}),
      jobPollingIntervalSeconds: 0.5,
      // Bolt answers 404 to a request not acknowledged in time: as long as the emulator waits.
      slackAckBudgetMs: timings.ackTimeoutMs,
      ...(options.now ? { now: options.now } : {}),
      ...(options.slackDisconnectGraceMs !== undefined ? { slackDisconnectGraceMs: options.slackDisconnectGraceMs } : {}),
    });
    if (slack.deliveryMode === 'http') slack.setRequestUrl(`http://127.0.0.1:${earshot.port}/slack/events`);
    else if (!(await slack.waitForSocketConnection(10_000))) throw new Error('Earshot did not connect to the emulator over Socket Mode');
    meta?.control.setWebhookUrl(`http://127.0.0.1:${earshot.port}/webhooks/meta`);
    running = earshot;
    const stop = earshot.stop.bind(earshot);
    return Object.assign(earshot, {
      stop: async () => {
        running = undefined;
        await stop();
      },
    });
  };
  const harness: Harness = {
    x,
    ...(bluesky ? { bluesky } : {}),
    ...(meta ? { meta } : {}),
    slack,
    earshot: await start(),
    // While Earshot runs, tests read through its own connection: opening the embedded database a
    // second time costs seconds and sees its files only as far as they were written.
    database: {
      ...database,
      open: async () => (running ? { ...running.database, close: async () => undefined } : database.open()),
    },
    channelId,
    logs,
    async restart() {
      harness.earshot = await start();
      return harness.earshot;
    },
    async stop() {
      if (process.env.EARSHOT_TEST_LOGS) process.stdout.write(logs.join(''));
      await harness.earshot.stop();
      await Promise.all([x.close(), slack.close(), bluesky?.close(), meta?.close()]);
      await database.drop();
    },
  };
  return harness;
}

/** Waits until `probe` returns something truthy (eventual consistency through the job queue). */
export async function eventually<T>(
  probe: () => T | undefined | null | false | Promise<T | undefined | null | false>,
  what: string,
  timeoutMs = 20_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await sleep(100);
  }
}

/** The text a person sees in a Slack message: its fallback text and every text in its blocks. */
export function visibleText(message: { text?: string; blocks?: unknown[] }): string {
  return [message.text ?? '', JSON.stringify(message.blocks ?? [])].join('\n');
}

/** A channel's top-level messages: thread parents and unthreaded messages, not thread replies. */
export function isParentMessage(message: { ts: string; thread_ts?: string | undefined }): boolean {
  return !message.thread_ts || message.thread_ts === message.ts;
}

/** The parent messages in a channel of the harness's workspace (default: the one new conversations go to), oldest first. */
export function parentMessages(h: Pick<Harness, 'slack' | 'channelId'>, channelId = h.channelId) {
  return h.slack.state.messages(channelId).filter(isParentMessage);
}

/**
 * Runs `/social <text>` as `user` (in `channelId`, default the conversations' channel) and waits for
 * the answer Earshot sends through the response_url after an empty acknowledgement.
 */
export async function socialAnswer(h: Pick<Harness, 'slack' | 'channelId'>, user: string, text: string, channelId = h.channelId) {
  const before = h.slack.state.ephemerals(user).length;
  const result = await h.slack.driver.slashCommand({ user, channel: channelId, command: '/social', text });
  if (result.response) throw new Error(`/social ${text} was answered in its acknowledgement, not through the response_url`);
  return eventually(
    () =>
      h.slack.state
        .ephemerals(user)
        .slice(before)
        .find((message) => message.source === 'response_url'),
    `the answer to /social ${text}`,
  );
}

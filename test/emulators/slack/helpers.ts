import type { AddressInfo } from 'node:net';
import { App, type AppOptions, LogLevel, type Logger, SocketModeReceiver } from '@slack/bolt';
import { type SlackEmulator, type SlackEmulatorOptions, startSlackEmulator } from '../../../emulators/slack/index.js';

/** A Bolt logger that keeps what it is told (tests assert on it) instead of writing to the console. */
export function recordingLogger(): Logger & { lines: Array<{ level: string; text: string }> } {
  const lines: Array<{ level: string; text: string }> = [];
  let level = LogLevel.INFO;
  let name = 'bolt';
  const record =
    (kind: string) =>
    (...msg: unknown[]) => {
      lines.push({ level: kind, text: msg.map((m) => (m instanceof Error ? m.message : String(m))).join(' ') });
    };
  return {
    lines,
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
    setLevel: (next: LogLevel) => {
      level = next;
    },
    getLevel: () => level,
    setName: (next: string) => {
      name = next;
    },
    toString: () => name,
  } as Logger & { lines: Array<{ level: string; text: string }> };
}

export interface RunningApp {
  app: App;
  emulator: SlackEmulator;
  logger: ReturnType<typeof recordingLogger>;
  stop(): Promise<void>;
}

/**
 * Bolt with its HTTP receiver on a random port, Web API pointed at the emulator, and the
 * emulator's Request URL pointed at Bolt's /slack/events.
 */
export async function startHttpApp(
  register: (app: App) => void,
  options: SlackEmulatorOptions = {},
  appOptions: Partial<AppOptions> = {},
): Promise<RunningApp> {
  const emulator = await startSlackEmulator({ ...options, delivery: { mode: 'http' } });
  const logger = recordingLogger();
  const app = new App({
    token: emulator.botToken,
    signingSecret: emulator.signingSecret,
    clientOptions: { slackApiUrl: emulator.apiUrl },
    logger,
    ...appOptions,
  });
  register(app);
  const server = await app.start(0);
  emulator.setRequestUrl(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`);
  return {
    app,
    emulator,
    logger,
    stop: async () => {
      await app.stop();
      await emulator.close();
    },
  };
}

/**
 * Bolt in Socket Mode: the app token opens the emulator's apps.connections.open and its WebSocket.
 * `App({ socketMode, appToken, clientOptions })` hands clientOptions (slackApiUrl) to the
 * SocketModeReceiver through installerOptions; `receiver` builds the receiver explicitly instead,
 * which is the way to set SocketModeClient options such as clientPingTimeout (its reconnect delay).
 */
export async function startSocketApp(
  register: (app: App) => void,
  options: SlackEmulatorOptions = {},
  receiver?: { clientPingTimeout: number },
): Promise<RunningApp> {
  const emulator = await startSlackEmulator({ ...options, delivery: { mode: 'socket' } });
  const logger = recordingLogger();
  const clientOptions = { slackApiUrl: emulator.apiUrl };
  const app = receiver
    ? new App({
        token: emulator.botToken,
        clientOptions,
        logger,
        receiver: new SocketModeReceiver({
          appToken: emulator.appToken,
          logger,
          clientPingTimeout: receiver.clientPingTimeout,
          installerOptions: { clientOptions },
        }),
      })
    : new App({ token: emulator.botToken, appToken: emulator.appToken, socketMode: true, clientOptions, logger });
  register(app);
  await app.start();
  return {
    app,
    emulator,
    logger,
    stop: async () => {
      await app.stop();
      await emulator.close();
    },
  };
}

/** A modal with one text input, the shape Earshot's Reply modal has. */
export function replyModal(privateMetadata: string): Record<string, unknown> {
  return {
    type: 'modal',
    callback_id: 'reply_modal',
    private_metadata: privateMetadata,
    title: { type: 'plain_text', text: 'Reply on X' },
    submit: { type: 'plain_text', text: 'Send' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      {
        type: 'input',
        block_id: 'reply',
        label: { type: 'plain_text', text: 'Your reply' },
        element: { type: 'plain_text_input', action_id: 'text', multiline: true, max_length: 280 },
      },
      {
        type: 'input',
        block_id: 'assignee',
        optional: true,
        label: { type: 'plain_text', text: 'Hand off to' },
        element: { type: 'users_select', action_id: 'user' },
      },
    ],
  };
}

/** Blocks like Earshot's parent message: header, text, context and a row of buttons plus an overflow. */
export function parentMessageBlocks(): Record<string, unknown>[] {
  return [
    { type: 'header', text: { type: 'plain_text', text: 'New mention from @jane', emoji: true } },
    { type: 'section', block_id: 'mention', text: { type: 'mrkdwn', text: '*Jane Doe* <https://x.com/jane|@jane>\nMy refund never arrived :(' } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: 'Status: *new* · <https://x.com/jane/status/1|view on X>' }] },
    { type: 'divider' },
    {
      type: 'actions',
      block_id: 'mention_actions',
      elements: [
        { type: 'button', action_id: 'reply', text: { type: 'plain_text', text: 'Reply' }, style: 'primary', value: 'conv_1' },
        { type: 'button', action_id: 'assign', text: { type: 'plain_text', text: 'Assign / hand off' }, value: 'conv_1' },
        { type: 'button', action_id: 'take_private', text: { type: 'plain_text', text: 'Take private' }, value: 'conv_1' },
        { type: 'button', action_id: 'resolve', text: { type: 'plain_text', text: 'Resolve' }, style: 'danger', value: 'conv_1' },
        {
          type: 'overflow',
          action_id: 'more',
          options: [
            { text: { type: 'plain_text', text: 'Ignore' }, value: 'ignore' },
            { text: { type: 'plain_text', text: 'Mark as spam' }, value: 'spam' },
            { text: { type: 'plain_text', text: 'Like on X' }, value: 'like' },
          ],
        },
      ],
    },
  ];
}

import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBlueskyEmulator, type BlueskyEmulator } from '../bluesky/index.js';
import { earshotEnvironment } from '../earshot-environment.js';
import { startMetaEmulator, type MetaEmulator } from '../meta/index.js';
import { startSlackEmulator, type SlackEmulator } from '../slack/index.js';
import { generateLocalCertificate } from '../x/cert.js';
import { startXEmulator, type XEmulator } from '../x/index.js';
import { freePort, startEarshotProcess, type EarshotProcess } from './earshot-process.js';
import { roleEnvironment } from './roles.js';

export interface Sandbox {
  x: XEmulator;
  bluesky: BlueskyEmulator;
  /** The Facebook Page and its Instagram account; webhooks go to Earshot's /webhooks/meta. */
  meta: MetaEmulator;
  slack: SlackEmulator;
  /** #social, where Earshot posts new conversations (SLACK_CHANNEL). */
  channelId: string;
  earshot: EarshotProcess;
  /** Where Earshot's own log goes. */
  logFile: string;
  /** The sandbox's own directory (`<dataDir>/sandbox`), where `file` saves downloads. */
  dir: string;
  stop(): Promise<void>;
}

export interface SandboxOptions {
  /** The sandbox keeps its files in `<dataDir>/sandbox`. */
  dataDir: string;
  /** Progress messages while starting. */
  report?: (line: string) => void;
}

const repositoryRoot = fileURLToPath(new URL('../..', import.meta.url));

/** Readable, fixed credentials: nothing here is a secret, and nothing comes from the user's environment. */
const xCredentials = {
  appKey: 'sandbox-x-api-key',
  appSecret: 'sandbox-x-api-secret',
  accessToken: 'sandbox-acme-access-token',
  accessSecret: 'sandbox-acme-access-secret',
  bearerToken: 'sandbox-x-bearer-token',
};
const slackCredentials = { botToken: 'xoxb-sandbox-bot-token', signingSecret: 'sandbox-signing-secret' };
const blueskyAppPassword = 'sand-box0-blue-sky0';
const metaCredentials = {
  appSecret: '5a4db0c5a4db0c5a4db0c5a4db0c5a4d',
  verifyToken: 'sandbox-meta-verify-token',
  pageAccessToken: 'EAAsandboxPageAccessToken',
};
const pollIntervalSeconds = 2;

/** Relative to the working directory when inside it (./data/sandbox/earshot.log), else absolute. */
function readablePath(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative.startsWith('..') || path.isAbsolute(relative) ? file : `.${path.sep}${relative}`;
}

/** The emulators (Slack, X, Bluesky, Meta) and Earshot wired to them, with Earshot running as its own process. */
export async function startSandbox(options: SandboxOptions): Promise<Sandbox> {
  const report = options.report ?? (() => undefined);
  const dir = path.resolve(options.dataDir, 'sandbox');
  await mkdir(dir, { recursive: true });
  // The emulators start empty every time, so conversations from an earlier run would point at
  // posts and Slack threads that no longer exist.
  await rm(path.join(dir, 'pglite'), { recursive: true, force: true });

  const tls = await generateLocalCertificate();
  const caFile = path.join(dir, 'x-emulator-ca.pem');
  await writeFile(caFile, tls.cert);
  const x = await startXEmulator({
    tls,
    credentials: xCredentials,
    // Polling every 2 s would use up X's 300 mentions requests per 15 minutes in 10 minutes.
    rateLimits: { 'GET /2/users/{id}/mentions': { limit: 1000, windowSeconds: 900 } },
  });
  report(`X emulator on ${x.origin} (brand @${x.brand.username})`);
  const bluesky = await startBlueskyEmulator({ appPassword: blueskyAppPassword });
  report(`Bluesky emulator on ${bluesky.service} (brand @${bluesky.brand.handle})`);
  const meta = await startMetaEmulator({ tls, credentials: metaCredentials, rateLimitPerHour: false, webhook: { retryDelaysMs: [1_000, 5_000, 30_000] } });
  report(`Meta emulator on ${meta.origin} (Facebook Page ${meta.page.name}, Instagram @${meta.instagram.username})`);
  const slack = await startSlackEmulator({ delivery: { mode: 'http' }, ...slackCredentials });
  report(`Slack emulator on ${slack.apiUrl}`);

  const channelId = slack.channels.social;
  if (channelId === undefined) throw new Error('the Slack emulator has no #social channel');
  const port = await freePort();
  const logFile = readablePath(path.join(dir, 'earshot.log'));
  slack.setRequestUrl(`http://127.0.0.1:${port}/slack/events`);
  meta.control.setWebhookUrl(`http://127.0.0.1:${port}/webhooks/meta`);
  report(`Starting Earshot (node dist/main.js) on port ${port}; its log: ${logFile}`);

  let earshot: EarshotProcess;
  try {
    earshot = await startEarshotProcess({
      root: repositoryRoot,
      port,
      logFile,
      env: {
        PATH: process.env.PATH ?? '',
        HOME: process.env.HOME ?? '',
        ...earshotEnvironment({ slack, x, bluesky, meta, channelId, database: { dataDir: dir }, port, pollIntervalSeconds, logLevel: 'info' }),
        NODE_EXTRA_CA_CERTS: caFile,
        // Guardrails to try: sensitive topics and dana's replies wait for bob's approval.
        ...roleEnvironment(slack),
        // Blank counts as unset for Earshot, and real variables win over a .env file: a developer's
        // .env must not point the sandbox at a real database or switch it to Socket Mode.
        DATABASE_URL: '',
        SLACK_APP_TOKEN: '',
      },
    });
  } catch (error) {
    await Promise.all([x.close(), bluesky.close(), meta.close(), slack.close()]);
    throw error;
  }

  return {
    x,
    bluesky,
    meta,
    slack,
    channelId,
    earshot,
    logFile,
    dir,
    async stop() {
      await earshot.stop();
      await Promise.all([x.close(), bluesky.close(), meta.close(), slack.close()]);
    },
  };
}

import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import type { MetaWebhookSettings } from '../channels/meta/meta-webhook-handler.js';
import type { BusinessHours } from '../domain/business-hours.js';
import type { PrivateDataGuardOptions } from '../domain/private-data-guard.js';
import type { RoutingPattern } from '../routing/routing-pattern.js';
import type { z } from 'zod';
import { configSchema, slackModeOf, type NetworkCallSettings } from './config-schema.js';

export interface Config {
  readonly slack: {
    readonly botToken: string;
    readonly signingSecret: string | undefined;
    readonly appToken: string | undefined;
    readonly mode: 'socket' | 'http';
    readonly apiUrl: string;
    readonly channelId: string;
    /** Every Web API call and response_url post is abandoned after this long. */
    readonly timeoutMs: number;
  };
  /** Undefined when X is not configured (another network is). */
  readonly x:
    | {
        readonly apiKey: string;
        readonly apiSecret: string;
        readonly accessToken: string;
        readonly accessSecret: string;
        readonly apiUrl: string;
        readonly pollIntervalSeconds: number;
        /** Each read (one page) is abandoned after this long. */
        readonly readTimeoutMs: number;
        /** Each write is abandoned after this long; its outcome is then unknown and looked up before a retry. */
        readonly writeTimeoutMs: number;
        /** A whole poll (several reads, and storing what they brought) is abandoned after this long. */
        readonly pollTimeoutMs: number;
      }
    | undefined;
  /** Undefined when Bluesky is not configured. */
  readonly bluesky: BlueskySettings | undefined;
  readonly port: number;
  readonly databaseUrl: string | undefined;
  readonly dataDir: string;
  readonly logLevel: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  readonly reports: ReportSettings;
  readonly roles: RoleSettings;
  readonly privateData: PrivateDataGuardOptions;
  readonly sla: SlaSettings;
  readonly surges: SurgeSettings;
  /** Meta webhooks (`/webhooks/meta`); undefined when not configured. */
  readonly meta: MetaWebhookSettings | undefined;
  /** The Facebook Page and/or Instagram account watched through Graph; undefined when neither is. */
  readonly metaAccounts: MetaAccountSettings | undefined;
  readonly webhooks: {
    /** Processed webhook deliveries are deleted this many days after processing. */
    readonly retentionDays: number;
  };
}

export interface BlueskySettings {
  readonly identifier: string;
  readonly appPassword: string;
  readonly service: string;
  readonly pollIntervalSeconds: number;
  readonly readTimeoutMs: number;
  /** Each write is abandoned after this long; its outcome is then unknown and looked up before a retry. */
  readonly writeTimeoutMs: number;
  readonly pollTimeoutMs: number;
}

export interface MetaAccountSettings {
  readonly pageToken: string;
  readonly graphUrl: string;
  /** META_PAGE_ID: the Facebook Page is watched when set. */
  readonly facebookPageId: string | undefined;
  /** INSTAGRAM_ACCOUNT_ID: the Instagram account is watched when set. */
  readonly instagramAccountId: string | undefined;
  /** How often the reconciliation poll reads what webhooks may have missed. */
  readonly pollIntervalSeconds: number;
  readonly readTimeoutMs: number;
  /** Each write is abandoned after this long; its outcome is then unknown and looked up before a retry. */
  readonly writeTimeoutMs: number;
  readonly pollTimeoutMs: number;
}

/** Slack user ids and user group ids per role; undefined when the role is not configured. */
export interface RoleSettings {
  /** ROLE_MANAGERS (or REPORT_MANAGERS): reports, audit export, data requests; may approve. */
  readonly managers: readonly string[] | undefined;
  /** May approve, edit and reject held replies. */
  readonly approvers: readonly string[] | undefined;
  /** When set, only they (and approvers, managers) publish directly; anyone else's replies are held. */
  readonly publishers: readonly string[] | undefined;
  /** Learning responders: their public replies are always held for approval. */
  readonly learning: readonly string[] | undefined;
  /** APPROVAL_TOPICS: replies about these are held for approval whoever writes them. */
  readonly approvalTopics: RoutingPattern | undefined;
}

/** Business-hours SLA reminders and the out-of-hours acknowledgement (hours and zone are in `reports`). */
export interface SlaSettings {
  /** How long (in business minutes when BUSINESS_HOURS is set) a customer may wait; undefined: no reminders. */
  readonly minutes: number | undefined;
  /** Automatic public reply to a new conversation outside business hours; undefined: off. */
  readonly outOfHoursReply: string | undefined;
}

export interface SurgeSettings {
  /** Where alerts go; undefined: surge detection is off. */
  readonly channelId: string | undefined;
  readonly windowMinutes: number;
  /** A window with more than `factor` × the usual count (and at least `minMentions`) is a surge. */
  readonly factor: number;
  readonly minMentions: number;
  /** Keywords watched on their own, besides all mentions. */
  readonly keywords: readonly string[];
  /** Whether new conversations on a surging topic are grouped under the alert's thread. */
  readonly grouping: boolean;
}

/** `/socialreport` and the weekly digest. */
export interface ReportSettings {
  /** Slack user ids and user group ids allowed to run reports; undefined: everyone. */
  readonly managers: readonly string[] | undefined;
  /** Where the weekly digest goes; undefined: no digest. */
  readonly digestChannelId: string | undefined;
  readonly digestCron: string;
  /** Working hours for the `business-hours` option; undefined when not configured. */
  readonly businessHours: BusinessHours | undefined;
  /** BUSINESS_TIMEZONE, or UTC: report days, business hours and the digest schedule. */
  readonly timeZone: string;
}

/** One line per bad variable, each naming it and saying what is expected. */
export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((problem) => `  ${problem}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

/** Parses the environment into a frozen Config, or throws ConfigError listing every problem. */
export function loadConfig(env: Env): Config {
  const blankAsUnset = Object.fromEntries(Object.entries(env).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = configSchema.safeParse(blankAsUnset);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${String(issue.path[0] ?? 'environment')}: ${issue.message}`);
    throw new ConfigError([...new Set(problems)]);
  }
  const e = parsed.data;
  return deepFreeze({
    slack: {
      botToken: e.SLACK_BOT_TOKEN,
      signingSecret: e.SLACK_SIGNING_SECRET,
      appToken: e.SLACK_APP_TOKEN,
      mode: slackModeOf(e),
      apiUrl: e.SLACK_API_URL,
      channelId: e.SLACK_CHANNEL,
      timeoutMs: e.SLACK_TIMEOUT_SECONDS * 1000,
    },
    x:
      e.X_API_KEY && e.X_API_SECRET && e.X_ACCESS_TOKEN && e.X_ACCESS_SECRET
        ? {
            apiKey: e.X_API_KEY,
            apiSecret: e.X_API_SECRET,
            accessToken: e.X_ACCESS_TOKEN,
            accessSecret: e.X_ACCESS_SECRET,
            apiUrl: e.X_API_URL,
            ...callTimings(e, 'X'),
          }
        : undefined,
    bluesky:
      e.BLUESKY_IDENTIFIER && e.BLUESKY_APP_PASSWORD
        ? {
            identifier: e.BLUESKY_IDENTIFIER,
            appPassword: e.BLUESKY_APP_PASSWORD,
            service: e.BLUESKY_SERVICE,
            ...callTimings(e, 'BLUESKY'),
          }
        : undefined,
    port: e.PORT,
    databaseUrl: e.DATABASE_URL,
    dataDir: e.DATA_DIR,
    logLevel: e.LOG_LEVEL,
    reports: {
      managers: e.ROLE_MANAGERS ?? e.REPORT_MANAGERS,
      digestChannelId: e.REPORT_DIGEST_CHANNEL,
      digestCron: e.REPORT_DIGEST_CRON,
      businessHours: e.BUSINESS_HOURS,
      timeZone: e.BUSINESS_TIMEZONE ?? 'UTC',
    },
    roles: {
      managers: e.ROLE_MANAGERS ?? e.REPORT_MANAGERS,
      approvers: e.ROLE_APPROVERS,
      publishers: e.ROLE_PUBLISHERS,
      learning: e.ROLE_LEARNING,
      approvalTopics: e.APPROVAL_TOPICS,
    },
    privateData: {
      ...(e.PRIVATE_DATA_CHECKS ? { kinds: e.PRIVATE_DATA_CHECKS } : {}),
      ...(e.PRIVATE_DATA_PATTERNS ? { customPatterns: e.PRIVATE_DATA_PATTERNS } : {}),
      ...(e.PRIVATE_DATA_ALLOW ? { allowList: e.PRIVATE_DATA_ALLOW } : {}),
    },
    sla: { minutes: e.SLA_MINUTES, outOfHoursReply: e.OUT_OF_HOURS_REPLY },
    surges: {
      channelId: e.SURGE_CHANNEL,
      windowMinutes: e.SURGE_WINDOW_MINUTES,
      factor: e.SURGE_FACTOR,
      minMentions: e.SURGE_MIN_MENTIONS,
      keywords: e.SURGE_KEYWORDS ?? [],
      grouping: e.SURGE_GROUPING === 'on',
    },
    meta: e.META_APP_SECRET && e.META_VERIFY_TOKEN ? { appSecret: e.META_APP_SECRET, verifyToken: e.META_VERIFY_TOKEN } : undefined,
    metaAccounts:
      e.META_PAGE_TOKEN && (e.META_PAGE_ID || e.INSTAGRAM_ACCOUNT_ID)
        ? {
            pageToken: e.META_PAGE_TOKEN,
            graphUrl: e.META_GRAPH_URL,
            facebookPageId: e.META_PAGE_ID,
            instagramAccountId: e.INSTAGRAM_ACCOUNT_ID,
            ...callTimings(e, 'META'),
          }
        : undefined,
    webhooks: { retentionDays: e.WEBHOOK_RETENTION_DAYS },
  });
}

/** How often a network is read and how long its calls may take, from its `<prefix>_…_SECONDS` settings. */
function callTimings(e: z.output<typeof configSchema>, network: NetworkCallSettings) {
  return {
    pollIntervalSeconds: e[`${network}_POLL_INTERVAL_SECONDS`],
    readTimeoutMs: e[`${network}_READ_TIMEOUT_SECONDS`] * 1000,
    writeTimeoutMs: e[`${network}_WRITE_TIMEOUT_SECONDS`] * 1000,
    pollTimeoutMs: e[`${network}_POLL_TIMEOUT_SECONDS`] * 1000,
  };
}

/** The process environment with a `.env` file's values underneath (real variables win). */
export function readEnvironment(processEnv: Env, envFile = '.env'): Env {
  let fileValues: Env = {};
  try {
    fileValues = parseEnv(readFileSync(envFile, 'utf8'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
  return { ...fileValues, ...processEnv };
}

/** Secret values, so the logger can scrub them from anything it writes. */
export function secretsOf(config: Config): string[] {
  return [
    config.slack.botToken,
    config.slack.signingSecret,
    config.slack.appToken,
    config.x?.apiSecret,
    config.x?.accessToken,
    config.x?.accessSecret,
    config.bluesky?.appPassword,
    config.meta?.appSecret,
    config.meta?.verifyToken,
    config.metaAccounts?.pageToken,
    config.databaseUrl ? passwordOf(config.databaseUrl) : undefined,
  ].filter((value): value is string => typeof value === 'string' && value.length >= 6);
}

function passwordOf(connectionString: string): string | undefined {
  try {
    return decodeURIComponent(new URL(connectionString).password) || undefined;
  } catch {
    return undefined;
  }
}

function deepFreeze<T extends object>(value: T): T {
  for (const child of Object.values(value)) {
    if (child && typeof child === 'object') deepFreeze(child);
  }
  return Object.freeze(value);
}

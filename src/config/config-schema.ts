import { z } from 'zod';
import type { Network } from '../channels/network.js';
import { supportedNetworks } from '../channels/networks.js';
import { BLUESKY_SERVICE_URL } from '../channels/bluesky/bluesky-service-url.js';
import { META_GRAPH_URL } from '../channels/meta/meta-graph-url.js';
import { X_API_BASE_URL } from '../channels/x/x-api-base-url.js';
import { isKnownTimeZone, parseBusinessHours } from '../domain/business-hours.js';
import { outOfHoursReplyProblem } from '../domain/out-of-hours-reply.js';
import { PRIVATE_DATA_KINDS, type PrivateDataKind } from '../domain/private-data-guard.js';
import { sendDmJob, sendReplyJob } from '../jobs/jobs.js';
import { parseRoutingPattern } from '../routing/routing-pattern.js';

// .env.example's placeholders, and the usual shapes of one ("…", "<your token>"): a copied file
// that was never filled in must not start Earshot with values that fail at the first call.
const EXAMPLE_VALUES = new Set(['xoxb-...', 'xapp-...', 'C0123456789']);
const isPlaceholder = (value: string) => EXAMPLE_VALUES.has(value) || /\.\.\.|…|^<.*>$|^(changeme|your[-_ ].*)$/i.test(value);
const placeholderMessage = 'still the example value from .env.example: put in the real one';
const notPlaceholder = <Schema extends z.ZodType<string>>(schema: Schema) => schema.refine((value) => !isPlaceholder(value), placeholderMessage);
const required = (what: string) =>
  notPlaceholder(
    z
      .string({ error: `required: ${what}` })
      .trim()
      .min(1, `required: ${what}`),
  );
const prefixed = (prefix: string, what: string) => required(what).refine((value) => value.startsWith(prefix), `expected ${what} starting with "${prefix}"`);
const withSlash = (value: string) => (value.endsWith('/') ? value : `${value}/`);
const httpUrl = (what: string) => z.url({ protocol: /^https?$/, error: `expected ${what} as an http(s) URL` }).transform(withSlash);
/** X only speaks HTTPS (a local emulator too, with its certificate trusted through NODE_EXTRA_CA_CERTS). */
const httpsUrl = (what: string) => z.url({ protocol: /^https$/, error: `expected ${what} as an https:// URL` }).transform(withSlash);
const optionalSecret = notPlaceholder(z.string().trim().min(1)).optional();
/** Bluesky is reached over HTTPS; plain HTTP only on this machine (the emulator of the tests and the sandbox). */
const blueskyService = z.url({ protocol: /^https?$/, error: 'expected the Bluesky service as an https:// URL, e.g. https://bsky.social' }).refine((value) => {
  const url = new URL(value);
  return url.protocol === 'https:' || url.hostname === '127.0.0.1' || url.hostname === 'localhost';
}, 'expected the Bluesky service as an https:// URL, e.g. https://bsky.social (http:// only for 127.0.0.1 or localhost)');
/** Graph is reached over HTTPS; plain HTTP only on this machine (the emulator of the tests and the sandbox). */
const graphUrl = z
  .url({ protocol: /^https?$/, error: `expected the Graph API base URL as an https:// URL, e.g. ${META_GRAPH_URL}` })
  .refine((value) => {
    const url = new URL(value);
    return url.protocol === 'https:' || url.hostname === '127.0.0.1' || url.hostname === 'localhost';
  }, `expected the Graph API base URL as an https:// URL, e.g. ${META_GRAPH_URL} (http:// only for 127.0.0.1 or localhost)`)
  .transform((value) => value.replace(/\/+$/, ''));
/** Meta's ids are numbers, written as text. */
const metaId = (what: string) =>
  notPlaceholder(z.string().trim())
    .refine((value) => /^\d{5,25}$/.test(value), `expected ${what} (digits only)`)
    .optional();
const positiveInteger = (what: string) =>
  z.coerce
    .number({ error: `expected ${what}` })
    .int(`expected ${what}`)
    .positive(`expected ${what}`);

const slackChannelId = z
  .string()
  .trim()
  .regex(/^[CG][A-Z0-9]{2,}$/, 'expected a Slack channel id such as C0123456789 (not a #name)');
const slackPrincipals = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((id) => id.trim())
      .filter(Boolean),
  )
  .refine(
    (ids) => ids.length > 0 && ids.every((id) => /^[UWS][A-Z0-9]{2,}$/.test(id)),
    'expected Slack user ids (U…) and/or user group ids (S…), separated by commas',
  );
const positiveNumber = (what: string) => z.coerce.number({ error: `expected ${what}` }).positive(`expected ${what}`);
/**
 * A reply or DM job still running after its expiry is taken for crashed and retried: its look-up
 * (one read) and its write must both fit well within it, or a retry could run beside a late write.
 */
/** The prefixes of the networks' call settings (`<prefix>_READ_TIMEOUT_SECONDS` and so on). */
const networkCallSettings = ['X', 'BLUESKY', 'META'] as const;
export type NetworkCallSettings = (typeof networkCallSettings)[number];
const sendBudgetSeconds = Math.min(sendReplyJob.expireInSeconds, sendDmJob.expireInSeconds) - 5;
/** A deadline in seconds (fractions allowed, e.g. 0.5), at most 10 minutes. */
const deadlineSeconds = positiveNumber('a number of seconds, e.g. 10').max(600, 'expected at most 600 seconds');
/** Keywords `a|b c` (whole words, any case) or a regular expression `/…/i`, as routing rules take them. */
const topicPattern = z.string().transform((value, context) => {
  const parsed = parseRoutingPattern(value);
  if (parsed.ok) return parsed.pattern;
  context.addIssue({ code: 'custom', message: parsed.error.replaceAll('`', '"') });
  return z.NEVER;
});

/** `/webhooks/meta` exists when all of these are set; some but not all is refused. */
const metaWebhookVariables = ['META_APP_SECRET', 'META_VERIFY_TOKEN'] as const;

const customPrivateDataPattern = z.object({
  name: z.string().trim().min(1),
  pattern: z.string().min(1),
  explanation: z.string().trim().min(1).optional(),
});

/**
 * Every environment variable Earshot reads. The names are a contract with deployments, tests and
 * docs/configuration.md's table.
 */
export const configSchema = z
  .object({
    SLACK_BOT_TOKEN: prefixed('xoxb-', 'the Slack bot token'),
    SLACK_SIGNING_SECRET: notPlaceholder(z.string().trim().min(1)).optional(),
    SLACK_APP_TOKEN: prefixed('xapp-', 'the Slack app-level token').optional(),
    SLACK_MODE: z.enum(['socket', 'http'], { error: 'expected "socket" or "http"' }).optional(),
    SLACK_API_URL: httpUrl('the Slack Web API base URL').default('https://slack.com/api/'),
    SLACK_TIMEOUT_SECONDS: deadlineSeconds.default(10),
    SLACK_CHANNEL: required('the Slack channel id for new conversations').refine(
      (value) => /^[CG][A-Z0-9]{2,}$/.test(value),
      'expected a Slack channel id such as C0123456789 (not a #name)',
    ),
    PORT: positiveInteger('a TCP port number').max(65535, 'expected a TCP port number').default(3000),
    // Each network is optional, all-or-nothing; at least one is required (checked below).
    X_API_KEY: optionalSecret,
    X_API_SECRET: optionalSecret,
    X_ACCESS_TOKEN: optionalSecret,
    X_ACCESS_SECRET: optionalSecret,
    X_API_URL: httpsUrl('the X API v2 base URL').default(X_API_BASE_URL),
    X_POLL_INTERVAL_SECONDS: positiveInteger('a whole number of seconds').default(60),
    X_READ_TIMEOUT_SECONDS: deadlineSeconds.default(10),
    X_WRITE_TIMEOUT_SECONDS: deadlineSeconds.default(15),
    X_POLL_TIMEOUT_SECONDS: deadlineSeconds.default(60),
    BLUESKY_IDENTIFIER: optionalSecret,
    BLUESKY_APP_PASSWORD: optionalSecret,
    BLUESKY_SERVICE: blueskyService.default(BLUESKY_SERVICE_URL),
    BLUESKY_POLL_INTERVAL_SECONDS: positiveInteger('a whole number of seconds').default(60),
    BLUESKY_READ_TIMEOUT_SECONDS: deadlineSeconds.default(10),
    BLUESKY_WRITE_TIMEOUT_SECONDS: deadlineSeconds.default(15),
    BLUESKY_POLL_TIMEOUT_SECONDS: deadlineSeconds.default(60),
    META_PAGE_ID: metaId('the Facebook Page id (Page → About → Page transparency, or Graph: GET /me with the Page token)'),
    INSTAGRAM_ACCOUNT_ID: metaId('the Instagram professional account id (Graph: GET /{page-id}?fields=instagram_business_account)'),
    META_PAGE_TOKEN: optionalSecret,
    META_GRAPH_URL: graphUrl.default(META_GRAPH_URL),
    META_POLL_INTERVAL_SECONDS: positiveInteger('a whole number of seconds').default(300),
    META_READ_TIMEOUT_SECONDS: deadlineSeconds.default(10),
    META_WRITE_TIMEOUT_SECONDS: deadlineSeconds.default(15),
    META_POLL_TIMEOUT_SECONDS: deadlineSeconds.default(60),
    DATABASE_URL: z
      .string()
      .trim()
      .regex(/^postgres(ql)?:\/\//, 'expected a postgresql:// connection string')
      .optional(),
    DATA_DIR: z.string().trim().min(1).default('./data'),
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
        error: 'expected one of fatal, error, warn, info, debug, trace, silent',
      })
      .default('info'),
    // /socialreport (see docs/reports.md): who may run it, the weekly digest, business hours.
    REPORT_MANAGERS: slackPrincipals.optional(),
    REPORT_DIGEST_CHANNEL: slackChannelId.optional(),
    REPORT_DIGEST_CRON: z
      .string()
      .trim()
      .regex(/^\S+(\s+\S+){4}$/, 'expected a cron expression with five fields, e.g. "0 9 * * 1" (Mondays at 09:00)')
      .default('0 9 * * 1'),
    BUSINESS_HOURS: z
      .string()
      .transform((value, context) => {
        const parsed = parseBusinessHours(value);
        if (parsed.ok) return parsed.hours;
        context.addIssue({ code: 'custom', message: parsed.error });
        return z.NEVER;
      })
      .optional(),
    BUSINESS_TIMEZONE: z.string().trim().refine(isKnownTimeZone, 'expected an IANA time zone such as Europe/Paris or America/New_York').optional(),
    // Roles (see docs/roles-and-approval.md): Slack user ids and/or user group ids.
    ROLE_MANAGERS: slackPrincipals.optional(),
    ROLE_APPROVERS: slackPrincipals.optional(),
    ROLE_PUBLISHERS: slackPrincipals.optional(),
    ROLE_LEARNING: slackPrincipals.optional(),
    APPROVAL_TOPICS: topicPattern.optional(),
    // The private-data guard on public replies.
    PRIVATE_DATA_CHECKS: z
      .string()
      .transform((value, context) => {
        const names = value
          .split(',')
          .map((name) => name.trim().toLowerCase())
          .filter(Boolean);
        if (names.length === 1 && names[0] === 'all') return [...PRIVATE_DATA_KINDS];
        if (names.length === 1 && names[0] === 'none') return [];
        const unknown = names.filter((name) => !(PRIVATE_DATA_KINDS as readonly string[]).includes(name));
        if (names.length === 0 || unknown.length > 0) {
          context.addIssue({
            code: 'custom',
            message: `expected "all", "none" or some of ${PRIVATE_DATA_KINDS.join(', ')} separated by commas${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`,
          });
          return z.NEVER;
        }
        return names as PrivateDataKind[];
      })
      .optional(),
    PRIVATE_DATA_PATTERNS: z
      .string()
      .transform((value, context) => {
        let json: unknown;
        try {
          json = JSON.parse(value);
        } catch {
          context.addIssue({ code: 'custom', message: 'expected a JSON array such as [{"name":"order id","pattern":"ORD-\\\\d{6}"}]' });
          return z.NEVER;
        }
        const parsed = z.array(customPrivateDataPattern).safeParse(json);
        if (!parsed.success) {
          context.addIssue({ code: 'custom', message: 'expected a JSON array of {"name", "pattern", optional "explanation"} objects' });
          return z.NEVER;
        }
        for (const custom of parsed.data) {
          const checked = parseRoutingPattern(`/${custom.pattern}/i`);
          if (!checked.ok) {
            context.addIssue({ code: 'custom', message: `pattern "${custom.name}": ${checked.error.replaceAll('`', '"')}` });
            return z.NEVER;
          }
        }
        return parsed.data.map((custom) => ({
          name: custom.name,
          pattern: custom.pattern,
          explanation: custom.explanation ?? `This matches "${custom.name}", which your team marked as private data.`,
        }));
      })
      .optional(),
    PRIVATE_DATA_ALLOW: z
      .string()
      .transform((value) =>
        value
          .split(',')
          .map((entry) => entry.trim())
          .filter(Boolean),
      )
      .optional(),
    // Business hours and SLA.
    SLA_MINUTES: positiveInteger('a whole number of minutes').optional(),
    OUT_OF_HOURS_REPLY: z.string().trim().min(1).optional(),
    // Surge alerts.
    SURGE_CHANNEL: slackChannelId.optional(),
    SURGE_WINDOW_MINUTES: positiveInteger('a whole number of minutes').default(30),
    SURGE_FACTOR: positiveNumber('a number above 1, e.g. 3')
      .refine((factor) => factor > 1, 'expected a number above 1, e.g. 3')
      .default(3),
    SURGE_MIN_MENTIONS: positiveInteger('a whole number of mentions').default(10),
    SURGE_KEYWORDS: topicPattern
      .refine((pattern) => pattern.kind === 'keywords', 'expected keywords separated by "|", e.g. outage|refund')
      .transform((pattern) => (pattern.kind === 'keywords' ? pattern.keywords : []))
      .optional(),
    SURGE_GROUPING: z.enum(['on', 'off'], { error: 'expected "on" or "off"' }).default('on'),
    // Meta webhooks (Facebook Page and Instagram): both or neither, see metaWebhookVariables.
    META_APP_SECRET: z
      .string()
      .trim()
      .refine((value) => !isPlaceholder(value), { message: placeholderMessage, abort: true })
      .refine((value) => /^[0-9a-f]{32}$/i.test(value), 'expected the Meta app secret (App settings → Basic → App secret: 32 hexadecimal characters)')
      .optional(),
    META_VERIFY_TOKEN: notPlaceholder(z.string().trim().min(1)).optional(),
    WEBHOOK_RETENTION_DAYS: positiveInteger('a whole number of days').default(7),
  })
  .superRefine(
    (env, context) => {
      const mode = slackModeOf(env);
      checkNetworks(env, context);
      if (mode === 'socket' && !env.SLACK_APP_TOKEN) {
        context.addIssue({
          code: 'custom',
          path: ['SLACK_APP_TOKEN'],
          message: 'required in socket mode: the Slack app-level token (xapp-…, scope connections:write)',
        });
      }
      if (env.BUSINESS_HOURS && !env.BUSINESS_TIMEZONE) {
        context.addIssue({
          code: 'custom',
          path: ['BUSINESS_TIMEZONE'],
          message: 'required with BUSINESS_HOURS: the time zone of the working hours, e.g. Europe/Paris',
        });
      }
      const draftsPossible = env.ROLE_LEARNING ?? env.ROLE_PUBLISHERS ?? env.APPROVAL_TOPICS;
      if (draftsPossible && !env.ROLE_APPROVERS && !env.ROLE_MANAGERS && !env.REPORT_MANAGERS) {
        context.addIssue({
          code: 'custom',
          path: ['ROLE_APPROVERS'],
          message: 'required with ROLE_LEARNING, ROLE_PUBLISHERS or APPROVAL_TOPICS: who approves held replies (or set ROLE_MANAGERS)',
        });
      }
      if (env.OUT_OF_HOURS_REPLY && !env.BUSINESS_HOURS) {
        context.addIssue({
          code: 'custom',
          path: ['OUT_OF_HOURS_REPLY'],
          message: 'needs BUSINESS_HOURS (and BUSINESS_TIMEZONE): the automatic reply is sent outside those hours',
        });
      }
      if (typeof env.OUT_OF_HOURS_REPLY === 'string') {
        // The reply goes out unreviewed: it must pass the checks a person's reply would (the guard as configured).
        const problem = outOfHoursReplyProblem(
          env.OUT_OF_HOURS_REPLY,
          {
            ...(Array.isArray(env.PRIVATE_DATA_CHECKS) ? { kinds: env.PRIVATE_DATA_CHECKS } : {}),
            ...(Array.isArray(env.PRIVATE_DATA_PATTERNS) ? { customPatterns: env.PRIVATE_DATA_PATTERNS } : {}),
            ...(Array.isArray(env.PRIVATE_DATA_ALLOW) ? { allowList: env.PRIVATE_DATA_ALLOW } : {}),
          },
          configuredNetworks(env),
        );
        if (problem) context.addIssue({ code: 'custom', path: ['OUT_OF_HOURS_REPLY'], message: problem });
      }
      for (const network of networkCallSettings) {
        const read = env[`${network}_READ_TIMEOUT_SECONDS`];
        const write = env[`${network}_WRITE_TIMEOUT_SECONDS`];
        if (typeof read === 'number' && typeof write === 'number' && read + write > sendBudgetSeconds) {
          context.addIssue({
            code: 'custom',
            path: [`${network}_WRITE_TIMEOUT_SECONDS`],
            message: `expected ${network}_READ_TIMEOUT_SECONDS + ${network}_WRITE_TIMEOUT_SECONDS of at most ${sendBudgetSeconds} s: a reply still being sent after ${sendBudgetSeconds + 5} s is taken for crashed and retried`,
          });
        }
      }
      const metaMissing = metaWebhookVariables.filter((name) => env[name] === undefined);
      if (metaMissing.length > 0 && metaMissing.length < metaWebhookVariables.length) {
        for (const name of metaMissing) {
          context.addIssue({
            code: 'custom',
            path: [name],
            message: `required with ${metaWebhookVariables.filter((other) => !metaMissing.includes(other)).join(', ')}: Meta webhooks need ${metaWebhookVariables.join(' and ')} (missing: ${metaMissing.join(', ')})`,
          });
        }
      }
      if (mode === 'http' && !env.SLACK_SIGNING_SECRET) {
        context.addIssue({
          code: 'custom',
          path: ['SLACK_SIGNING_SECRET'],
          message: 'required: the Slack signing secret (HTTP mode), or set SLACK_APP_TOKEN to use Socket Mode',
        });
      }
    },
    // Run even when other variables are bad, so one start-up lists every problem at once.
    { when: () => true },
  );

const xVariables = {
  X_API_KEY: 'the X API key (OAuth 1.0a consumer key)',
  X_API_SECRET: 'the X API key secret (OAuth 1.0a consumer secret)',
  X_ACCESS_TOKEN: 'the X access token of the watched account',
  X_ACCESS_SECRET: 'the X access token secret of the watched account',
} as const;
const blueskyVariables = {
  BLUESKY_IDENTIFIER: 'the handle (or email) of the watched Bluesky account',
  BLUESKY_APP_PASSWORD: 'an app password of the watched Bluesky account',
} as const;

const facebookVariables = {
  META_PAGE_ID: 'the id of the watched Facebook Page',
  META_PAGE_TOKEN: 'a Page access token of the watched Facebook Page',
} as const;
const instagramVariables = {
  INSTAGRAM_ACCOUNT_ID: 'the id of the watched Instagram professional account',
  META_PAGE_TOKEN: 'a Page access token of the Facebook Page the Instagram account is linked to',
} as const;

type NetworkEnv = Partial<
  Record<keyof typeof xVariables | keyof typeof blueskyVariables | keyof typeof facebookVariables | keyof typeof instagramVariables, unknown>
>;
type NamedNetworks = { x: boolean; bluesky: boolean; facebook: boolean; instagram: boolean };

/**
 * Which networks the environment names credentials for (any of a network's variables counts; the
 * Page token, shared by Facebook and Instagram, names neither alone).
 */
function networksNamed(env: NetworkEnv): NamedNetworks {
  return {
    x: Object.keys(xVariables).some((name) => env[name as keyof NetworkEnv] !== undefined),
    bluesky: Object.keys(blueskyVariables).some((name) => env[name as keyof NetworkEnv] !== undefined),
    facebook: env.META_PAGE_ID !== undefined,
    instagram: env.INSTAGRAM_ACCOUNT_ID !== undefined,
  };
}

function configuredNetworks(env: NetworkEnv): Network[] {
  const named = networksNamed(env);
  return supportedNetworks().filter((network) => named[network.id]);
}

/** Any one network is enough; a network named at all needs all of its credentials. */
function checkNetworks(env: NetworkEnv, context: z.RefinementCtx): void {
  const named = networksNamed(env);
  const none = !named.x && !named.bluesky && !named.facebook && !named.instagram;
  // A Page token alone gets its own message below.
  if (none && env.META_PAGE_TOKEN === undefined) {
    context.addIssue({
      code: 'custom',
      path: [],
      message:
        'no network configured: set X_API_KEY, X_API_SECRET, X_ACCESS_TOKEN and X_ACCESS_SECRET for X, BLUESKY_IDENTIFIER and BLUESKY_APP_PASSWORD for Bluesky, META_PAGE_ID and META_PAGE_TOKEN for a Facebook Page, or INSTAGRAM_ACCOUNT_ID and META_PAGE_TOKEN for Instagram (any one is enough)',
    });
  }
  if (env.META_PAGE_TOKEN !== undefined && !named.facebook && !named.instagram) {
    context.addIssue({
      code: 'custom',
      path: ['META_PAGE_ID'],
      message: 'META_PAGE_TOKEN is set without META_PAGE_ID or INSTAGRAM_ACCOUNT_ID: say which Facebook Page and/or Instagram account to watch',
    });
  }
  const groups: Array<[boolean, Record<string, string>]> = [
    [named.x || (none && env.META_PAGE_TOKEN === undefined), xVariables],
    [named.bluesky, blueskyVariables],
    [named.facebook, facebookVariables],
    // The Page token is already asked for once when both are named.
    [named.instagram, named.facebook ? { INSTAGRAM_ACCOUNT_ID: instagramVariables.INSTAGRAM_ACCOUNT_ID } : instagramVariables],
  ];
  for (const [wanted, variables] of groups) {
    if (!wanted) continue;
    for (const [name, what] of Object.entries(variables)) {
      if (env[name as keyof NetworkEnv] === undefined) context.addIssue({ code: 'custom', path: [name], message: `required: ${what}` });
    }
  }
}

/** Socket Mode when an app-level token is set, unless SLACK_MODE says otherwise. */
export function slackModeOf(env: { SLACK_MODE?: unknown; SLACK_APP_TOKEN?: unknown }): 'socket' | 'http' {
  if (env.SLACK_MODE === 'socket' || env.SLACK_MODE === 'http') return env.SLACK_MODE;
  return env.SLACK_APP_TOKEN ? 'socket' : 'http';
}

export type ConfigInput = z.input<typeof configSchema>;

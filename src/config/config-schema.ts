import { z } from 'zod';
import { isKnownTimeZone, parseBusinessHours } from '../domain/business-hours.js';

const required = (what: string) => z.string({ error: `required: ${what}` }).trim().min(1, `required: ${what}`);
const prefixed = (prefix: string, what: string) =>
  required(what).refine((value) => value.startsWith(prefix), `expected ${what} starting with "${prefix}"`);
const httpUrl = (what: string) =>
  z
    .url({ protocol: /^https?$/, error: `expected ${what} as an http(s) URL` })
    .transform((value) => (value.endsWith('/') ? value : `${value}/`));
const positiveInteger = (what: string) =>
  z.coerce.number({ error: `expected ${what}` }).int(`expected ${what}`).positive(`expected ${what}`);

/**
 * Every environment variable Earshot reads. The names are a contract with deployments, tests and
 * the README's configuration table.
 */
export const configSchema = z
  .object({
    SLACK_BOT_TOKEN: prefixed('xoxb-', 'the Slack bot token'),
    SLACK_SIGNING_SECRET: z.string().trim().min(1).optional(),
    SLACK_APP_TOKEN: prefixed('xapp-', 'the Slack app-level token').optional(),
    SLACK_MODE: z.enum(['socket', 'http'], { error: 'expected "socket" or "http"' }).optional(),
    SLACK_API_URL: httpUrl('the Slack Web API base URL').default('https://slack.com/api/'),
    SLACK_CHANNEL: required('the Slack channel id for new conversations').regex(
      /^[CG][A-Z0-9]{2,}$/,
      'expected a Slack channel id such as C0123456789 (not a #name)',
    ),
    PORT: positiveInteger('a TCP port number').max(65535, 'expected a TCP port number').default(3000),
    X_API_KEY: required('the X API key (OAuth 1.0a consumer key)'),
    X_API_SECRET: required('the X API key secret (OAuth 1.0a consumer secret)'),
    X_ACCESS_TOKEN: required('the X access token of the watched account'),
    X_ACCESS_SECRET: required('the X access token secret of the watched account'),
    X_API_URL: httpUrl('the X API v2 base URL').default('https://api.x.com/2/'),
    X_POLL_INTERVAL_SECONDS: positiveInteger('a whole number of seconds').default(60),
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
    // /socialreport (see the README's "Reports"): who may run it, the weekly digest, business hours.
    REPORT_MANAGERS: z
      .string()
      .transform((value) => value.split(',').map((id) => id.trim()).filter(Boolean))
      .refine((ids) => ids.length > 0 && ids.every((id) => /^[UWS][A-Z0-9]{2,}$/.test(id)), 'expected Slack user ids (U…) and/or user group ids (S…), separated by commas')
      .optional(),
    REPORT_DIGEST_CHANNEL: z
      .string()
      .trim()
      .regex(/^[CG][A-Z0-9]{2,}$/, 'expected a Slack channel id such as C0123456789 (not a #name)')
      .optional(),
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
    BUSINESS_TIMEZONE: z
      .string()
      .trim()
      .refine(isKnownTimeZone, 'expected an IANA time zone such as Europe/Paris or America/New_York')
      .optional(),
  })
  .superRefine(
    (env, context) => {
      const mode = slackModeOf(env);
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

/** Socket Mode when an app-level token is set, unless SLACK_MODE says otherwise. */
export function slackModeOf(env: { SLACK_MODE?: unknown; SLACK_APP_TOKEN?: unknown }): 'socket' | 'http' {
  if (env.SLACK_MODE === 'socket' || env.SLACK_MODE === 'http') return env.SLACK_MODE;
  return env.SLACK_APP_TOKEN ? 'socket' : 'http';
}

export type ConfigInput = z.input<typeof configSchema>;

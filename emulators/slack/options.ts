import { z } from 'zod';

const userOption = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9._-]*$/, 'Slack user names are lower-case'),
  realName: z.string().min(1).optional(),
  email: z.string().email().optional(),
  title: z.string().optional(),
  tz: z.string().optional(),
  isAdmin: z.boolean().optional(),
});

const channelOption = z.object({
  name: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,79}$/, 'Slack channel names are lower-case, without "#"'),
  private: z.boolean().optional(),
  /** User names (or ids); default: every user. */
  members: z.array(z.string()).optional(),
  /** Whether the app's bot user is already in the channel; default true. */
  botIsMember: z.boolean().optional(),
  topic: z.string().optional(),
  purpose: z.string().optional(),
});

const usergroupOption = z.object({
  handle: z.string().min(1),
  name: z.string().optional(),
  description: z.string().optional(),
  members: z.array(z.string()),
});

const rateLimitRule = z.object({ limit: z.number().int().positive(), windowMs: z.number().int().positive() });

const deliveryOption = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('http'), requestUrl: z.string().url().optional() }),
  z.object({ mode: z.literal('socket') }),
]);

const timingsOption = z.object({
  /** How long the app has to answer a delivery (Slack: 3 s). */
  ackTimeoutMs: z.number().int().positive().default(3000),
  /** Delay before each of the event retries (Slack: immediately, after 1 min, after 5 min). */
  eventRetryDelaysMs: z.array(z.number().int().nonnegative()).max(3).default([0, 60_000, 300_000]),
  /** trigger_id lifetime for views.open/views.push (Slack: 3 s). */
  triggerTtlMs: z.number().int().positive().default(3000),
  /** response_url lifetime and number of uses (Slack: 30 min, 5 uses). */
  responseUrlTtlMs: z
    .number()
    .int()
    .positive()
    .default(30 * 60_000),
  responseUrlMaxUses: z.number().int().positive().default(5),
  /** How often the Socket Mode server pings clients (SocketModeClient gives up after 30 s without one). */
  socketPingIntervalMs: z.number().int().positive().default(10_000),
});

export const emulatorOptionsSchema = z.object({
  teamName: z.string().default('Earshot Dev'),
  teamDomain: z
    .string()
    .regex(/^[a-z0-9-]+$/)
    .default('earshot-dev'),
  appName: z.string().default('Earshot'),
  botName: z
    .string()
    .regex(/^[a-z0-9._-]+$/)
    .default('earshot'),
  signingSecret: z.string().min(1).optional(),
  botToken: z.string().startsWith('xoxb-').optional(),
  appToken: z.string().startsWith('xapp-').optional(),
  delivery: deliveryOption.default({ mode: 'http' }),
  users: z.array(userOption).min(1).optional(),
  channels: z.array(channelOption).optional(),
  usergroups: z.array(usergroupOption).optional(),
  /** Bot events the app subscribes to, named like the app manifest's `bot_events`. */
  subscriptions: z.array(z.string()).default(['app_home_opened', 'app_mention', 'message.channels', 'message.groups', 'message.im', 'message.mpim']),
  /** "slack": Slack's published tiers; "off": no limits; or overrides per method on top of Slack's tiers. */
  rateLimits: z.union([z.literal('slack'), z.literal('off'), z.record(z.string(), rateLimitRule)]).default('slack'),
  timings: timingsOption.default(timingsOption.parse({})),
});

export type SlackEmulatorOptions = z.input<typeof emulatorOptionsSchema>;
export type ResolvedOptions = z.output<typeof emulatorOptionsSchema>;
export type Timings = z.output<typeof timingsOption>;
export type RateLimitRule = z.output<typeof rateLimitRule>;

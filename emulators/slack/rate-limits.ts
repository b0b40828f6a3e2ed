import type { RateLimitRule } from './options.js';

const MINUTE = 60_000;

/** Slack's published tiers (requests per minute; Tier 1: 1+, Tier 2: 20+, Tier 3: 50+, Tier 4: 100+). */
const TIER = { t1: 1, t2: 20, t3: 50, t4: 100 } as const;

const SLACK_LIMITS: Record<string, RateLimitRule> = {
  'auth.test': { limit: TIER.t4, windowMs: MINUTE },
  // chat.postMessage is "special": about one message per second per channel, short bursts allowed.
  'chat.postMessage': { limit: 60, windowMs: MINUTE },
  'chat.update': { limit: TIER.t3, windowMs: MINUTE },
  'chat.postEphemeral': { limit: TIER.t4, windowMs: MINUTE },
  'chat.getPermalink': { limit: TIER.t4, windowMs: MINUTE },
  'views.open': { limit: TIER.t4, windowMs: MINUTE },
  'views.update': { limit: TIER.t4, windowMs: MINUTE },
  'views.publish': { limit: TIER.t4, windowMs: MINUTE },
  'views.push': { limit: TIER.t4, windowMs: MINUTE },
  'conversations.info': { limit: TIER.t3, windowMs: MINUTE },
  'conversations.history': { limit: TIER.t3, windowMs: MINUTE },
  'conversations.replies': { limit: TIER.t3, windowMs: MINUTE },
  'conversations.join': { limit: TIER.t3, windowMs: MINUTE },
  'conversations.open': { limit: TIER.t3, windowMs: MINUTE },
  'conversations.members': { limit: TIER.t4, windowMs: MINUTE },
  'users.info': { limit: TIER.t4, windowMs: MINUTE },
  'usergroups.list': { limit: TIER.t2, windowMs: MINUTE },
  'usergroups.users.list': { limit: TIER.t2, windowMs: MINUTE },
  'reactions.add': { limit: TIER.t3, windowMs: MINUTE },
  'files.getUploadURLExternal': { limit: TIER.t4, windowMs: MINUTE },
  'files.completeUploadExternal': { limit: TIER.t4, windowMs: MINUTE },
  // Tier 1 is "1+ per minute"; a few reconnects in a row must still work.
  'apps.connections.open': { limit: 10 * TIER.t1, windowMs: MINUTE },
};

/** Per-method (and for chat.postMessage per-channel) fixed-window counters. */
export class RateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();
  private readonly rules: Record<string, RateLimitRule>;

  constructor(setting: 'slack' | 'off' | Record<string, RateLimitRule>) {
    this.rules = setting === 'off' ? {} : setting === 'slack' ? SLACK_LIMITS : { ...SLACK_LIMITS, ...setting };
  }

  /** Counts a call; returns the seconds to wait when the call is over the limit. */
  hit(method: string, scope: string): number | undefined {
    const rule = this.rules[method];
    if (!rule) return undefined;
    const key = `${method}:${scope}`;
    const now = Date.now();
    let window = this.windows.get(key);
    if (!window || now - window.start >= rule.windowMs) {
      window = { start: now, count: 0 };
      this.windows.set(key, window);
    }
    if (window.count >= rule.limit) return Math.max(1, Math.ceil((window.start + rule.windowMs - now) / 1000));
    window.count += 1;
    return undefined;
  }
}

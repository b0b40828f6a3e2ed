export interface RateLimitRule {
  /** Rules with the same bucket share their points (the PDS's repo-write limits span createRecord and deleteRecord). */
  bucket: string;
  limit: number;
  windowSeconds: number;
}

export interface RateLimitStatus {
  limit: number;
  remaining: number;
  windowSeconds: number;
  /** Epoch milliseconds when the window ends. */
  resetMs: number;
  exceeded: boolean;
}

/** The headers the PDS sends for the tightest of a method's limits (xrpc-server's RouteRateLimiter). */
export function rateLimitHeaders(status: RateLimitStatus): Record<string, string> {
  return {
    'RateLimit-Limit': String(status.limit),
    'RateLimit-Remaining': String(status.remaining),
    'RateLimit-Reset': String(Math.floor(status.resetMs / 1000)),
    'RateLimit-Policy': `${status.limit};w=${status.windowSeconds}`,
  };
}

/**
 * Fixed windows opened by a key's first request, as the PDS's rate-limiter-flexible keeps them;
 * refused requests still spend their points. When disabled nothing is counted, but the headers still
 * describe a fresh window so clients parse them as usual.
 */
export class RateLimiter {
  private windows = new Map<string, { used: number; resetMs: number }>();

  constructor(
    private readonly now: () => number,
    public enabled: boolean,
  ) {}

  /** Spends `points` under every rule and reports the tightest: an exceeded rule, else the one with fewest points left. */
  consume(rules: readonly RateLimitRule[], key: string, points: number): RateLimitStatus | undefined {
    const now = this.now();
    let tightest: RateLimitStatus | undefined;
    for (const rule of rules) {
      const id = `${rule.bucket} ${key}`;
      let window = this.windows.get(id);
      if (!window || window.resetMs <= now) {
        window = { used: 0, resetMs: now + rule.windowSeconds * 1000 };
        this.windows.set(id, window);
      }
      if (this.enabled) window.used += points;
      const status: RateLimitStatus = {
        limit: rule.limit,
        remaining: Math.max(0, rule.limit - window.used),
        windowSeconds: rule.windowSeconds,
        resetMs: window.resetMs,
        exceeded: window.used > rule.limit,
      };
      if (!tightest || (status.exceeded && !tightest.exceeded) || (status.exceeded === tightest.exceeded && status.remaining < tightest.remaining)) {
        tightest = status;
      }
    }
    return tightest;
  }

  clear(): void {
    this.windows.clear();
  }
}

export interface RateLimitRule {
  limit: number;
  windowSeconds: number;
}

export interface RateLimitState {
  limit: number;
  remaining: number;
  /** Epoch seconds when the window resets. */
  reset: number;
  exceeded: boolean;
}

export function rateLimitHeaders(state: Pick<RateLimitState, 'limit' | 'remaining' | 'reset'>): Record<string, string> {
  return {
    'x-rate-limit-limit': String(state.limit),
    'x-rate-limit-remaining': String(state.remaining),
    'x-rate-limit-reset': String(state.reset),
  };
}

/**
 * Fixed windows per endpoint and caller, like X's 15-minute windows. When disabled (benchmarks)
 * nothing is counted but the headers still describe a fresh window, so clients parse them as usual.
 */
export class RateLimiter {
  private windows = new Map<string, { used: number; resetMs: number }>();

  constructor(
    private readonly now: () => number,
    public enabled: boolean,
  ) {}

  consume(endpoint: string, caller: string, rule: RateLimitRule): RateLimitState {
    const now = this.now();
    const key = `${endpoint} ${caller}`;
    let window = this.windows.get(key);
    if (!window || window.resetMs <= now) {
      window = { used: 0, resetMs: now + rule.windowSeconds * 1000 };
      this.windows.set(key, window);
    }
    const reset = Math.ceil(window.resetMs / 1000);
    if (!this.enabled) return { limit: rule.limit, remaining: rule.limit, reset, exceeded: false };
    if (window.used >= rule.limit) return { limit: rule.limit, remaining: 0, reset, exceeded: true };
    window.used += 1;
    return { limit: rule.limit, remaining: rule.limit - window.used, reset, exceeded: false };
  }

  clear(): void {
    this.windows.clear();
  }
}

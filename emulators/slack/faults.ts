/** What an injected fault makes the Web API answer instead of running the method. */
export type Fault = { kind: 'rate_limited'; retryAfterSeconds: number } | { kind: 'http_error'; status: number } | { kind: 'api_error'; error: string };

interface Armed {
  method: string;
  remaining: number;
  fault: Fault;
}

/**
 * Fault injection for tests: "the next N calls of method M answer …". Faults fire in the order
 * they were armed and are consumed before rate limiting and authentication are looked at.
 */
export class Faults {
  private armed: Armed[] = [];

  /** The next `times` calls of `method` answer HTTP 429 with `Retry-After: retryAfterSeconds`. */
  rateLimit(method: string, { times = 1, retryAfterSeconds = 1 }: { times?: number; retryAfterSeconds?: number } = {}): void {
    this.arm(method, times, { kind: 'rate_limited', retryAfterSeconds });
  }

  /** The next `times` calls of `method` answer with a bare HTTP 5xx, as Slack does during incidents. */
  serverError(method: string, { times = 1, status = 503 }: { times?: number; status?: number } = {}): void {
    this.arm(method, times, { kind: 'http_error', status });
  }

  /** The next `times` calls of `method` answer `{ ok: false, error }` (e.g. "fatal_error", "channel_not_found"). */
  apiError(method: string, error: string, { times = 1 }: { times?: number } = {}): void {
    this.arm(method, times, { kind: 'api_error', error });
  }

  /** How many calls of `method` are still to meet an injected fault (0: every one has fired). */
  armedFor(method: string): number {
    return this.armed.filter((a) => a.method === method).reduce((sum, a) => sum + a.remaining, 0);
  }

  clear(): void {
    this.armed = [];
  }

  /** Consumes and returns the next fault for a call of `method`, if one is armed. */
  take(method: string): Fault | undefined {
    const entry = this.armed.find((a) => a.method === method && a.remaining > 0);
    if (!entry) return undefined;
    entry.remaining -= 1;
    this.armed = this.armed.filter((a) => a.remaining > 0);
    return entry.fault;
  }

  private arm(method: string, times: number, fault: Fault): void {
    if (!Number.isInteger(times) || times < 1) throw new Error(`Slack emulator faults: times must be a positive integer, got ${times}`);
    this.armed.push({ method, remaining: times, fault });
  }
}

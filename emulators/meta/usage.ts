import type { Caller } from './auth.js';
import { graphError, type GraphError } from './graph-errors.js';

const HOUR_MS = 3600_000;

interface Window {
  used: number;
  resetAt: number;
}

export interface Usage {
  headers: Record<string, string>;
  /** The throttling error to answer instead of handling the request, when the budget is spent. */
  throttled?: GraphError;
}

/**
 * Call budgets per hour, reported the way https://developers.facebook.com/docs/graph-api/overview/rate-limiting
 * describes: `x-app-usage` (percent of the app's budget) on every answer and, for Page and
 * Instagram tokens, `x-business-use-case-usage` keyed by the Page or account id. A spent budget
 * answers code 32 for a Page token and code 4 for an Instagram token until the window ends.
 */
export class UsageMeter {
  private windows = new Map<string, Window>();

  constructor(
    private readonly now: () => number,
    /** `false`: nothing is counted; headers still report a fresh window. */
    public callsPerHour: number | false,
  ) {}

  consume(caller: Caller | undefined): Usage {
    const app = this.count('app');
    const appUsage = { call_count: app.percent, total_cputime: app.percent, total_time: app.percent };
    const headers: Record<string, string> = { 'x-app-usage': JSON.stringify(appUsage) };
    if (!caller) return { headers };
    const owner = this.count(caller.ownerId);
    const minutes = owner.exceeded ? Math.max(1, Math.ceil((owner.resetAt - this.now()) / 60_000)) : 0;
    headers['x-business-use-case-usage'] = JSON.stringify({
      [caller.ownerId]: [
        {
          type: caller.kind === 'page' ? 'pages' : 'instagram',
          call_count: owner.percent,
          total_cputime: owner.percent,
          total_time: owner.percent,
          estimated_time_to_regain_access: minutes,
        },
      ],
    });
    if (!owner.exceeded) return { headers };
    return { headers, throttled: graphError(caller.kind === 'page' ? 32 : 4) };
  }

  private count(key: string): { percent: number; exceeded: boolean; resetAt: number } {
    const now = this.now();
    let window = this.windows.get(key);
    if (!window || window.resetAt <= now) {
      window = { used: 0, resetAt: now + HOUR_MS };
      this.windows.set(key, window);
    }
    if (this.callsPerHour === false) return { percent: 0, exceeded: false, resetAt: window.resetAt };
    window.used += 1;
    const exceeded = window.used > this.callsPerHour;
    return { percent: Math.min(100, Math.floor((Math.min(window.used, this.callsPerHour) * 100) / this.callsPerHour)), exceeded, resetAt: window.resetAt };
  }

  clear(): void {
    this.windows.clear();
  }
}

/** Headers of a spent budget, for a throttling fault: every figure at 100 percent. */
export function exhaustedHeaders(caller: Caller | undefined, minutesToRegainAccess: number): Record<string, string> {
  const full = { call_count: 100, total_cputime: 100, total_time: 100 };
  return {
    'x-app-usage': JSON.stringify(full),
    ...(caller
      ? {
          'x-business-use-case-usage': JSON.stringify({
            [caller.ownerId]: [{ type: caller.kind === 'page' ? 'pages' : 'instagram', ...full, estimated_time_to_regain_access: minutesToRegainAccess }],
          }),
        }
      : {}),
  };
}

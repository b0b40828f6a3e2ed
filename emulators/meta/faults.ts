import { compilePathPattern } from '../x/faults.js';
import type { RateLimitCode } from './graph-errors.js';

export type FaultAction =
  /** Answer a Graph error with this code (and subcode) instead of handling the request; Graph's usual message and status unless given. */
  | { kind: 'error'; code: number; subcode?: number; status?: number; message?: string }
  /** Answer a throttling error (4 app, 17 user, 32 Page, 613 custom) with usage headers at 100%. */
  | { kind: 'rateLimit'; code: RateLimitCode; minutesToRegainAccess?: number }
  /** Handle the request normally after a delay. */
  | { kind: 'delay'; delayMs: number }
  /** Never answer; destroy the socket after `destroyAfterMs` if given, else keep it open until close(). */
  | { kind: 'hang'; destroyAfterMs?: number }
  /** Perform the request (state changes and webhooks happen), then destroy the connection without answering. */
  | { kind: 'commitThenDrop' };

export type FaultSpec = FaultAction & {
  /** HTTP method, or '*' (default) for any. */
  method?: string;
  /**
   * Pattern for the path without its version prefix: exact, `:name` for one segment, `*` for
   * anything (`/:id/comments`, `/me/messages`, `/*`).
   */
  path: string;
  /** How many matching requests it affects (default 1). */
  times?: number;
};

interface ArmedFault {
  spec: FaultSpec;
  pattern: RegExp;
  remaining: number;
}

/** Faults armed by tests; each matching request consumes one use of the oldest matching fault. */
export class FaultRegistry {
  private faults: ArmedFault[] = [];

  add(spec: FaultSpec): void {
    this.faults.push({ spec, pattern: compilePathPattern(spec.path), remaining: spec.times ?? 1 });
  }

  clear(): void {
    this.faults = [];
  }

  take(method: string, path: string): FaultAction | undefined {
    const fault = this.faults.find((f) => matchesMethod(f.spec.method, method) && f.pattern.test(path));
    if (!fault) return undefined;
    fault.remaining -= 1;
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return fault.spec;
  }
}

const matchesMethod = (wanted: string | undefined, actual: string): boolean =>
  wanted === undefined || wanted === '*' || wanted.toUpperCase() === actual.toUpperCase();

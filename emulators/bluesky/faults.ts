import type { XrpcErrorBody } from './xrpc.js';

export type FaultAction =
  /** Answer with this status and its standard XRPC body (or the given one, e.g. `{ error: 'ExpiredToken', message: 'Token has expired' }`) instead of handling the call. */
  | { kind: 'status'; status: number; body?: XrpcErrorBody }
  /** Answer 429 RateLimitExceeded as if the method's tightest window were spent, resetting in `resetInSeconds`. */
  | { kind: 'rateLimit'; resetInSeconds: number }
  /** Handle the call normally after a delay. */
  | { kind: 'delay'; delayMs: number }
  /** Never answer; destroy the socket after `destroyAfterMs` if given, else keep it open until close(). */
  | { kind: 'hang'; destroyAfterMs?: number }
  /** Perform the call (state changes happen), then destroy the connection without answering. */
  | { kind: 'commitThenDrop' }
  /** Answer an AppView read as if recent writes were not indexed yet: an empty page, or NotFound for a thread. */
  | { kind: 'notYetIndexed' };

export type FaultSpec = FaultAction & {
  /** NSID, or a pattern where `*` matches anything (`app.bsky.feed.*`, `*`). */
  nsid: string;
  /** How many matching calls it affects (default 1). */
  times?: number;
};

interface ArmedFault {
  spec: FaultSpec;
  pattern: RegExp;
  remaining: number;
}

/** `*` matches any run of characters; everything else matches literally. */
export function compileNsidPattern(pattern: string): RegExp {
  return new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  );
}

/** Faults armed by tests; each matching call consumes one use of the oldest matching fault. */
export class FaultRegistry {
  private faults: ArmedFault[] = [];

  add(spec: FaultSpec): void {
    this.faults.push({ spec, pattern: compileNsidPattern(spec.nsid), remaining: spec.times ?? 1 });
  }

  clear(): void {
    this.faults = [];
  }

  take(nsid: string): FaultAction | undefined {
    const fault = this.faults.find((f) => f.pattern.test(nsid));
    if (!fault) return undefined;
    fault.remaining -= 1;
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return fault.spec;
  }
}

import type { XProblem } from './problems.js';

export type FaultAction =
  /** Answer with this status and X's body for it (or the given body) instead of handling the request. */
  | { kind: 'status'; status: number; body?: XProblem }
  /** Answer 429 as if the window were exhausted, resetting in `resetInSeconds`. */
  | { kind: 'rateLimit'; resetInSeconds: number }
  /** Handle the request normally after a delay. */
  | { kind: 'delay'; delayMs: number }
  /** Never answer; destroy the socket after `destroyAfterMs` if given, else keep it open until close(). */
  | { kind: 'hang'; destroyAfterMs?: number }
  /** Perform the request (state changes happen), then destroy the connection without answering. */
  | { kind: 'commitThenDrop' }
  /** Answer a timeline read with no posts, as X does while a post just made is not yet visible in reads. */
  | { kind: 'notYetVisible' };

export type FaultSpec = FaultAction & {
  /** HTTP method, or '*' (default) for any. */
  method?: string;
  /** Path pattern: exact path, `:name` matches one segment, `*` matches anything (e.g. `/2/users/:id/mentions`). */
  path: string;
  /** How many matching requests it affects (default 1). */
  times?: number;
};

interface ArmedFault {
  spec: FaultSpec;
  pattern: RegExp;
  remaining: number;
}

/** `:name` matches one path segment, `*` anything; the rest matches literally. */
export function compilePathPattern(path: string): RegExp {
  const source = path
    .split('/')
    .map((segment) =>
      segment.startsWith(':')
        ? '[^/]+'
        : segment
            .split('*')
            .map((s) => s.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
            .join('.*'),
    )
    .join('/');
  return new RegExp(`^${source}$`);
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

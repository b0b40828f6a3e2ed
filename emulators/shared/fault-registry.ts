import { z } from 'zod';
import { compilePathPattern, matchesMethod } from './patterns.js';

/** Faults every emulator offers, whatever its network's errors look like. */
export type TransportFaultAction =
  /** Handle the request normally after a delay. */
  | { kind: 'delay'; delayMs: number }
  /** Never answer; destroy the socket after `destroyAfterMs` if given, else keep it open until close(). */
  | { kind: 'hang'; destroyAfterMs?: number }
  /** Perform the request (state changes happen), then destroy the connection without answering. */
  | { kind: 'commitThenDrop' };

/** Control API schemas of the transport faults, each with the emulator's own target fields. */
export const transportFaultSchemas = <Target extends z.ZodRawShape>(target: Target) =>
  [
    z.strictObject({ kind: z.literal('delay'), delayMs: z.number().nonnegative(), ...target }),
    z.strictObject({ kind: z.literal('hang'), destroyAfterMs: z.number().nonnegative().optional(), ...target }),
    z.strictObject({ kind: z.literal('commitThenDrop'), ...target }),
  ] as const;

interface ArmedFault<Spec, Request extends unknown[]> {
  spec: Spec;
  matches: (...request: Request) => boolean;
  remaining: number;
}

/** Faults armed by tests; each matching request consumes one use of the oldest matching fault. */
export class ArmedFaults<Spec extends { times?: number }, Request extends unknown[]> {
  private faults: ArmedFault<Spec, Request>[] = [];

  constructor(private readonly matcher: (spec: Spec) => (...request: Request) => boolean) {}

  add(spec: Spec): void {
    this.faults.push({ spec, matches: this.matcher(spec), remaining: spec.times ?? 1 });
  }

  clear(): void {
    this.faults = [];
  }

  take(...request: Request): Spec | undefined {
    const fault = this.faults.find((f) => f.matches(...request));
    if (!fault) return undefined;
    fault.remaining -= 1;
    this.faults = this.faults.filter((f) => f.remaining > 0);
    return fault.spec;
  }
}

export interface HttpFaultTarget {
  /** HTTP method, or '*' (default) for any. */
  method?: string;
  /** Path pattern: exact path, `:name` matches one segment, `*` matches anything. */
  path: string;
  /** How many matching requests it affects (default 1). */
  times?: number;
}

/** Faults aimed at requests by HTTP method and path pattern. */
export class HttpFaultRegistry<Spec extends HttpFaultTarget> extends ArmedFaults<Spec, [method: string, path: string]> {
  constructor() {
    super((spec) => {
      const pattern = compilePathPattern(spec.path);
      return (method, path) => matchesMethod(spec.method, method) && pattern.test(path);
    });
  }
}

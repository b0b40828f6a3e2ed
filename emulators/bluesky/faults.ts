import { ArmedFaults, type TransportFaultAction } from '../shared/fault-registry.js';
import { compileWildcardPattern } from '../shared/patterns.js';
import type { XrpcErrorBody } from './xrpc.js';

export type FaultAction =
  /** Answer with this status and its standard XRPC body (or the given one, e.g. `{ error: 'ExpiredToken', message: 'Token has expired' }`) instead of handling the call. */
  | { kind: 'status'; status: number; body?: XrpcErrorBody }
  /** Answer 429 RateLimitExceeded as if the method's tightest window were spent, resetting in `resetInSeconds`. */
  | { kind: 'rateLimit'; resetInSeconds: number }
  | TransportFaultAction
  /** Answer an AppView read as if recent writes were not indexed yet: an empty page, or NotFound for a thread. */
  | { kind: 'notYetIndexed' };

export type FaultSpec = FaultAction & {
  /** NSID, or a pattern where `*` matches anything (`app.bsky.feed.*`, `*`). */
  nsid: string;
  /** How many matching calls it affects (default 1). */
  times?: number;
};

/** Faults armed by tests; each matching call consumes one use of the oldest matching fault. */
export class FaultRegistry extends ArmedFaults<FaultSpec, [nsid: string]> {
  constructor() {
    super((spec) => {
      const pattern = compileWildcardPattern(spec.nsid);
      return (nsid) => pattern.test(nsid);
    });
  }
}

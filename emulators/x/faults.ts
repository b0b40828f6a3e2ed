import { HttpFaultRegistry, type HttpFaultTarget, type TransportFaultAction } from '../shared/fault-registry.js';
import type { XProblem } from './problems.js';

export type FaultAction =
  /** Answer with this status and X's body for it (or the given body) instead of handling the request. */
  | { kind: 'status'; status: number; body?: XProblem }
  /** Answer 429 as if the window were exhausted, resetting in `resetInSeconds`. */
  | { kind: 'rateLimit'; resetInSeconds: number }
  | TransportFaultAction
  /** Answer a timeline read with no posts, as X does while a post just made is not yet visible in reads. */
  | { kind: 'notYetVisible' };

/** `path` as in `/2/users/:id/mentions`. */
export type FaultSpec = FaultAction & HttpFaultTarget;

/** Faults armed by tests; each matching request consumes one use of the oldest matching fault. */
export class FaultRegistry extends HttpFaultRegistry<FaultSpec> {}

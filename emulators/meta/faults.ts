import { HttpFaultRegistry, type HttpFaultTarget, type TransportFaultAction } from '../shared/fault-registry.js';
import type { RateLimitCode } from './graph-errors.js';

export type FaultAction =
  /** Answer a Graph error with this code (and subcode) instead of handling the request; Graph's usual message and status unless given. */
  | { kind: 'error'; code: number; subcode?: number; status?: number; message?: string }
  /** Answer a throttling error (4 app, 17 user, 32 Page, 613 custom) with usage headers at 100%. */
  | { kind: 'rateLimit'; code: RateLimitCode; minutesToRegainAccess?: number }
  /** `commitThenDrop` sends the webhooks the request causes before dropping the connection. */
  | TransportFaultAction;

/** `path` is the path without its version prefix (`/:id/comments`, `/me/messages`, `/*`). */
export type FaultSpec = FaultAction & HttpFaultTarget;

/** Faults armed by tests; each matching request consumes one use of the oldest matching fault. */
export class FaultRegistry extends HttpFaultRegistry<FaultSpec> {}

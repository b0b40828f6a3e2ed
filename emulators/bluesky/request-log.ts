import { compileWildcardPattern } from '../shared/patterns.js';
import { RequestRecorder, type LoggedRequest } from '../shared/request-log.js';

export interface RequestLogEntry extends LoggedRequest {
  /** GET for queries, POST for procedures (whatever the client sent). */
  method: string;
  /** The XRPC method, e.g. `com.atproto.repo.createRecord`. */
  nsid: string;
  /** Query parameters; repeated keys (XRPC arrays) as lists. */
  params: Record<string, string | string[]>;
  /** The DID whose token authenticated the call, when one did. */
  did?: string;
  /** The XRPC error name of a failed call (`ExpiredToken`, `RateLimitExceeded`…). */
  error?: string;
}

export interface RequestFilter {
  /** NSID or pattern with `*`, as for faults. */
  nsid?: string;
}

function nsidMatcher(filter: RequestFilter): (entry: RequestLogEntry) => boolean {
  const pattern = filter.nsid === undefined ? undefined : compileWildcardPattern(filter.nsid);
  return (entry) => pattern === undefined || pattern.test(entry.nsid);
}

/** Every XRPC call the emulator received, in arrival order (control requests excluded). */
export class RequestLog extends RequestRecorder<RequestLogEntry, RequestFilter> {
  constructor() {
    super(nsidMatcher, {});
  }
}

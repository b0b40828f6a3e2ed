import { compileNsidPattern } from './faults.js';

export interface RequestLogEntry {
  /** ISO time the call arrived. */
  at: string;
  /** GET for queries, POST for procedures (whatever the client sent). */
  method: string;
  /** The XRPC method, e.g. `com.atproto.repo.createRecord`. */
  nsid: string;
  /** Query parameters; repeated keys (XRPC arrays) as lists. */
  params: Record<string, string | string[]>;
  /** Parsed JSON body, the raw text when not JSON, undefined when empty. */
  body: unknown;
  /** Status the emulator answered (or would have, for a dropped connection); null while pending or hung. */
  status: number | null;
  outcome: 'pending' | 'answered' | 'dropped' | 'hung';
  /** ISO time the answer was sent (or the connection dropped); absent while pending or hung. */
  finishedAt?: string;
  /** The DID whose token authenticated the call, when one did. */
  did?: string;
  /** The XRPC error name of a failed call (`ExpiredToken`, `RateLimitExceeded`…). */
  error?: string;
}

export interface RequestFilter {
  /** NSID or pattern with `*`, as for faults. */
  nsid?: string;
}

/** Every XRPC call the emulator received, in arrival order (control requests excluded). */
export class RequestLog {
  private entries: RequestLogEntry[] = [];

  add(entry: RequestLogEntry): RequestLogEntry {
    this.entries.push(entry);
    return entry;
  }

  list(filter: RequestFilter = {}): RequestLogEntry[] {
    const pattern = filter.nsid === undefined ? undefined : compileNsidPattern(filter.nsid);
    return this.entries.filter((e) => pattern === undefined || pattern.test(e.nsid)).map((e) => structuredClone(e));
  }

  clear(): void {
    this.entries = [];
  }
}

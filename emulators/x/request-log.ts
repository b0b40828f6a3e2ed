import { compilePathPattern } from './faults.js';

export interface RequestLogEntry {
  /** ISO time the request arrived. */
  at: string;
  method: string;
  path: string;
  query: Record<string, string>;
  /** Parsed JSON body, the raw text when not JSON, undefined when empty. */
  body: unknown;
  /** Status the emulator answered (or would have, for a dropped connection); null while pending or hung. */
  status: number | null;
  outcome: 'pending' | 'answered' | 'dropped' | 'hung';
  /** ISO time the answer was sent (or the connection dropped); absent while pending or hung. */
  finishedAt?: string;
  /** The authenticated user, when the request carried a valid user context. */
  userId?: string;
}

export interface RequestFilter {
  method?: string;
  /** Same pattern syntax as faults: `/2/tweets`, `/2/users/:id/mentions`, `/2/*`. */
  path?: string;
}

/** Every X API request the emulator received, in arrival order (control requests excluded). */
export class RequestLog {
  private entries: RequestLogEntry[] = [];

  add(entry: RequestLogEntry): RequestLogEntry {
    this.entries.push(entry);
    return entry;
  }

  list(filter: RequestFilter = {}): RequestLogEntry[] {
    const pattern = filter.path === undefined ? undefined : compilePathPattern(filter.path);
    return this.entries
      .filter((e) => filter.method === undefined || e.method === filter.method.toUpperCase())
      .filter((e) => pattern === undefined || pattern.test(e.path))
      .map((e) => structuredClone(e));
  }

  clear(): void {
    this.entries = [];
  }
}

import { compilePathPattern } from '../x/faults.js';
import type { TokenKind } from './auth.js';

export interface RequestLogEntry {
  /** Emulator clock time the request arrived. */
  at: string;
  method: string;
  /** Path without the version prefix (`/{id}/comments`); the version is in `version`. */
  path: string;
  /** `v21.0`, or null for an unversioned path. */
  version: string | null;
  /** Query parameters; an access token is replaced by `[redacted]`. */
  query: Record<string, string>;
  /** Body parameters (JSON or form), likewise redacted; undefined when empty. */
  body: unknown;
  /** Which token the request carried, when it was valid. */
  token?: TokenKind;
  /** Status answered (or that would have been, for a dropped connection); null while pending or hung. */
  status: number | null;
  outcome: 'pending' | 'answered' | 'dropped' | 'hung';
  /** Graph error code answered, if any. */
  errorCode?: number;
  finishedAt?: string;
}

export interface RequestFilter {
  method?: string;
  /** Same pattern syntax as faults: `/:id/comments`, `/me/messages`, `/*`. */
  path?: string;
}

/** Every Graph API request the emulator received, in arrival order (control requests excluded). */
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

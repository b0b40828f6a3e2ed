import { compilePathPattern } from './patterns.js';

/** What every emulator records of a request it received. */
export interface LoggedRequest {
  /** Emulator clock time the request arrived. */
  at: string;
  method: string;
  /** Parsed body, the raw text when not JSON, undefined when empty. */
  body: unknown;
  /** Status the emulator answered (or would have, for a dropped connection); null while pending or hung. */
  status: number | null;
  outcome: 'pending' | 'answered' | 'dropped' | 'hung';
  /** Time the answer was sent (or the connection dropped); absent while pending or hung. */
  finishedAt?: string;
}

/** Every API request an emulator received, in arrival order (control requests excluded). */
export class RequestRecorder<Entry extends LoggedRequest, Filter> {
  private entries: Entry[] = [];

  constructor(
    private readonly matcher: (filter: Filter) => (entry: Entry) => boolean,
    private readonly everything: Filter,
  ) {}

  add(entry: Entry): Entry {
    this.entries.push(entry);
    return entry;
  }

  list(filter: Filter = this.everything): Entry[] {
    return this.entries.filter(this.matcher(filter)).map((e) => structuredClone(e));
  }

  clear(): void {
    this.entries = [];
  }
}

export interface HttpRequestFilter {
  method?: string;
  /** Same pattern syntax as faults: exact path, `:name` for one segment, `*` for anything. */
  path?: string;
}

/** Selects logged requests by HTTP method and path pattern. */
export function httpRequestMatcher(filter: HttpRequestFilter): (entry: { method: string; path: string }) => boolean {
  const pattern = filter.path === undefined ? undefined : compilePathPattern(filter.path);
  return (entry) => (filter.method === undefined || entry.method === filter.method.toUpperCase()) && (pattern === undefined || pattern.test(entry.path));
}

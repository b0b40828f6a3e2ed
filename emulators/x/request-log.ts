import { httpRequestMatcher, RequestRecorder, type HttpRequestFilter, type LoggedRequest } from '../shared/request-log.js';

export interface RequestLogEntry extends LoggedRequest {
  path: string;
  query: Record<string, string>;
  /** The authenticated user, when the request carried a valid user context. */
  userId?: string;
}

/** `path` as for faults: `/2/tweets`, `/2/users/:id/mentions`, `/2/*`. */
export type RequestFilter = HttpRequestFilter;

/** Every X API request the emulator received, in arrival order (control requests excluded). */
export class RequestLog extends RequestRecorder<RequestLogEntry, RequestFilter> {
  constructor() {
    super(httpRequestMatcher, {});
  }
}

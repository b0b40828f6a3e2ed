import { httpRequestMatcher, RequestRecorder, type HttpRequestFilter, type LoggedRequest } from '../shared/request-log.js';
import type { TokenKind } from './auth.js';

export interface RequestLogEntry extends LoggedRequest {
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
  /** Graph error code answered, if any. */
  errorCode?: number;
}

/** `path` as for faults: `/:id/comments`, `/me/messages`, `/*`. */
export type RequestFilter = HttpRequestFilter;

/** Every Graph API request the emulator received, in arrival order (control requests excluded). */
export class RequestLog extends RequestRecorder<RequestLogEntry, RequestFilter> {
  constructor() {
    super(httpRequestMatcher, {});
  }
}

/** Reports every call to Slack: the Web API method (`response_url`, `file_upload` otherwise) and its HTTP status, `timeout` or `network_error`. */
export type SlackCallObserver = (method: string, status: string) => void;

export interface SlackFetchOptions {
  /** The Web API base URL, to tell its methods from response_url posts and file uploads. */
  apiUrl: string;
  /** Given to calls that come without a signal of their own (Bolt's `respond()` posts to response_url). */
  timeoutMs: number;
  onCall?: SlackCallObserver;
}

/**
 * The `fetch` Bolt and its Web API client use. The Web API client sets its own deadline (its
 * `timeout` option); Bolt's `respond()` sets none, so a response_url that never answers would hold
 * its listener forever.
 */
export function createSlackFetch({ apiUrl, timeoutMs, onCall }: SlackFetchOptions): typeof fetch {
  return async (input, init) => {
    const url = input instanceof Request ? input.url : String(input);
    const method = url.startsWith(apiUrl) ? url.slice(apiUrl.length).split(/[/?]/)[0] || 'unknown' : /\/upload\//.test(url) ? 'file_upload' : 'response_url';
    try {
      const response = await fetch(input, { ...init, signal: init?.signal ?? AbortSignal.timeout(timeoutMs) });
      onCall?.(method, String(response.status));
      return response;
    } catch (error) {
      onCall?.(method, isTimeout(error) ? 'timeout' : 'network_error');
      throw error;
    }
  };
}

function isTimeout(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'TimeoutError' || error.name === 'AbortError');
}

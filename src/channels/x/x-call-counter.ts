import type { ITwitterApiClientPlugin } from 'twitter-api-v2';
import { toXFailure } from './x-failure.js';

/** Reports every X API call's outcome: `2xx`, the HTTP status of a refusal, `timeout` or `network_error`. */
export type XCallObserver = (endpoint: string, status: string) => void;

/** A twitter-api-v2 plugin that tells `observe` how each call ended. */
export function xCallCounter(observe: XCallObserver): ITwitterApiClientPlugin {
  return {
    onAfterRequest: ({ url }) => observe(endpointOf(url), '2xx'),
    onResponseError: ({ url, error }) => observe(endpointOf(url), String(error.code)),
    onRequestError: ({ url, error }) => observe(endpointOf(url), /TIMEDOUT/.test(toXFailure(error).code ?? '') ? 'timeout' : 'network_error'),
  };
}

/** `/2/users/123/mentions` → `users/:id/mentions`: ids would make one series per user. */
function endpointOf(url: URL): string {
  return url.pathname
    .replace(/^\/(?:2\/)?/, '')
    .split('/')
    .map((segment) => (/^\d+$/.test(segment) ? ':id' : segment))
    .join('/');
}

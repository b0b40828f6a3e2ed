import type { CustomRoute } from '@slack/bolt';
import type { Registry } from 'prom-client';

/** `GET /metrics`: the registry in Prometheus' text format (queue depth is read from the database now). */
export function metricsRoute(registry: Registry): CustomRoute {
  return {
    path: '/metrics',
    method: ['GET'],
    handler: (_request, response) => {
      registry.metrics().then(
        (text) => {
          response.writeHead(200, { 'content-type': registry.contentType });
          response.end(text);
        },
        () => {
          // A metric that cannot be read (the database is down) fails the scrape; /healthz says why.
          response.writeHead(503, { 'content-type': 'text/plain' });
          response.end('metrics unavailable\n');
        },
      );
    },
  };
}

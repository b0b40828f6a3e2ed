import type { CustomRoute } from '@slack/bolt';
import type { Registry } from 'prom-client';

/** `GET /metrics`: the registry in Prometheus' text format (queue depth is read from the database now). */
export function metricsRoute(registry: Registry): CustomRoute {
  return {
    path: '/metrics',
    method: ['GET'],
    handler: async (_request, response) => {
      try {
        const text = await registry.metrics();
        response.writeHead(200, { 'content-type': registry.contentType });
        response.end(text);
      } catch {
        // A metric that cannot be read (the database is down) fails the scrape; /healthz says why.
        response.writeHead(503, { 'content-type': 'text/plain' });
        response.end('metrics unavailable\n');
      }
    },
  };
}

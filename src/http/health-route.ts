import type { CustomRoute } from '@slack/bolt';
import type { Database } from '../db/database.js';

/**
 * `GET /healthz`: 200 when the database answers, 503 otherwise (for load balancers and Docker).
 * `stuckOutbound`: outbound messages queued long ago and still not sent (see stuck-replies.ts).
 */
export function healthRoute(database: Pick<Database, 'isReachable'>, detail: { stuckOutbound?: () => Promise<number> } = {}): CustomRoute {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: async (_request, response) => {
      const reachable = await database.isReachable();
      const stuckOutbound = reachable && detail.stuckOutbound ? await detail.stuckOutbound().catch(() => undefined) : undefined;
      response.writeHead(reachable ? 200 : 503, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ status: reachable ? 'ok' : 'unavailable', database: reachable ? 'reachable' : 'unreachable', ...(stuckOutbound === undefined ? {} : { stuckOutbound }) }));
    },
  };
}

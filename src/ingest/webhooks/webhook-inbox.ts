import type { CustomRoute } from '@slack/bolt';
import type { Database } from '../../db/database.js';
import { webhookInboxCheck } from '../../health/webhook-inbox-check.js';
import type { HealthCheck } from '../../http/health-route.js';
import { webhookRoutes } from '../../http/webhook-routes.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import { processWebhookDeliveryJob } from '../../jobs/jobs.js';
import type { Logger } from '../../log/create-logger.js';
import type { WebhookMetrics } from '../../metrics/webhook-metrics.js';
import { deleteProcessedDeliveries } from './delete-processed-deliveries.js';
import { processWebhookDelivery } from './process-webhook-delivery.js';
import { readInboxBacklog } from './read-inbox-backlog.js';
import { requeueUnprocessedDeliveries, type RequeueFilter } from './requeue-unprocessed-deliveries.js';
import type { WebhookHandler } from './webhook-handler.js';

export interface WebhookInboxDeps {
  prisma: Database['prisma'];
  queue: JobQueue;
  /** The configured networks' handlers (none: no webhook routes, only retention runs). */
  handlers: readonly WebhookHandler[];
  metrics: WebhookMetrics;
  logger: Logger;
  now: () => Date;
  /** Processed deliveries are deleted this many days after they were processed. */
  retentionDays: number;
}

export interface WebhookInbox {
  /** `/webhooks/<network>` for each handler. */
  readonly routes: CustomRoute[];
  /** `webhookInbox` when a network sends webhooks. */
  readonly healthChecks: HealthCheck[];
  /** Starts the job worker, and queues again what a stopped process stored but never processed. */
  start(): Promise<void>;
  /**
   * Periodic upkeep, on one replica: deliveries stored but never queued are queued (failed ones wait
   * for the next start-up, after their job's retries); processed ones past retention are deleted.
   */
  startUpkeep(): { stop(): Promise<void> };
}

const sweepEveryMs = 5 * 60_000;
/** A delivery younger than this may still be on its way to the queue. */
const sweepGraceMs = 60_000;
const retentionEveryMs = 60 * 60_000;
const dayMs = 24 * 60 * 60_000;

/** The durable webhook inbox (see docs/webhook-inbox.md): store, then acknowledge, then process by job. */
export function createWebhookInbox(deps: WebhookInboxDeps): WebhookInbox {
  const { prisma, queue, logger, now } = deps;
  const handlers = new Map(deps.handlers.map((handler) => [handler.network, handler]));
  const networks = [...handlers.keys()];
  const sweep = async (filter: Omit<RequeueFilter, 'networks'> = {}) => {
    if (networks.length === 0) return;
    const queued = await requeueUnprocessedDeliveries({ prisma, queue }, { networks, ...filter });
    if (queued > 0) logger.info({ deliveries: queued }, 'queued the webhook deliveries stored but never processed');
  };
  const deleteExpired = async () => {
    const deleted = await deleteProcessedDeliveries(prisma, new Date(now().getTime() - deps.retentionDays * dayMs));
    if (deleted > 0) logger.info({ deliveries: deleted }, 'deleted processed webhook deliveries past retention');
  };
  return {
    routes: deps.handlers.flatMap((handler) => webhookRoutes(handler, { prisma, queue, metrics: deps.metrics, logger, now })),
    healthChecks: networks.length > 0 ? [webhookInboxCheck(() => readInboxBacklog(prisma, networks), { now })] : [],
    async start() {
      if (networks.length === 0) return;
      await queue.work(processWebhookDeliveryJob, ({ deliveryId }, { logger: jobLogger }) =>
        processWebhookDelivery({ prisma, handlers, now, onProcessed: deps.metrics.processed }, deliveryId, { logger: jobLogger }),
      );
      await sweep();
    },
    startUpkeep() {
      const report = (what: string) => (error: unknown) => logger.error({ err: error }, what);
      void deleteExpired().catch(report('could not delete old webhook deliveries'));
      const timers = [
        setInterval(
          () =>
            void sweep({ receivedBefore: new Date(now().getTime() - sweepGraceMs), neverAttempted: true }).catch(
              report('could not look for unqueued webhook deliveries'),
            ),
          sweepEveryMs,
        ),
        setInterval(() => void deleteExpired().catch(report('could not delete old webhook deliveries')), retentionEveryMs),
      ];
      return { stop: async () => timers.forEach((timer) => clearInterval(timer)) };
    },
  };
}

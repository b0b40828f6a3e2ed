import type { Database } from '../../db/database.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import { processWebhookDeliveryJob } from '../../jobs/jobs.js';

export interface RequeueFilter {
  networks: readonly string[];
  /** Only deliveries received before this. */
  receivedBefore?: Date;
  /** Only deliveries never attempted: those that failed had their job's retries already. */
  neverAttempted?: boolean;
}

/**
 * Deliveries are the source of truth and jobs only triggers: a crash between storing a delivery and
 * queueing its job must not lose it. This queues again the unprocessed deliveries of the given
 * networks; a job already queued for one is kept.
 */
export async function requeueUnprocessedDeliveries(
  deps: { prisma: Database['prisma']; queue: JobQueue },
  { networks, receivedBefore, neverAttempted = false }: RequeueFilter,
): Promise<number> {
  const unprocessed = await deps.prisma.webhookDelivery.findMany({
    where: {
      processedAt: null,
      network: { in: [...networks] },
      ...(receivedBefore ? { receivedAt: { lt: receivedBefore } } : {}),
      ...(neverAttempted ? { attempts: 0 } : {}),
    },
    orderBy: { receivedAt: 'asc' },
    select: { id: true },
  });
  for (const { id } of unprocessed) await deps.queue.send(processWebhookDeliveryJob, { deliveryId: id }, { key: id });
  return unprocessed.length;
}

import type { Database } from '../../db/database.js';
import type { InboxBacklog } from '../../health/webhook-inbox-check.js';

/** The unprocessed deliveries of these networks: waiting (and since when the oldest does), and failing. */
export async function readInboxBacklog(prisma: Database['prisma'], networks: readonly string[]): Promise<InboxBacklog> {
  const unprocessed = { processedAt: null, network: { in: [...networks] } };
  const [waiting, failing] = await Promise.all([
    prisma.webhookDelivery.aggregate({ where: { ...unprocessed, lastError: null }, _count: { _all: true }, _min: { receivedAt: true } }),
    prisma.webhookDelivery.count({ where: { ...unprocessed, lastError: { not: null } } }),
  ]);
  return { waiting: waiting._count._all, oldestWaitingSince: waiting._min.receivedAt ?? undefined, failing };
}

import type { Database } from '../../db/database.js';

/**
 * Retention: processed deliveries (their bodies already cleared) are kept a while, so a network's
 * late retry of one is still recognised and stores nothing; then deleted.
 */
export async function deleteProcessedDeliveries(prisma: Database['prisma'], processedBefore: Date): Promise<number> {
  const deleted = await prisma.webhookDelivery.deleteMany({ where: { processedAt: { lt: processedBefore } } });
  return deleted.count;
}

import type { Prisma } from '../generated/prisma/client.js';

export const ERASED_DELIVERY_NOTE = 'erased by a data request before it was processed';

/**
 * Erases the bodies of webhook deliveries not yet processed that mention one of the customer's
 * network ids (as a JSON string, the way notifications carry ids). Processed deliveries need
 * nothing: their bodies were cleared when processed. An erased delivery is set aside as processed,
 * and its hash stays, so the network's retry of it stores nothing; other customers' entries in the
 * same delivery go with it, and are left to the network's reconciliation poll.
 */
export async function eraseWebhookDeliveries(tx: Prisma.TransactionClient, externalIds: readonly string[], now: Date): Promise<number> {
  if (externalIds.length === 0) return 0;
  const needles = externalIds.map((id) => JSON.stringify(id));
  return tx.$executeRawUnsafe(
    `UPDATE "WebhookDelivery" SET body = NULL, "lastError" = $2, "processedAt" = $3
     WHERE "processedAt" IS NULL AND body IS NOT NULL AND EXISTS (SELECT 1 FROM unnest($1::text[]) AS needle WHERE strpos(body, needle) > 0)`,
    needles,
    ERASED_DELIVERY_NOTE,
    now,
  );
}

import { createHash } from 'node:crypto';
import type { Database } from '../../db/database.js';
import { isUniqueViolation } from '../../db/prisma-errors.js';

export interface ReceivedDelivery {
  network: string;
  rawBody: Buffer;
  /** The raw body as text (checked to be UTF-8 JSON). */
  body: string;
  headers: Record<string, string>;
  receivedAt: Date;
}

export interface StoredOutcome {
  id: string;
  /** The same body was already stored for this network (a retry of a delivery): nothing new was stored. */
  duplicate: boolean;
  /** Already processed (or erased): there is nothing left to queue. */
  processed: boolean;
}

/** Stores a delivery before it is acknowledged; a network's retry of one already stored (same body) stores nothing new. */
export async function storeWebhookDelivery(prisma: Database['prisma'], delivery: ReceivedDelivery): Promise<StoredOutcome> {
  const bodyHash = createHash('sha256').update(delivery.rawBody).digest('hex');
  try {
    const created = await prisma.webhookDelivery.create({
      data: { network: delivery.network, bodyHash, body: delivery.body, headers: delivery.headers, receivedAt: delivery.receivedAt },
      select: { id: true },
    });
    return { id: created.id, duplicate: false, processed: false };
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    const existing = await prisma.webhookDelivery.findUniqueOrThrow({
      where: { network_bodyHash: { network: delivery.network, bodyHash } },
      select: { id: true, processedAt: true },
    });
    return { id: existing.id, duplicate: true, processed: existing.processedAt !== null };
  }
}

import { z } from 'zod';
import type { Database } from '../../db/database.js';
import type { Logger } from '../../log/create-logger.js';
import type { WebhookHandler } from './webhook-handler.js';

export interface ProcessDeliveryDeps {
  prisma: Database['prisma'];
  /** By network. */
  handlers: ReadonlyMap<string, WebhookHandler>;
  now: () => Date;
  onProcessed?: (network: string, outcome: 'processed' | 'failed') => void;
}

const keptHeadersSchema = z.record(z.string(), z.string());
const maxErrorLength = 1000;

/**
 * The job's work: hands a stored delivery to its network's handler, then marks it processed and
 * clears its body (the customers' words then live only in conversations, where `/social forget`
 * finds them). A failure is recorded on the delivery and thrown, so the job is retried.
 */
export async function processWebhookDelivery(deps: ProcessDeliveryDeps, deliveryId: string, { logger }: { logger: Logger }): Promise<void> {
  const { prisma } = deps;
  const delivery = await prisma.webhookDelivery.findUnique({ where: { id: deliveryId } });
  // Processed already (a job queued twice), erased by a data request, or deleted by retention.
  if (!delivery || delivery.processedAt || delivery.body === null) return;
  const handler = deps.handlers.get(delivery.network);
  if (!handler) throw new Error(`no webhook handler for "${delivery.network}": is that network still configured?`);
  await prisma.webhookDelivery.update({ where: { id: deliveryId }, data: { attempts: { increment: 1 } } });
  try {
    await handler.process(
      { id: delivery.id, network: delivery.network, receivedAt: delivery.receivedAt, body: delivery.body, headers: keptHeadersSchema.parse(delivery.headers) },
      { logger: logger.child({ deliveryId, network: delivery.network }) },
    );
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    await prisma.webhookDelivery.update({ where: { id: deliveryId }, data: { lastError: message.slice(0, maxErrorLength) } });
    deps.onProcessed?.(delivery.network, 'failed');
    throw error;
  }
  await prisma.webhookDelivery.updateMany({ where: { id: deliveryId, processedAt: null }, data: { processedAt: deps.now(), body: null, lastError: null } });
  deps.onProcessed?.(delivery.network, 'processed');
}

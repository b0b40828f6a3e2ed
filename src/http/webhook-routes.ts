import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';
import type { Database } from '../db/database.js';
import { storeWebhookDelivery } from '../ingest/webhooks/store-webhook-delivery.js';
import type { WebhookHandler } from '../ingest/webhooks/webhook-handler.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { processWebhookDeliveryJob } from '../jobs/jobs.js';
import type { Logger } from '../log/create-logger.js';
import type { WebhookMetrics } from '../metrics/webhook-metrics.js';
import { readLimitedBody } from './read-limited-body.js';

/** Larger bodies are refused with 413 before being read whole (Meta batches at most 1000 entries in one notification). */
export const maxWebhookBodyBytes = 1024 * 1024;

export interface WebhookRouteDeps {
  prisma: Database['prisma'];
  queue: JobQueue;
  metrics: WebhookMetrics;
  logger: Logger;
  now: () => Date;
}

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * `POST /webhooks/<network>`: the body is checked against the network's signature, stored, and only
 * then acknowledged (200); its job is queued after the answer. A forged or unsigned request is
 * refused (401/403) and nothing is stored. `GET /webhooks/<network>` answers the network's
 * subscription check when it has one.
 */
export function webhookRoutes(handler: WebhookHandler, deps: WebhookRouteDeps): CustomRoute[] {
  const path = `/webhooks/${handler.network}`;
  const logger = deps.logger.child({ webhook: handler.network });
  const routes: CustomRoute[] = [
    {
      path,
      method: ['POST'],
      handler: (request, response) => {
        receiveDelivery(handler, { ...deps, logger }, request, response).catch((error: unknown) => {
          logger.error({ err: error }, 'could not answer a webhook request');
          if (!response.headersSent) answer(response, 500, 'internal error');
        });
      },
    },
  ];
  const { handshake } = handler;
  if (handshake) {
    routes.push({
      path,
      method: ['GET'],
      handler: (request, response) => {
        const answered = handshake(new URL(request.url ?? '/', 'http://localhost').searchParams);
        if (answered.status !== 200) logger.warn({ status: answered.status }, `refused a subscription check of ${path}: wrong or missing verify token`);
        response.writeHead(answered.status, { 'content-type': answered.contentType, 'x-content-type-options': 'nosniff' });
        response.end(answered.body);
      },
    });
  }
  return routes;
}

async function receiveDelivery(handler: WebhookHandler, deps: WebhookRouteDeps, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const { network } = handler;
  const { logger, metrics } = deps;
  const rawBody = await readLimitedBody(request, maxWebhookBodyBytes);
  if (!rawBody) {
    metrics.refused(network, 'too_large');
    logger.warn({ limitBytes: maxWebhookBodyBytes }, 'refused a webhook request: body too large');
    // What is left of the body is read and dropped; the connection then closes.
    request.resume();
    answer(response, 413, 'body too large', { connection: 'close' });
    return;
  }
  const verification = handler.verify({ headers: request.headers, rawBody });
  if (!verification.ok) {
    metrics.refused(network, verification.refusal);
    logger.warn({ reason: verification.reason }, 'refused a webhook request: its signature does not prove it comes from the network');
    answer(response, verification.refusal === 'unsigned' ? 401 : 403, 'signature refused');
    return;
  }
  const body = jsonText(rawBody);
  if (body === undefined) {
    // Never the body itself: it may carry customers' personal data.
    metrics.refused(network, 'bad_json');
    logger.warn({ bytes: rawBody.length }, 'refused a signed webhook request: its body is not UTF-8 JSON');
    answer(response, 400, 'body is not JSON');
    return;
  }
  const stored = await storeWebhookDelivery(deps.prisma, {
    network,
    rawBody,
    body,
    headers: keptHeaders(request, handler.keptHeaders),
    receivedAt: deps.now(),
  }).catch((error: unknown) => {
    logger.error({ err: error }, 'could not store a webhook delivery; answered 503 so the network retries');
    return undefined;
  });
  if (!stored) {
    // Not acknowledged: the network sends it again later.
    metrics.refused(network, 'not_stored');
    answer(response, 503, 'try again later');
    return;
  }
  answer(response, 200, 'ok');
  metrics.received(network, stored.duplicate ? 'duplicate' : 'stored');
  logger.debug({ deliveryId: stored.id, duplicate: stored.duplicate }, stored.duplicate ? 'webhook delivery already stored' : 'webhook delivery stored');
  if (stored.processed) return;
  await deps.queue
    .send(processWebhookDeliveryJob, { deliveryId: stored.id }, { key: stored.id })
    .catch((error: unknown) =>
      logger.error({ err: error, deliveryId: stored.id }, 'could not queue a stored webhook delivery; it is queued again at the next sweep or start-up'),
    );
}

function jsonText(rawBody: Buffer): string | undefined {
  try {
    const text = utf8.decode(rawBody);
    JSON.parse(text);
    return text;
  } catch {
    return undefined;
  }
}

function keptHeaders(request: IncomingMessage, names: readonly string[]): Record<string, string> {
  const kept: Record<string, string> = {};
  for (const name of names) {
    const value = request.headers[name];
    if (typeof value === 'string') kept[name] = value;
  }
  return kept;
}

function answer(response: ServerResponse, status: number, text: string, headers: Record<string, string> = {}): void {
  response.writeHead(status, { 'content-type': 'text/plain; charset=utf-8', ...headers });
  response.end(`${text}\n`);
}

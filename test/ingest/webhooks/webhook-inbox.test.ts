import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CustomRoute } from '@slack/bolt';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeLikeMeta, signatureHeaders } from '../../../emulators/meta/webhooks/encode.js';
import { createMetaWebhookHandler } from '../../../src/channels/meta/meta-webhook-handler.js';
import type { Database } from '../../../src/db/database.js';
import { ERASED_DELIVERY_NOTE } from '../../../src/forget/erase-webhook-deliveries.js';
import { forgetCustomer } from '../../../src/forget/forget-customer.js';
import { webhookInboxCheck } from '../../../src/health/webhook-inbox-check.js';
import { webhookRoutes } from '../../../src/http/webhook-routes.js';
import { deleteProcessedDeliveries } from '../../../src/ingest/webhooks/delete-processed-deliveries.js';
import { processWebhookDelivery } from '../../../src/ingest/webhooks/process-webhook-delivery.js';
import { readInboxBacklog } from '../../../src/ingest/webhooks/read-inbox-backlog.js';
import { requeueUnprocessedDeliveries } from '../../../src/ingest/webhooks/requeue-unprocessed-deliveries.js';
import { storeWebhookDelivery } from '../../../src/ingest/webhooks/store-webhook-delivery.js';
import type { StoredWebhookDelivery } from '../../../src/ingest/webhooks/webhook-handler.js';
import { createLogger } from '../../../src/log/create-logger.js';
import { createWebhookMetrics } from '../../../src/metrics/webhook-metrics.js';
import { recordingQueue } from '../../support/recording-queue.js';
import { createMigratedDatabase, databaseKinds } from '../../support/test-databases.js';

const logger = createLogger({ level: 'silent' });
const appSecret = '0123456789abcdef0123456789abcdef';
const at = (iso: string) => new Date(iso);

/** A handler that records what it was given, and fails while `failures` is above zero. */
function recordingHandler(network = 'test') {
  const seen: StoredWebhookDelivery[] = [];
  const handler = {
    network,
    keptHeaders: [],
    failures: 0,
    seen,
    verify: () => ({ ok: true as const }),
    process: async (delivery: StoredWebhookDelivery) => {
      if (handler.failures > 0) {
        handler.failures -= 1;
        throw new Error('the network did not answer');
      }
      seen.push(delivery);
    },
  };
  return handler;
}

function store(db: Database, body: string, { network = 'test', receivedAt = new Date() } = {}) {
  return storeWebhookDelivery(db.prisma, { network, rawBody: Buffer.from(body), body, headers: { 'content-type': 'application/json' }, receivedAt });
}

describe.each(databaseKinds)('the webhook inbox (%s)', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;
  beforeAll(async () => {
    ({ db, dispose } = await createMigratedDatabase(kind));
  });
  afterAll(() => dispose());

  const rowsOf = (network: string) => db.prisma.webhookDelivery.findMany({ where: { network }, orderBy: { receivedAt: 'asc' } });

  it('stores a delivery once: the same body again (a retry) is recognised and stores nothing', async () => {
    const first = await store(db, '{"n":1}', { network: 'dedup' });
    const again = await store(db, '{"n":1}', { network: 'dedup' });
    const other = await store(db, '{"n":2}', { network: 'dedup' });
    expect(first).toEqual({ id: expect.any(String), duplicate: false, processed: false });
    expect(again).toEqual({ id: first.id, duplicate: true, processed: false });
    expect(other.duplicate).toBe(false);
    // The same body from another network is another delivery.
    expect((await store(db, '{"n":1}', { network: 'dedup-other' })).duplicate).toBe(false);
    expect(await rowsOf('dedup')).toHaveLength(2);
  });

  it('hands a delivery to its handler once, then clears its body; a failure is recorded and retried', async () => {
    const handler = recordingHandler('processing');
    handler.failures = 1;
    const deps = { prisma: db.prisma, handlers: new Map([[handler.network, handler]]), now: () => at('2026-12-05T10:00:00Z') };
    const { id } = await store(db, '{"hello":"world"}', { network: 'processing', receivedAt: at('2026-12-05T09:59:59Z') });

    await expect(processWebhookDelivery(deps, id, { logger })).rejects.toThrow('the network did not answer');
    expect(await db.prisma.webhookDelivery.findUniqueOrThrow({ where: { id } })).toMatchObject({
      processedAt: null,
      attempts: 1,
      lastError: 'the network did not answer',
      body: '{"hello":"world"}',
    });

    await processWebhookDelivery(deps, id, { logger });
    await processWebhookDelivery(deps, id, { logger });
    expect(handler.seen).toEqual([
      { id, network: 'processing', receivedAt: at('2026-12-05T09:59:59Z'), body: '{"hello":"world"}', headers: { 'content-type': 'application/json' } },
    ]);
    expect(await db.prisma.webhookDelivery.findUniqueOrThrow({ where: { id } })).toMatchObject({
      processedAt: at('2026-12-05T10:00:00Z'),
      attempts: 2,
      lastError: null,
      body: null,
    });
    // A retry arriving after processing is still recognised, and there is nothing to queue.
    expect(await store(db, '{"hello":"world"}', { network: 'processing' })).toEqual({ id, duplicate: true, processed: true });
  });

  it('fails, and keeps the delivery, when no handler is configured for its network', async () => {
    const { id } = await store(db, '{}', { network: 'unconfigured' });
    await expect(processWebhookDelivery({ prisma: db.prisma, handlers: new Map(), now: () => new Date() }, id, { logger })).rejects.toThrow(
      'no webhook handler for "unconfigured"',
    );
    expect(await db.prisma.webhookDelivery.findUniqueOrThrow({ where: { id } })).toMatchObject({ processedAt: null, body: '{}' });
  });

  it('queues again a delivery stored and acknowledged by a process that died before queueing it', async () => {
    const metaHandler = createMetaWebhookHandler({ appSecret, verifyToken: 'token' }, { ingest: () => Promise.resolve() });
    const dying = recordingQueue();
    dying.failNext();
    const registry = new Registry();
    const routes = webhookRoutes(metaHandler, {
      prisma: db.prisma,
      queue: dying.queue,
      metrics: createWebhookMetrics(registry),
      logger,
      now: () => new Date(),
    });
    const body = encodeLikeMeta({ object: 'page', entry: [{ id: '1', time: 1, changes: [] }] });
    const status = await postTo(routes, body, signatureHeaders(appSecret, body));
    expect(status).toBe(200);
    expect(dying.sent).toEqual([]);
    const [stored] = await rowsOf('meta');
    expect(stored).toMatchObject({ body, processedAt: null, headers: { 'x-hub-signature-256': signatureHeaders(appSecret, body)['x-hub-signature-256'] } });

    const restarted = recordingQueue();
    expect(await requeueUnprocessedDeliveries({ prisma: db.prisma, queue: restarted.queue }, { networks: ['meta'] })).toBe(1);
    expect(restarted.sent).toEqual([{ job: 'webhook-process-delivery', payload: { deliveryId: stored!.id }, key: stored!.id }]);
    // The periodic sweep leaves alone what may still be on its way to the queue.
    const periodic = recordingQueue();
    await requeueUnprocessedDeliveries({ prisma: db.prisma, queue: periodic.queue }, { networks: ['meta'], receivedBefore: stored!.receivedAt });
    expect(periodic.sent).toEqual([]);
    expect((await registry.getSingleMetricAsString('earshot_webhook_deliveries_received_total')).split('\n')).toContain(
      'earshot_webhook_deliveries_received_total{network="meta",outcome="stored"} 1',
    );
  });

  it('reports the oldest delivery waiting to be processed, failing past five minutes; deliveries the handler fails on are counted apart', async () => {
    await store(db, '{"late":true}', { network: 'backlog', receivedAt: at('2026-12-05T10:00:00Z') });
    await store(db, '{"late":false}', { network: 'backlog', receivedAt: at('2026-12-05T10:03:00Z') });
    const poison = await store(db, '{"poison":true}', { network: 'backlog', receivedAt: at('2026-12-05T09:00:00Z') });
    await db.prisma.webhookDelivery.update({ where: { id: poison.id }, data: { attempts: 11, lastError: 'the network did not answer' } });
    const check = (now: string) => webhookInboxCheck(() => readInboxBacklog(db.prisma, ['backlog']), { now: () => at(now) }).check();
    expect(await check('2026-12-05T10:05:00Z')).toEqual({
      healthy: true,
      report: { status: 'current', waiting: 2, oldestWaitingSince: '2026-12-05T10:00:00.000Z', failing: 1, maxAgeSeconds: 300 },
    });
    expect(await check('2026-12-05T10:05:01Z')).toMatchObject({ healthy: false, report: { status: 'behind', waiting: 2, failing: 1 } });
    expect(await webhookInboxCheck(() => readInboxBacklog(db.prisma, ['nothing-here'])).check()).toEqual({
      healthy: true,
      report: { status: 'current', waiting: 0, oldestWaitingSince: null, failing: 0, maxAgeSeconds: 300 },
    });

    // The periodic sweep queues only what was never attempted; a start-up retries the failed one too.
    const periodic = recordingQueue();
    await requeueUnprocessedDeliveries({ prisma: db.prisma, queue: periodic.queue }, { networks: ['backlog'], neverAttempted: true });
    expect(periodic.sent.map((job) => job.key)).not.toContain(poison.id);
    expect(periodic.sent).toHaveLength(2);
    const startUp = recordingQueue();
    await requeueUnprocessedDeliveries({ prisma: db.prisma, queue: startUp.queue }, { networks: ['backlog'] });
    expect(startUp.sent.map((job) => job.key)[0]).toBe(poison.id);
  });

  it('deletes processed deliveries past retention, never unprocessed ones', async () => {
    const old = await store(db, '{"old":1}', { network: 'retention' });
    const recent = await store(db, '{"recent":1}', { network: 'retention' });
    const waiting = await store(db, '{"waiting":1}', { network: 'retention', receivedAt: at('2026-11-01T00:00:00Z') });
    await db.prisma.webhookDelivery.update({ where: { id: old.id }, data: { processedAt: at('2026-11-27T23:59:59Z'), body: null } });
    await db.prisma.webhookDelivery.update({ where: { id: recent.id }, data: { processedAt: at('2026-11-28T00:00:01Z'), body: null } });
    expect(await deleteProcessedDeliveries(db.prisma, at('2026-11-28T00:00:00Z'))).toBe(1);
    expect((await rowsOf('retention')).map((row) => row.id).sort()).toEqual([recent.id, waiting.id].sort());
  });

  it('/social forget erases the unprocessed deliveries that mention the customer', async () => {
    const jane = await db.prisma.author.create({ data: { platform: 'x', externalId: '1254459154682919', handle: 'jane' } });
    const mentioning = encodeLikeMeta({
      object: 'page',
      entry: [{ id: '682498302938465', time: 1, messaging: [{ sender: { id: '1254459154682919' }, message: { text: 'my card is 4111…' } }] }],
    });
    const similar = encodeLikeMeta({ object: 'page', entry: [{ id: '682498302938465', time: 1, messaging: [{ sender: { id: '12544591546829190' } }] }] });
    const erased = await store(db, mentioning, { network: 'forget' });
    const kept = await store(db, similar, { network: 'forget' });

    await forgetCustomer({ prisma: db.prisma, queue: recordingQueue().queue }, { authorIds: [jane.id], actorSlackUserId: 'U0MANAGER', surface: 'command' });

    expect(await db.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: erased.id } })).toMatchObject({
      body: null,
      processedAt: expect.any(Date),
      lastError: ERASED_DELIVERY_NOTE,
    });
    expect(await db.prisma.webhookDelivery.findUniqueOrThrow({ where: { id: kept.id } })).toMatchObject({ body: similar, processedAt: null });
    // Meta's retry of the erased delivery brings nothing back.
    expect(await store(db, mentioning, { network: 'forget' })).toEqual({ id: erased.id, duplicate: true, processed: true });
  });
});

let server: Server | undefined;
afterAll(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

/** POSTs a body to the route as Meta would, on a plain HTTP server; returns the status. */
async function postTo(routes: CustomRoute[], body: string, headers: Record<string, string>): Promise<number> {
  const post = routes.find((route) => route.method.includes('POST'))!;
  server = createServer((request, response) => void post.handler(request as Parameters<CustomRoute['handler']>[0], response));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/webhooks/meta`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
  });
  await response.arrayBuffer();
  await new Promise<void>((resolve) => server!.close(() => resolve()));
  server = undefined;
  return response.status;
}

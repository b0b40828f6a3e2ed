import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CustomRoute } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { healthRoute, type HealthCheck } from '../../src/http/health-route.js';

let server: Server | undefined;
afterEach(() => new Promise<void>((resolve) => (server ? server.close(() => resolve()) : resolve())));

async function get(checks: HealthCheck[], options?: { checkTimeoutMs: number }) {
  const route = healthRoute(checks, options);
  server = createServer((request, response) => void route.handler(request as Parameters<CustomRoute['handler']>[0], response));
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  const response = await fetch(`http://127.0.0.1:${(server.address() as AddressInfo).port}/healthz`);
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

const passing = (name: string, report: unknown): HealthCheck => ({ name, check: async () => ({ healthy: true, report }) });

describe('healthRoute', () => {
  it('answers 200 with every check under its name when all pass', async () => {
    expect(await get([passing('database', 'reachable'), passing('jobs', { lastActivityAt: null })])).toEqual({
      status: 200,
      body: { status: 'ok', database: 'reachable', jobs: { lastActivityAt: null } },
    });
  });

  it('answers 503 naming the failing parts; a check that throws or does not answer in time fails', async () => {
    const failing: HealthCheck = { name: 'mentionPoll', check: async () => ({ healthy: false, report: { status: 'stale' } }) };
    const throwing: HealthCheck = { name: 'broken', check: async () => Promise.reject(new Error('postgres://user:secret@db')) };
    const hanging: HealthCheck = { name: 'slow', check: () => new Promise(() => undefined) };
    const { status, body } = await get([passing('database', 'reachable'), failing, throwing, hanging], { checkTimeoutMs: 50 });
    expect(status).toBe(503);
    expect(body).toEqual({
      status: 'unavailable',
      failing: ['mentionPoll', 'broken', 'slow'],
      database: 'reachable',
      mentionPoll: { status: 'stale' },
      broken: 'check failed',
      slow: 'no answer in time',
    });
  });
});

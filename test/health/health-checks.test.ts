import { EventEmitter } from 'node:events';
import { describe, expect, it } from 'vitest';
import { pollCheck, socketCheck } from '../../src/health/health-checks.js';
import type { PollingState } from '../../src/ingest/polling-loop.js';
import { watchSocketConnection } from '../../src/slack/socket-connection.js';

const at = (iso: string) => new Date(`2026-12-04T${iso}Z`);

describe('pollCheck', () => {
  it('is stale once the last successful poll is older than 3 intervals, and fresh again after the next', async () => {
    let now = at('10:00:00');
    let state: PollingState = { startedAt: at('09:59:00'), lastSuccessAt: at('10:00:00'), rateLimitedUntil: undefined };
    const check = pollCheck({ name: 'mentionPoll', intervalMs: 60_000, state: () => state, startedAt: at('09:59:00'), now: () => now });

    now = at('10:03:00');
    expect(await check.check()).toEqual({ healthy: true, report: { status: 'fresh', lastSuccessAt: '2026-12-04T10:00:00.000Z', maxAgeSeconds: 180 } });
    now = at('10:03:01');
    expect(await check.check()).toMatchObject({ healthy: false, report: { status: 'stale' } });
    state = { startedAt: at('09:59:00'), lastSuccessAt: at('10:03:01'), rateLimitedUntil: undefined };
    expect(await check.check()).toMatchObject({ healthy: true, report: { status: 'fresh' } });
  });

  it('counts from start-up before the first poll, and is not stale while waiting for X rate-limit reset', async () => {
    let now = at('10:02:00');
    let state: PollingState | undefined = undefined;
    const check = pollCheck({ name: 'mentionPoll', intervalMs: 60_000, state: () => state, startedAt: at('10:00:00'), now: () => now });
    expect(await check.check()).toMatchObject({ healthy: true, report: { status: 'fresh', lastSuccessAt: null } });
    now = at('10:04:00');
    expect(await check.check()).toMatchObject({ healthy: false, report: { status: 'stale', lastSuccessAt: null } });
    state = { startedAt: at('10:00:00'), lastSuccessAt: undefined, rateLimitedUntil: at('10:10:00') };
    expect(await check.check()).toMatchObject({ healthy: true, report: { status: 'rate_limited', resumesAt: '2026-12-04T10:10:00.000Z' } });
  });

  it('is healthy on a standby replica, naming the replica that polls, and counts from the takeover once this one polls', async () => {
    const now = at('10:30:00');
    let holder: string | null = 'web-1:7';
    let state: PollingState | undefined = undefined;
    const election = async () => ({ replica: 'web-2:9', poller: holder });
    const check = pollCheck({ name: 'mentionPoll', intervalMs: 60_000, state: () => state, startedAt: at('10:00:00'), election, now: () => now });
    expect(await check.check()).toEqual({ healthy: true, report: { status: 'standby', replica: 'web-2:9', poller: 'web-1:7' } });
    holder = null; // the poller died; the next try elects a new one
    expect(await check.check()).toEqual({ healthy: true, report: { status: 'standby', replica: 'web-2:9', poller: null } });

    holder = 'web-2:9';
    state = { startedAt: at('10:29:30'), lastSuccessAt: undefined, rateLimitedUntil: undefined };
    expect(await check.check()).toMatchObject({ healthy: true, report: { status: 'fresh', replica: 'web-2:9', poller: 'web-2:9' } });
  });
});

describe('socketCheck', () => {
  it('tolerates a reconnect, and fails once Socket Mode has been down for longer than the grace period', async () => {
    let now = at('10:00:00');
    const client = new EventEmitter();
    const connection = watchSocketConnection(client, () => now);
    const check = socketCheck(connection, { graceMs: 60_000, now: () => now });
    client.emit('connected');
    expect(await check.check()).toEqual({ healthy: true, report: { status: 'connected' } });

    client.emit('close');
    now = at('10:00:30');
    client.emit('reconnecting');
    expect(await check.check()).toEqual({ healthy: true, report: { status: 'disconnected', since: '2026-12-04T10:00:00.000Z' } });
    now = at('10:01:01');
    expect(await check.check()).toMatchObject({ healthy: false, report: { status: 'disconnected' } });
    client.emit('connected');
    expect(await check.check()).toEqual({ healthy: true, report: { status: 'connected' } });
  });
});

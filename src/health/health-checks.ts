import type { Database } from '../db/database.js';
import type { HealthCheck } from '../http/health-route.js';
import type { PollingState } from '../ingest/polling-loop.js';
import type { SocketConnection } from '../slack/socket-connection.js';

type Clock = () => Date;
const systemClock: Clock = () => new Date();

/** `database`: "reachable" when it answers `select 1`. */
export function databaseCheck(database: Pick<Database, 'isReachable'>): HealthCheck {
  return {
    name: 'database',
    async check() {
      const reachable = await database.isReachable();
      return { healthy: reachable, report: reachable ? 'reachable' : 'unreachable' };
    },
  };
}

export interface PollCheckOptions {
  name: string;
  intervalMs: number;
  /** The loop's state; undefined while it does not run here (the watched account is not known yet, or another replica polls). */
  state: () => PollingState | undefined;
  /**
   * Which replica polls (several replicas share one PostgreSQL and elect one poller): this one's
   * name and the poller's (null between a poller's death and the takeover); undefined before the
   * election (the watched account is not known yet).
   */
  election?: () => Promise<{ replica: string; poller: string | null } | undefined>;
  /** Before the first successful poll, the age is counted from here. */
  startedAt: Date;
  now?: Clock;
}

/**
 * Stale when the last successful poll is older than 3 intervals — unless the network's rate limit is what
 * stops it, which a restart would not fix. A standby (another replica polls) is healthy: it takes
 * over by itself if the poller dies, and restarting it would change nothing.
 */
export function pollCheck({ name, intervalMs, state, startedAt, election, now = systemClock }: PollCheckOptions): HealthCheck {
  const maxAgeMs = 3 * intervalMs;
  return {
    name,
    async check() {
      const current = state();
      const holder = await election?.();
      if (!current && holder && holder.poller !== holder.replica) return { healthy: true, report: { status: 'standby', ...holder } };
      const lastSuccessAt = current?.lastSuccessAt;
      const ageMs = now().getTime() - (lastSuccessAt ?? current?.startedAt ?? startedAt).getTime();
      const base = { lastSuccessAt: lastSuccessAt?.toISOString() ?? null, maxAgeSeconds: maxAgeMs / 1000, ...(holder ?? {}) };
      if (current?.rateLimitedUntil) return { healthy: true, report: { status: 'rate_limited', resumesAt: current.rateLimitedUntil.toISOString(), ...base } };
      return ageMs <= maxAgeMs ? { healthy: true, report: { status: 'fresh', ...base } } : { healthy: false, report: { status: 'stale', ...base } };
    },
  };
}

/** `slack` (Socket Mode): unhealthy once the connection has been down longer than `graceMs` (reconnects are routine). */
export function socketCheck(connection: SocketConnection, { graceMs = 60_000, now = systemClock }: { graceMs?: number; now?: Clock } = {}): HealthCheck {
  return {
    name: 'slack',
    async check() {
      const since = connection.disconnectedSince();
      if (!since) return { healthy: true, report: { status: 'connected' } };
      const healthy = now().getTime() - since.getTime() <= graceMs;
      return { healthy, report: { status: 'disconnected', since: since.toISOString() } };
    },
  };
}

/** `jobs`: when a worker last finished a job (informative: an idle queue is healthy). */
export function jobActivityCheck(lastActivityAt: () => Date | undefined): HealthCheck {
  return {
    name: 'jobs',
    async check() {
      return { healthy: true, report: { lastActivityAt: lastActivityAt()?.toISOString() ?? null } };
    },
  };
}

/**
 * `stuckOutbound`: how many replies and DMs were queued long ago and are still not sent. Shown,
 * never failing: each is also shown in its thread with Retry, and a restart would not send it.
 */
export function stuckOutboundCheck(countStuck: () => Promise<number>): HealthCheck {
  return {
    name: 'stuckOutbound',
    async check() {
      return { healthy: true, report: await countStuck() };
    },
  };
}

import type { HealthCheck } from '../http/health-route.js';

export interface InboxBacklog {
  /** Unprocessed deliveries whose handler has not failed on them (new, or being retried after a crash). */
  waiting: number;
  /** When the oldest of those was received; undefined when there is none. */
  oldestWaitingSince: Date | undefined;
  /** Unprocessed deliveries whose handler failed (their `lastError` says why); retried by their job. */
  failing: number;
}

/** A delivery is normally processed within seconds of its arrival. */
const defaultMaxAgeMs = 5 * 60_000;

/**
 * `webhookInbox`: behind (failing /healthz) when a delivery has waited more than `maxAgeMs` without
 * its handler even failing on it: no job worker runs, which a restart fixes. Deliveries the handler
 * fails on are counted but do not fail /healthz: a restart would not fix them, and every replica
 * would be taken out of the load balancer, so no delivery at all could arrive.
 */
export function webhookInboxCheck(
  readBacklog: () => Promise<InboxBacklog>,
  { maxAgeMs = defaultMaxAgeMs, now = () => new Date() }: { maxAgeMs?: number; now?: () => Date } = {},
): HealthCheck {
  return {
    name: 'webhookInbox',
    async check() {
      const { waiting, oldestWaitingSince, failing } = await readBacklog();
      const healthy = !oldestWaitingSince || now().getTime() - oldestWaitingSince.getTime() <= maxAgeMs;
      return {
        healthy,
        report: {
          status: healthy ? 'current' : 'behind',
          waiting,
          oldestWaitingSince: oldestWaitingSince?.toISOString() ?? null,
          failing,
          maxAgeSeconds: maxAgeMs / 1000,
        },
      };
    },
  };
}

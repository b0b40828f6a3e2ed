import type { ServerResponse } from 'node:http';
import type { CustomRoute } from '@slack/bolt';

/** One part of Earshot that /healthz vouches for. */
export interface HealthCheck {
  /** The field of /healthz's JSON that reports it (`database`, `mentionPoll`…). */
  readonly name: string;
  check(): Promise<HealthOutcome>;
}

export interface HealthOutcome {
  healthy: boolean;
  /** What /healthz shows under the check's name. */
  report: unknown;
}

/** A check that has not answered by then counts as failed (a hung database must not hang /healthz). */
const defaultCheckTimeoutMs = 2_000;

/**
 * `GET /healthz` for load balancers and Docker: 200 `{"status":"ok", …}` when every check passes,
 * 503 `{"status":"unavailable","failing":[names], …}` otherwise; each check reports under its name.
 */
export function healthRoute(checks: readonly HealthCheck[], { checkTimeoutMs = defaultCheckTimeoutMs } = {}): CustomRoute {
  return {
    path: '/healthz',
    method: ['GET'],
    handler: (_request, response) => {
      void answerHealth(checks, checkTimeoutMs, response);
    },
  };
}

async function answerHealth(checks: readonly HealthCheck[], checkTimeoutMs: number, response: ServerResponse): Promise<void> {
  const outcomes = await Promise.all(checks.map(async (check) => ({ name: check.name, ...(await runCheck(check, checkTimeoutMs)) })));
  const failing = outcomes.filter((outcome) => !outcome.healthy).map((outcome) => outcome.name);
  const body = {
    status: failing.length === 0 ? 'ok' : 'unavailable',
    ...(failing.length > 0 ? { failing } : {}),
    ...Object.fromEntries(outcomes.map((outcome) => [outcome.name, outcome.report])),
  };
  response.writeHead(failing.length === 0 ? 200 : 503, { 'content-type': 'application/json' });
  response.end(JSON.stringify(body));
}

async function runCheck(check: HealthCheck, timeoutMs: number): Promise<HealthOutcome> {
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<HealthOutcome>((resolve) => {
    timer = setTimeout(() => resolve({ healthy: false, report: 'no answer in time' }), timeoutMs);
  });
  // The error itself may name hosts or users: /healthz is often public.
  const checked = check.check().catch((): HealthOutcome => ({ healthy: false, report: 'check failed' }));
  try {
    return await Promise.race([checked, timedOut]);
  } finally {
    clearTimeout(timer);
  }
}

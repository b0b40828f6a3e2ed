import { Counter, Gauge, Histogram, Registry } from 'prom-client';

/** Jobs waiting or running, per job name and pg-boss state; read from the database at each scrape. */
export type QueueDepthReader = () => Promise<ReadonlyArray<{ job: string; state: string; count: number }>>;

/**
 * Earshot's Prometheus metrics, in a registry of their own (never prom-client's global one, so
 * two Earshots in one process — the tests — do not mix their figures).
 */
export interface EarshotMetrics {
  readonly registry: Registry;
  pollFinished(source: string, outcome: { failureKind?: string }): void;
  readonly xCall: (endpoint: string, status: string) => void;
  readonly slackCall: (method: string, status: string) => void;
  readonly ackTimed: (type: string, seconds: number) => void;
  readonly jobFinished: (job: string, outcome: 'completed' | 'failed', seconds: number) => void;
  /** Queue depth is read from the database when /metrics is scraped. */
  readQueueDepthWith(reader: QueueDepthReader): void;
  /** This replica started (true) or stopped running an elected role (a poller, the scheduled checks). */
  roleChanged(role: string, replica: string, held: boolean): void;
}

export function createMetrics(): EarshotMetrics {
  const registry = new Registry();
  const polls = new Counter({
    name: 'earshot_polls_total',
    help: 'Polls of the watched networks, finished or abandoned',
    labelNames: ['source'],
    registers: [registry],
  });
  const pollFailures = new Counter({
    name: 'earshot_poll_failures_total',
    help: 'Polls of the watched networks that failed, by kind of failure',
    labelNames: ['source', 'kind'],
    registers: [registry],
  });
  const lastPollSuccess = new Gauge({
    name: 'earshot_poll_last_success_timestamp_seconds',
    help: 'When the last successful poll finished (Unix time)',
    labelNames: ['source'],
    registers: [registry],
  });
  const xCalls = new Counter({
    name: 'earshot_x_calls_total',
    help: 'Calls to the X API by endpoint and HTTP status (or timeout, network_error)',
    labelNames: ['endpoint', 'status'],
    registers: [registry],
  });
  const slackCalls = new Counter({
    name: 'earshot_slack_calls_total',
    help: 'Calls to the Slack Web API and response_url by method and HTTP status (or timeout, network_error)',
    labelNames: ['method', 'status'],
    registers: [registry],
  });
  const ackLatency = new Histogram({
    name: 'earshot_slack_ack_seconds',
    help: 'Time from a Slack request reaching Earshot to its acknowledgement (Slack allows 3 s)',
    labelNames: ['type'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5],
    registers: [registry],
  });
  const jobDuration = new Histogram({
    name: 'earshot_job_duration_seconds',
    help: 'How long a job handler ran, by job and outcome',
    labelNames: ['job', 'outcome'],
    buckets: [0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60],
    registers: [registry],
  });
  const lastJobActivity = new Gauge({
    name: 'earshot_job_last_activity_timestamp_seconds',
    help: 'When a worker last finished a job of this kind (Unix time)',
    labelNames: ['job'],
    registers: [registry],
  });
  const electedRoles = new Gauge({
    name: 'earshot_elected_role',
    help: 'Whether this replica runs the elected role (1) or stands by (0)',
    labelNames: ['role', 'replica'],
    registers: [registry],
  });
  let readQueueDepth: QueueDepthReader = async () => [];
  new Gauge({
    name: 'earshot_job_queue_depth',
    help: 'Jobs waiting (created, retry) or running (active), by job',
    labelNames: ['job', 'state'],
    registers: [registry],
    async collect() {
      this.reset();
      for (const { job, state, count } of await readQueueDepth()) this.set({ job, state }, count);
    },
  });

  return {
    registry,
    roleChanged(role, replica, held) {
      electedRoles.set({ role, replica }, held ? 1 : 0);
    },
    pollFinished(source, { failureKind }) {
      polls.inc({ source });
      if (failureKind) pollFailures.inc({ source, kind: failureKind });
      else lastPollSuccess.set({ source }, Date.now() / 1000);
    },
    xCall: (endpoint, status) => xCalls.inc({ endpoint, status }),
    slackCall: (method, status) => slackCalls.inc({ method, status }),
    ackTimed: (type, seconds) => ackLatency.observe({ type }, seconds),
    jobFinished: (job, outcome, seconds) => {
      jobDuration.observe({ job, outcome }, seconds);
      lastJobActivity.set({ job }, Date.now() / 1000);
    },
    readQueueDepthWith(reader) {
      readQueueDepth = reader;
    },
  };
}

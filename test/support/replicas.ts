import { tmpdir } from 'node:os';
import path from 'node:path';
import { earshotEnvironment } from '../../emulators/earshot-environment.js';
import { freePort, startEarshotProcess, type EarshotProcess } from '../../emulators/sandbox/earshot-process.js';
import type { SlackEmulator } from '../../emulators/slack/index.js';
import type { XEmulator } from '../../emulators/x/index.js';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

/** One Earshot process (`node dist/main.js`) among several sharing one PostgreSQL. */
export interface Replica {
  readonly port: number;
  readonly process: EarshotProcess;
  readonly logFile: string;
  /** Whether it was killed (kill -9) by the test. */
  killed: boolean;
}

export interface ReplicaSetOptions {
  slack: SlackEmulator;
  x: XEmulator;
  databaseUrl: string;
  count: number;
  pollIntervalSeconds: number;
  name: string;
}

/** Starts `count` replicas at once and, in HTTP mode, puts them behind the Slack emulator's round-robin "load balancer". */
export async function startReplicas(options: ReplicaSetOptions): Promise<Replica[]> {
  const ports = await Promise.all(Array.from({ length: options.count }, () => freePort()));
  const replicas = await Promise.all(
    ports.map(async (port, index) => {
      const env = earshotEnvironment({
        slack: options.slack,
        x: options.x,
        database: { databaseUrl: options.databaseUrl, dataDir: 'unused' },
        port,
        pollIntervalSeconds: options.pollIntervalSeconds,
        logLevel: 'info',
      });
      const logFile = path.join(tmpdir(), `earshot-${options.name}-${port}-${index}.log`);
      const child = await startEarshotProcess({
        root: repoRoot,
        env: { ...env, PATH: process.env.PATH ?? '', NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS ?? '' },
        port,
        logFile,
        readyTimeoutMs: 90_000,
      });
      return { port, process: child, logFile, killed: false };
    }),
  );
  if (options.slack.deliveryMode === 'http') options.slack.setRequestUrls(replicas.map((replica) => `http://127.0.0.1:${replica.port}/slack/events`));
  return replicas;
}

/** What a replica's /healthz says about the mention poll: its own name and the poller's (both absent before it knows the watched account). */
export async function mentionPollOf(replica: Replica): Promise<{ status: number; replica?: string; poller?: string | null; pollStatus: string }> {
  const response = await fetch(`http://127.0.0.1:${replica.port}/healthz`);
  const body = (await response.json()) as { mentionPoll: { replica?: string; poller?: string | null; status: string } };
  return { status: response.status, replica: body.mentionPoll.replica, poller: body.mentionPoll.poller, pollStatus: body.mentionPoll.status };
}

/** The live replica whose own /healthz says it polls the mentions; undefined while none does. */
export async function pollingReplica(replicas: readonly Replica[]): Promise<Replica | undefined> {
  for (const replica of replicas.filter((candidate) => !candidate.killed)) {
    const health = await mentionPollOf(replica).catch(() => undefined);
    if (health?.replica && health.poller === health.replica) return replica;
  }
  return undefined;
}

export async function killReplica(replica: Replica): Promise<void> {
  replica.killed = true;
  await replica.process.kill();
}

/** The sum of one counter (every label set) on a replica's /metrics. */
export async function metricTotal(replica: Replica, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${replica.port}/metrics`)).text();
  return text
    .split('\n')
    .filter((line) => line.startsWith(`${name}{`) || line.startsWith(`${name} `))
    .reduce((sum, line) => sum + Number(line.slice(line.lastIndexOf(' ') + 1)), 0);
}

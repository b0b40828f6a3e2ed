import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath } from 'node:url';
import { earshotEnvironment } from '../emulators/earshot-environment.js';
import { buildIfStale, freePort } from '../emulators/sandbox/earshot-process.js';
import { createTestDatabase, type DatabaseKind } from '../test/support/test-databases.js';
import { withinTime } from './stage.js';
import type { Stack } from './start-stack.js';

export interface ProcessFigures {
  /** From spawning `node dist/main.js` until `GET /healthz` first answers 200, on a brand-new database. */
  startToHealthyMs: number;
  /** Resident memory of the Earshot process (all its threads) after `idleSeconds` of idling. */
  idleRssMiB: number;
  /** The most it held at any moment until then (first run included). */
  peakRssMiB: number;
  idleSeconds: number;
}

const root = fileURLToPath(new URL('..', import.meta.url));
const mib = 1024;

/** VmRSS and VmHWM (peak) of a process, in MiB (Linux). */
function residentMemory(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (field: string) => Number(new RegExp(`^${field}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? Number.NaN);
  return { rss: kib('VmRSS') / mib, peak: kib('VmHWM') / mib };
}

/**
 * Earshot as production runs it (the build, `npm start`'s environment) in its own process, wired to
 * the bench's emulators, on a brand-new database: its start-up time and idle memory, without the
 * emulators and the bench that share the in-process figures.
 */
export async function measureProcess(stack: Stack, kind: DatabaseKind, idleSeconds: number): Promise<ProcessFigures> {
  buildIfStale(root);
  const database = await createTestDatabase(kind);
  const port = await freePort();
  const env = {
    PATH: process.env.PATH ?? '',
    NODE_EXTRA_CA_CERTS: process.env.NODE_EXTRA_CA_CERTS ?? '',
    // As `npm start` and the Docker image run it (see package.json and README's "Limits worth knowing").
    MALLOC_ARENA_MAX: '2',
    ...earshotEnvironment({ slack: stack.slack, x: stack.x, database: database.location, port, pollIntervalSeconds: 3600, logLevel: 'warn' }),
  };
  const started = performance.now();
  const child = spawn(process.execPath, ['--max-semi-space-size=1', '--wasm-tiering-budget=1000000000', path.join(root, 'dist', 'main.js')], {
    cwd: root,
    env,
    stdio: 'ignore',
  });
  const exited = once(child, 'exit');
  try {
    return await withinTime(`Earshot's own process: start-up and ${idleSeconds} s idle`, 60_000 + idleSeconds * 1000, async (signal) => {
      for (;;) {
        signal.throwIfAborted();
        if (child.exitCode !== null) throw new Error(`node dist/main.js exited during start-up (${child.exitCode})`);
        const healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (response) => response.status === 200,
          () => false,
        );
        if (healthy) break;
        await sleep(20);
      }
      const startToHealthyMs = Math.round(performance.now() - started);
      await sleep(idleSeconds * 1000);
      const memory = residentMemory(child.pid!);
      return { startToHealthyMs, idleRssMiB: memory.rss, peakRssMiB: memory.peak, idleSeconds };
    });
  } finally {
    child.kill('SIGTERM');
    await Promise.race([exited, sleep(10_000).then(() => child.kill('SIGKILL'))]);
    await database.drop();
  }
}

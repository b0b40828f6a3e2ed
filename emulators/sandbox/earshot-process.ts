import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { createServer } from 'node:net';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';

export interface EarshotProcess {
  port: number;
  /** Resolves with the exit code (or signal) when the process ends, for whatever reason. */
  exited: Promise<number | string>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves once the process is gone. */
  stop(graceMs?: number): Promise<void>;
  /** SIGKILL at once, as a crash would: no shutdown code runs. */
  kill(): Promise<void>;
}

export interface EarshotLaunch {
  /** The repository root: where `dist/main.js` is built (`npm run build`). */
  root: string;
  env: Record<string, string>;
  port: number;
  logFile: string;
  /** How long to wait for `GET /healthz` to answer 200. */
  readyTimeoutMs?: number;
}

/** A port nobody listens on right now. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const address = server.address();
  server.close();
  if (address === null || typeof address === 'string') throw new Error('could not find a free port');
  return address.port;
}

/** Builds dist/ if src/ changed since the last build (scripts/build-if-stale.mjs); throws if the build fails. */
export function buildIfStale(root: string): void {
  const result = spawnSync(process.execPath, [path.join(root, 'scripts', 'build-if-stale.mjs')], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`the build failed (exit code ${result.status ?? result.signal}); run \`npm run build\` to see why`);
}

/**
 * Starts Earshot as production does (`node dist/main.js`, built first if stale), logging to a
 * file, and waits until it is healthy.
 */
export async function startEarshotProcess(launch: EarshotLaunch): Promise<EarshotProcess> {
  buildIfStale(launch.root);
  const log = openSync(launch.logFile, 'w');
  // Its own process group: a Ctrl-C in the terminal reaches only the sandbox, which stops Earshot in order.
  const child = spawn(process.execPath, ['dist/main.js'], {
    cwd: launch.root,
    env: launch.env,
    stdio: ['ignore', log, log],
    detached: true,
  });
  closeSync(log);
  const exited = once(child, 'exit').then(([code, signal]: unknown[]) => (typeof code === 'number' ? code : String(signal)));
  const killGroup = () => signalGroup(child, 'SIGKILL');
  process.once('exit', killGroup);

  const stop = async (graceMs = 5000) => {
    process.removeListener('exit', killGroup);
    if (child.exitCode !== null || child.signalCode !== null) return;
    // The whole group is killed only if a graceful stop hangs.
    child.kill('SIGTERM');
    const finished = await Promise.race([exited.then(() => true), sleep(graceMs).then(() => false)]);
    if (!finished) {
      signalGroup(child, 'SIGKILL');
      await exited;
    }
  };

  try {
    await waitUntilHealthy(launch, child);
  } catch (error) {
    await stop();
    throw error;
  }
  const kill = async () => {
    process.removeListener('exit', killGroup);
    killGroup();
    await exited;
  };
  return { port: launch.port, exited, stop, kill };
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

async function waitUntilHealthy(launch: EarshotLaunch, child: ChildProcess): Promise<void> {
  const deadline = Date.now() + (launch.readyTimeoutMs ?? 90_000);
  const url = `http://127.0.0.1:${launch.port}/healthz`;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Earshot exited during start-up (${child.exitCode ?? child.signalCode}). Last lines of ${launch.logFile}:\n${tail(launch.logFile)}`);
    }
    const status = await fetch(url).then(
      async (response) => {
        await response.arrayBuffer();
        return response.status;
      },
      () => 0,
    );
    if (status === 200) return;
    await sleep(250);
  }
  throw new Error(`Earshot did not answer ${url} with 200 in time. Last lines of ${launch.logFile}:\n${tail(launch.logFile)}`);
}

function tail(file: string, lines = 15): string {
  return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
}

import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load-config.js';
import { createLogger } from '../../src/log/create-logger.js';
import { startEarshot } from '../../src/earshot.js';
import { freePort } from '../../emulators/sandbox/earshot-process.js';
import { eventually } from '../support/earshot-harness.js';
import { createTestDatabase, databaseKinds } from '../support/test-databases.js';

/** Slack and X on ports nobody listens on: Earshot starts and keeps retrying them in the background. */
const unreachableServices = {
  SLACK_BOT_TOKEN: 'xoxb-test',
  SLACK_SIGNING_SECRET: 'test-signing-secret',
  SLACK_CHANNEL: 'C0SOCIAL',
  SLACK_API_URL: 'http://127.0.0.1:9/api/',
  X_API_KEY: 'k',
  X_API_SECRET: 's',
  X_ACCESS_TOKEN: 't',
  X_ACCESS_SECRET: 'ts',
  X_API_URL: 'https://127.0.0.1:9/2/',
};

const repoRoot = path.resolve(import.meta.dirname, '..', '..');

function runMain(env: Record<string, string>): Promise<{ code: number | null; stderr: string; elapsedMs: number }> {
  const started = Date.now();
  // What `npm start` runs (the build; global-setup.ts builds it when stale), from a directory without a .env file.
  const child = spawn(process.execPath, [path.join(repoRoot, 'dist/main.js')], {
    cwd: mkdtempSync(path.join(tmpdir(), 'earshot-main-')),
    env: { PATH: process.env.PATH ?? '', ...env },
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  return new Promise((resolve) => child.on('close', (code) => resolve({ code, stderr, elapsedMs: Date.now() - started })));
}

describe('npm start', () => {
  it('exits 1 with an empty environment, naming each missing variable and pointing to the README', async () => {
    const { code, stderr, elapsedMs } = await runMain({});
    expect(code).toBe(1);
    for (const name of ['SLACK_BOT_TOKEN', 'SLACK_CHANNEL', 'X_API_KEY', 'X_API_SECRET', 'X_ACCESS_TOKEN', 'X_ACCESS_SECRET']) {
      expect(stderr).toContain(`${name}: required`);
    }
    expect(stderr).toContain('README.md');
    expect(stderr).not.toMatch(/\n\s+at /); // no stack trace
    expect(elapsedMs).toBeLessThan(15_000); // generous: shared CI machines; the figure is about 2 s
  });
});

describe.each(databaseKinds)('the build (node dist/main.js) on %s', (kind) => {
  it('starts on a brand-new database, answers /healthz with 200, and exits 0 on SIGTERM', async () => {
    const test = await createTestDatabase(kind, { ownServer: true });
    const port = await freePort();
    const child = spawn(process.execPath, [path.join(repoRoot, 'dist/main.js')], {
      cwd: mkdtempSync(path.join(tmpdir(), 'earshot-main-')),
      env: {
        PATH: process.env.PATH ?? '',
        ...unreachableServices,
        PORT: String(port),
        LOG_LEVEL: 'silent',
        ...(test.location.databaseUrl ? { DATABASE_URL: test.location.databaseUrl } : { DATA_DIR: test.location.dataDir }),
      },
    });
    const exited = once(child, 'exit');
    try {
      await eventually(
        () =>
          fetch(`http://127.0.0.1:${port}/healthz`).then(
            (response) => response.status === 200,
            () => false,
          ),
        'a healthy /healthz',
        60_000,
      );
      child.kill('SIGTERM');
      expect((await exited)[0]).toBe(0);
    } finally {
      child.kill('SIGKILL');
      await test.drop();
    }
  });
});

describe('a second Earshot on the same DATA_DIR', () => {
  it('exits 1 at once with a plain message naming the running one, which keeps running', async () => {
    const test = await createTestDatabase('pglite', { ownServer: true });
    const port = await freePort();
    const env = { ...unreachableServices, LOG_LEVEL: 'silent', DATA_DIR: test.location.dataDir };
    const first = spawn(process.execPath, [path.join(repoRoot, 'dist/main.js')], { env: { PATH: process.env.PATH ?? '', ...env, PORT: String(port) } });
    try {
      await eventually(
        () =>
          fetch(`http://127.0.0.1:${port}/healthz`).then(
            (response) => response.status === 200,
            () => false,
          ),
        'the first Earshot healthy',
        60_000,
      );
      const second = await runMain({ ...env, PORT: String(await freePort()) });
      expect(second.code).toBe(1);
      expect(second.stderr).toContain(
        `Earshot cannot start: another Earshot (process ${first.pid}) is using the embedded database in ${test.location.dataDir}`,
      );
      expect(second.stderr).not.toMatch(/\n\s+at /); // no stack trace
      expect(second.elapsedMs).toBeLessThan(15_000); // generous: shared CI machines; the figure is about 2 s
      expect((await fetch(`http://127.0.0.1:${port}/healthz`)).status).toBe(200);
    } finally {
      first.kill('SIGKILL');
      await once(first, 'exit');
      await test.drop();
    }
  });
});

describe.each(databaseKinds)('Earshot on %s', (kind) => {
  it('starts in HTTP mode, migrates its database and reports it reachable on /healthz', async () => {
    const test = await createTestDatabase(kind, { ownServer: true });
    // The same unreachable services as above: no call ever leaves the machine (not even to api.x.com).
    const config = loadConfig({
      ...unreachableServices,
      PORT: '1',
      ...(test.location.databaseUrl ? { DATABASE_URL: test.location.databaseUrl } : { DATA_DIR: test.location.dataDir }),
    });
    const earshot = await startEarshot({ ...config, port: 0 }, createLogger({ level: 'silent' }));
    try {
      const response = await fetch(`http://127.0.0.1:${earshot.port}/healthz`);
      expect(response.status).toBe(200);
      expect(await response.json()).toMatchObject({
        status: 'ok',
        database: 'reachable',
        mentionPoll: { status: 'fresh', lastSuccessAt: null },
        stuckOutbound: 0,
      });

      const unsigned = await fetch(`http://127.0.0.1:${earshot.port}/slack/events`, { method: 'POST', body: '{}' });
      expect(unsigned.status).toBe(401);
    } finally {
      await earshot.stop();
      await test.drop();
    }
  });
});

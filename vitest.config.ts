import { defineConfig } from 'vitest/config';
import SlowFilesFirst from './test/support/slow-files-first.js';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    // A worker keeps its loaded modules from one test file to the next: importing Earshot, Bolt and
    // Prisma again for each of ~140 files cost more than two minutes of the suite. Tests hold no
    // state in modules (each builds its own app, emulators and database), which this relies on.
    isolate: false,
    // Vitest's default on 2 cores is one worker, so files ran one after another. Most of an
    // end-to-end test is waiting (on the job queue, the emulators, the database's socket), so
    // three files at once keep 2 cores busy. The end-to-end budgets (Slack's acks, trigger ids)
    // are generous in tests, so contention slows them without failing them.
    maxWorkers: 3,
    // As many as at most: with fewer, the pool retires a worker it counts as idle while, with
    // isolate: false, it still runs a test file ("Terminating worker thread", results lost).
    minWorkers: 3,
    // Integration tests start servers and migrate real databases; the machines have 2 cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    sequence: { sequencer: SlowFilesFirst },
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/fail-on-console-error.ts'],
    reporters: ['default', './test/support/suite-duration-reporter.ts'],
  },
});

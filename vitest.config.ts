import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    pool: 'forks',
    // Vitest's default on 2 cores is one worker, so files ran one after another. Most of an
    // end-to-end test is waiting (on the job queue, the emulators, the database's socket), so
    // two files at once keep 2 cores busy (four made timing-sensitive end-to-end tests flaky
    // under the contention: modals and deadlines not met).
    maxWorkers: 2,
    minWorkers: 1,
    // Integration tests start servers and migrate real databases; the machines have 2 cores.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    globalSetup: ['test/support/global-setup.ts'],
    setupFiles: ['test/support/fail-on-console-error.ts'],
    reporters: ['default', './test/support/suite-duration-reporter.ts'],
  },
});

import type { Reporter } from 'vitest/node';

/** Prints the whole run's wall-clock time last, so a slower suite is noticed at once. */
export default class SuiteDurationReporter implements Reporter {
  private startedAt = performance.now();

  onInit(): void {
    this.startedAt = performance.now();
  }

  onFinished(): void {
    const seconds = (performance.now() - this.startedAt) / 1000;
    process.stdout.write(`\nThe test suite took ${seconds.toFixed(1)} s.\n`);
  }
}

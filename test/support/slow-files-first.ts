import { BaseSequencer, type TestSpecification } from 'vitest/node';

/** Files that start Earshot with its emulators (seconds per test), as opposed to unit tests (milliseconds). */
const startsEarshot = /\/test\/(e2e\/|app\/|emulators\/sandbox)/;

/**
 * Vitest runs the files it has no timings for (a fresh clone, CI) largest first. Started last, a
 * slow end-to-end file would run alone while the other worker sits idle; these start first, and
 * the many quick files fill the gaps at the end.
 */
export default class SlowFilesFirst extends BaseSequencer {
  override async sort(files: TestSpecification[]): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const slow = sorted.filter((file) => startsEarshot.test(file.moduleId));
    return [...slow, ...sorted.filter((file) => !startsEarshot.test(file.moduleId))];
  }
}

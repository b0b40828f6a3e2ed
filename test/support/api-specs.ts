import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The platforms' official API descriptions, kept in the repository (test/fixtures/specs, with
 * their sources in its README) so that a clone with nothing beside it runs the conformance tests.
 * API_SPECS_DIR points at another copy, e.g. newer descriptions to try the emulators against.
 */
export const apiSpecsDir = process.env.API_SPECS_DIR ?? path.resolve(import.meta.dirname, '..', 'fixtures', 'specs');

const cache = new Map<string, unknown>();

/** Parsed JSON of one spec file; throws naming the expected location when it is missing. */
export function loadApiSpec(fileName: string): unknown {
  const cached = cache.get(fileName);
  if (cached !== undefined) return cached;
  const file = path.join(apiSpecsDir, fileName);
  if (!existsSync(file)) {
    throw new Error(
      `API description ${fileName} not found at ${file}. The repository keeps them in test/fixtures/specs; API_SPECS_DIR, when set, must hold the same files.`,
    );
  }
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  cache.set(fileName, parsed);
  return parsed;
}

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The platforms' official API descriptions live beside the repository (not vendored: they are
 * published by Slack and X under their own terms). API_SPECS_DIR points elsewhere if needed.
 */
export const apiSpecsDir = process.env.API_SPECS_DIR ?? path.resolve(import.meta.dirname, '..', '..', '..', 'shared', 'specs');

const cache = new Map<string, unknown>();

/** Parsed JSON of one spec file; throws naming the expected location when it is missing. */
export function loadApiSpec(fileName: string): unknown {
  const cached = cache.get(fileName);
  if (cached !== undefined) return cached;
  const file = path.join(apiSpecsDir, fileName);
  if (!existsSync(file)) {
    throw new Error(`API description ${fileName} not found at ${file}. Set API_SPECS_DIR to the folder holding the official specs (see README, "Emulators").`);
  }
  const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
  cache.set(fileName, parsed);
  return parsed;
}

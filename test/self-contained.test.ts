import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { apiSpecsDir } from './support/api-specs.js';

const repoRoot = path.resolve(import.meta.dirname, '..');
const read = (file: string) => readFileSync(path.join(repoRoot, file), 'utf8');

describe('a clone with nothing beside it', () => {
  it.skipIf(process.env.API_SPECS_DIR)('reads the official API descriptions from inside the repository', () => {
    expect(path.relative(repoRoot, apiSpecsDir)).toBe(path.join('test', 'fixtures', 'specs'));
  });

  it('names the source of every API description it keeps', () => {
    const fixtures = path.join(repoRoot, 'test', 'fixtures', 'specs');
    const listed = read('test/fixtures/specs/README.md');
    const samples = read('test/fixtures/specs/slack-payloads/README.md');
    const files = readdirSync(fixtures).filter((name) => name.endsWith('.json'));
    expect(files.length).toBeGreaterThan(0);
    for (const file of files) expect(listed, file).toContain(`\`${file}\``);
    for (const file of readdirSync(path.join(fixtures, 'slack-payloads')).filter((name) => name.endsWith('.json')))
      expect(samples, file).toContain(`\`${file}\``);
  });
});

describe('the supported Node version', () => {
  it('is the same in package.json, .nvmrc, the Dockerfile and the README', () => {
    const engines = (JSON.parse(read('package.json')) as { engines: { node: string } }).engines.node;
    const [, major, minor] = /^>=(\d+)\.(\d+)$/.exec(engines) ?? [];
    expect(major, `engines.node "${engines}"`).toBeDefined();
    expect(read('.nvmrc').trim()).toBe(major);
    const images = [...read('Dockerfile').matchAll(/^FROM node:(\d+)-/gm)].map((match) => match[1]);
    expect(images.length).toBeGreaterThan(0);
    expect(new Set(images)).toEqual(new Set([major]));
    expect(read('README.md')).toContain(`Node ${major}.${minor} or newer`);
  });
});

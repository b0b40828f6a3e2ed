import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { prepareDataDir } from '../../src/db/prepare-data-dir.js';

describe('a brand-new embedded data directory', () => {
  let root: string | undefined;
  afterEach(async () => {
    if (root) await rm(root, { recursive: true, force: true });
  });

  async function template(): Promise<string> {
    root = await mkdtemp(path.join(tmpdir(), 'earshot-prepare-'));
    const dir = path.join(root, 'template');
    await mkdir(path.join(dir, 'base'), { recursive: true });
    await writeFile(path.join(dir, 'PG_VERSION'), '17\n');
    await writeFile(path.join(dir, 'base', 'table'), 'rows');
    return dir;
  }

  it('starts as a copy of the prepared one, leaving no partial copy behind', async () => {
    const templateDir = await template();
    const dataDir = path.join(root!, 'data', 'pglite');
    await prepareDataDir(dataDir, templateDir);
    expect(await readFile(path.join(dataDir, 'base', 'table'), 'utf8')).toBe('rows');
    expect(await readdir(path.join(root!, 'data'))).toEqual(['pglite']);
  });

  it('leaves a directory with anything in it alone, and does nothing without a template', async () => {
    const templateDir = await template();
    const dataDir = path.join(root!, 'data');
    await mkdir(dataDir);
    await writeFile(path.join(dataDir, 'PG_VERSION'), '17\n');
    await prepareDataDir(dataDir, templateDir);
    expect(await readdir(dataDir)).toEqual(['PG_VERSION']);

    const other = path.join(root!, 'other');
    await prepareDataDir(other, undefined);
    await expect(readdir(other)).rejects.toThrow(/ENOENT/);
  });
});

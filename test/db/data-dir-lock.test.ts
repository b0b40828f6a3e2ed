import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DataDirInUseError, lockDataDir } from '../../src/db/data-dir-lock.js';

describe('the embedded data directory lock', () => {
  const dirs: string[] = [];
  const newDir = async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'earshot-lock-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(async () => {
    await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
  });

  it('refuses a directory another running process holds, naming it', async () => {
    const dir = await newDir();
    const other = spawn(process.execPath, ['-e', 'setInterval(() => {}, 1000)']);
    try {
      await writeFile(path.join(dir, 'earshot.lock'), `${other.pid}\n`);
      await expect(lockDataDir(dir)).rejects.toThrow(DataDirInUseError);
      await expect(lockDataDir(dir)).rejects.toThrow(`another Earshot (process ${other.pid}) is using the embedded database in ${dir}`);
    } finally {
      other.kill('SIGKILL');
      await once(other, 'exit');
    }
  });

  it('takes over a lock left by a process that is gone, and releases it', async () => {
    const dir = await newDir();
    const gone = spawn(process.execPath, ['-e', '']);
    await once(gone, 'exit');
    await writeFile(path.join(dir, 'earshot.lock'), `${gone.pid}\n`);
    const release = await lockDataDir(dir);
    expect((await readFile(path.join(dir, 'earshot.lock'), 'utf8')).trim()).toBe(String(process.pid));
    await release();
    await expect(readFile(path.join(dir, 'earshot.lock'))).rejects.toThrow(/ENOENT/);
  });
});

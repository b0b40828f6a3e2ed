import { access, cp, mkdir, readdir, rename, rm } from 'node:fs/promises';
import path from 'node:path';

/**
 * Gives a brand-new embedded data directory a copy of the prepared one made at build time, which
 * spares PGlite its initdb: seconds of start-up and hundreds of MiB of WebAssembly heap that is
 * never returned. Copied beside it, then renamed, so a crash mid-copy leaves no half directory.
 * A directory with anything in it is left to PGlite, and so is everything when there is no template.
 */
export async function prepareDataDir(dataDir: string, templateDir: string | undefined): Promise<void> {
  if (!templateDir) return;
  const template = await access(path.join(templateDir, 'PG_VERSION')).then(() => true, () => false);
  const entries = await readdir(dataDir).catch(() => []);
  if (!template || entries.length > 0) return;
  await mkdir(path.dirname(dataDir), { recursive: true });
  const partial = `${dataDir}.partial`;
  await rm(partial, { recursive: true, force: true });
  await cp(templateDir, partial, { recursive: true });
  await rm(dataDir, { recursive: true, force: true });
  await rename(partial, dataDir);
}

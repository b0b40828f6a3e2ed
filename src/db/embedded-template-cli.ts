// `npm run build` runs this (scripts/build.mjs): makes the prepared, migrated embedded data
// directory that new DATA_DIRs start from (see prepare-data-dir.ts), so initdb and the first
// migrations run once, at build time, instead of at each new installation's first start.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { openDatabase } from './database.js';
import { migrateDatabase } from './migrate.js';
import { embeddedTemplateDir } from './start-embedded-database.js';

const dataDir = await mkdtemp(path.join(tmpdir(), 'earshot-template-'));
try {
  const db = await openDatabase({ dataDir, prepared: false });
  try {
    await migrateDatabase(db);
  } finally {
    await db.close();
  }
  await rm(embeddedTemplateDir, { recursive: true, force: true });
  // A copy rather than a rename: the temporary directory may be on another file system.
  await cp(path.join(dataDir, 'pglite'), embeddedTemplateDir, { recursive: true });
} finally {
  await rm(dataDir, { recursive: true, force: true });
}

// `npm run build` runs this (scripts/build.mjs): makes the prepared embedded data directory that
// new DATA_DIRs start from (see prepare-data-dir.ts): initdb, the migrations and the job queue's
// own schema run once, at build time, instead of at each new installation's first start.
import { cp, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { allJobs } from '../jobs/jobs.js';
import { startJobQueue } from '../jobs/job-queue.js';
import { createLogger } from '../log/create-logger.js';
import { openDatabase } from './database.js';
import { migrateDatabase } from './migrate.js';
import { embeddedTemplateDir } from './start-embedded-database.js';

const dataDir = await mkdtemp(path.join(tmpdir(), 'earshot-template-'));
try {
  const db = await openDatabase({ dataDir, prepared: false });
  try {
    await migrateDatabase(db);
    const queue = await startJobQueue(db, createLogger({ level: 'warn' }), allJobs);
    await queue.stop();
  } finally {
    await db.close();
  }
  await rm(embeddedTemplateDir, { recursive: true, force: true });
  // A copy rather than a rename: the temporary directory may be on another file system.
  await cp(path.join(dataDir, 'pglite'), embeddedTemplateDir, { recursive: true });
} finally {
  await rm(dataDir, { recursive: true, force: true });
}

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildIfStale } from '../../emulators/sandbox/earshot-process.js';
import { generateLocalCertificate } from '../../emulators/x/cert.js';
import { randomBytes } from 'node:crypto';
import { openDatabase } from '../../src/db/database.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { allJobs } from '../../src/jobs/jobs.js';
import { startJobQueue } from '../../src/jobs/job-queue.js';
import { createLogger } from '../../src/log/create-logger.js';
import { databaseKinds, postgresAdminUrl, postgresTemplateVariable, withAdminClient } from './test-databases.js';

/**
 * Runs once before the test workers start: checks PostgreSQL, builds dist/ if src/ changed
 * (end-to-end tests run the build, as production does; the embedded databases start from its
 * prepared copy), and makes the certificate the X emulators serve. Workers inherit NODE_EXTRA_CA_CERTS, so Earshot trusts the emulator exactly as
 * a deployment would trust a private CA, without any test-only code path.
 */
export default async function setup(): Promise<() => Promise<void>> {
  await checkPostgresReachable();
  const dropTemplate = databaseKinds.includes('postgresql') ? await preparePostgresTemplate() : async () => undefined;
  buildIfStale(path.resolve(import.meta.dirname, '..', '..'));
  const dir = mkdtempSync(path.join(tmpdir(), 'earshot-tls-'));
  const { key, cert } = await generateLocalCertificate();
  writeFileSync(path.join(dir, 'key.pem'), key);
  writeFileSync(path.join(dir, 'cert.pem'), cert);
  process.env.NODE_EXTRA_CA_CERTS = path.join(dir, 'cert.pem');
  process.env.EARSHOT_TEST_TLS_DIR = dir;
  // Left in the temp dir: processes still exiting after teardown would warn about a missing CA file.
  return dropTemplate;
}

/**
 * Migrates one PostgreSQL database (and lets the job queue make its schema) for the whole run;
 * each test's database is a clone of it, as the embedded ones are copies of the build's prepared
 * directory. Named per run, so runs sharing the server never see each other's.
 */
async function preparePostgresTemplate(): Promise<() => Promise<void>> {
  const name = `earshot_template_${process.pid}_${randomBytes(4).toString('hex')}`;
  await withAdminClient((client) => client.query(`create database ${name}`));
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  const db = await openDatabase({ databaseUrl: url.toString(), dataDir: 'unused' });
  try {
    await migrateDatabase(db);
    const queue = await startJobQueue(db, createLogger({ level: 'warn' }), allJobs);
    await queue.stop();
  } finally {
    await db.close();
  }
  process.env[postgresTemplateVariable] = name;
  return async () => {
    await withAdminClient((client) => client.query(`drop database if exists ${name} with (force)`));
  };
}

/** PostgreSQL tests are never skipped quietly: an unreachable server fails the run, saying why. */
async function checkPostgresReachable(): Promise<void> {
  if (process.env.CI && !databaseKinds.includes('postgresql')) {
    throw new Error('CI must run the PostgreSQL tests: unset TEST_DATABASES.');
  }
  if (!databaseKinds.includes('postgresql')) return;
  try {
    await withAdminClient((client) => client.query('select 1'));
  } catch (error) {
    throw new Error(
      `PostgreSQL is not reachable at ${postgresAdminUrl.replace(/:[^:@/]*@/, ':***@')} (${(error as Error).message}). ` +
        'Start it (e.g. pg_ctlcluster <version> main start), point TEST_POSTGRES_URL at another server, ' +
        'or run only the embedded database locally with TEST_DATABASES=pglite.',
      { cause: error },
    );
  }
}

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildIfStale } from '../../emulators/sandbox/earshot-process.js';
import { generateLocalCertificate } from '../../emulators/x/cert.js';
import { databaseKinds, postgresAdminUrl, withAdminClient } from './test-databases.js';

/**
 * Runs once before the test workers start: checks PostgreSQL, builds dist/ if src/ changed
 * (end-to-end tests run the build, as production does; the embedded databases start from its
 * prepared copy), and makes the certificate the X emulators serve. Workers inherit NODE_EXTRA_CA_CERTS, so Earshot trusts the emulator exactly as
 * a deployment would trust a private CA, without any test-only code path.
 */
export default async function setup(): Promise<void> {
  await checkPostgresReachable();
  buildIfStale(path.resolve(import.meta.dirname, '..', '..'));
  const dir = mkdtempSync(path.join(tmpdir(), 'earshot-tls-'));
  const { key, cert } = await generateLocalCertificate();
  writeFileSync(path.join(dir, 'key.pem'), key);
  writeFileSync(path.join(dir, 'cert.pem'), cert);
  process.env.NODE_EXTRA_CA_CERTS = path.join(dir, 'cert.pem');
  process.env.EARSHOT_TEST_TLS_DIR = dir;
  // Left in the temp dir: processes still exiting after teardown would warn about a missing CA file.
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

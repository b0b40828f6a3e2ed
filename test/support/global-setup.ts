import { databaseKinds, postgresAdminUrl, withAdminClient } from './test-databases.js';

/** PostgreSQL tests are never skipped quietly: an unreachable server fails the run, saying why. */
export default async function checkPostgresReachable(): Promise<void> {
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
    );
  }
}

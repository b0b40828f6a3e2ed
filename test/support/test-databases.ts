import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openDatabase, type Database, type DatabaseLocation } from '../../src/db/database.js';
import { migrateDatabase } from '../../src/db/migrate.js';
import { emptyWorkerEmbeddedDatabase } from './worker-embedded-database.js';

export type DatabaseKind = 'pglite' | 'postgresql';

/** The server the PostgreSQL variants of the integration tests run against. */
export const postgresAdminUrl = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

/**
 * Every integration test runs once per database kind. TEST_DATABASES=pglite narrows that for a
 * quick local run; CI always runs both (see global-setup.ts).
 */
export const databaseKinds: DatabaseKind[] = (process.env.TEST_DATABASES ?? 'pglite,postgresql')
  .split(',')
  .map((kind) => kind.trim())
  .filter((kind): kind is DatabaseKind => kind === 'pglite' || kind === 'postgresql');

export interface TestDatabase {
  readonly kind: DatabaseKind;
  readonly location: DatabaseLocation;
  /** Opens a connection to this database; callers close what they open. */
  open(): Promise<Database>;
  /** Removes the database for good. */
  drop(): Promise<void>;
  /**
   * How Earshot reaches this database when its configuration cannot say (the worker's shared
   * embedded server); absent when Earshot opens it from `location` as a deployment does.
   */
  readonly connectEarshot?: () => Promise<Database>;
}

/** Set by global-setup.ts: a migrated PostgreSQL database (job queue schema included) that new test databases are cloned from. */
export const postgresTemplateVariable = 'EARSHOT_TEST_POSTGRES_TEMPLATE';

/**
 * A brand-new database of the given kind, already migrated as a new installation's would be after
 * its first start: the embedded one is the test worker's server, emptied (worker-embedded-database.ts),
 * PostgreSQL's is cloned from the template global-setup.ts migrated once. `prepared: false` asks for
 * an empty one; `ownServer` for an embedded database in a data directory of its own (tests of
 * starting it, or of other processes opening it).
 */
export async function createTestDatabase(
  kind: DatabaseKind,
  { prepared = true, ownServer = false }: { prepared?: boolean; ownServer?: boolean } = {},
): Promise<TestDatabase> {
  if (kind === 'pglite' && prepared && !ownServer) {
    const shared = await emptyWorkerEmbeddedDatabase();
    return {
      kind,
      location: { dataDir: shared.dataDir },
      open: shared.connect,
      drop: async () => undefined,
      connectEarshot: shared.connect,
    };
  }
  if (kind === 'pglite') {
    const { mkdtemp, rm } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    const path = await import('node:path');
    const dataDir = await mkdtemp(path.join(tmpdir(), 'earshot-test-'));
    return {
      kind,
      location: { dataDir, prepared },
      open: () => openDatabase({ dataDir, prepared }),
      drop: () => rm(dataDir, { recursive: true, force: true }),
    };
  }
  const name = `earshot_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  const template = prepared ? process.env[postgresTemplateVariable] : undefined;
  await withAdminClient((client) => client.query(template ? `create database ${name} template ${template}` : `create database ${name}`));
  const url = new URL(postgresAdminUrl);
  url.pathname = `/${name}`;
  const location = { databaseUrl: url.toString(), dataDir: 'unused' };
  return {
    kind,
    location,
    open: () => openDatabase(location),
    drop: () => withAdminClient((client) => client.query(`drop database if exists ${name} with (force)`)).then(() => undefined),
  };
}

/** A fresh, migrated database, opened; `dispose` closes and drops it. */
export async function createMigratedDatabase(kind: DatabaseKind): Promise<{ db: Database; test: TestDatabase; dispose(): Promise<void> }> {
  const test = await createTestDatabase(kind);
  const db = await test.open();
  await migrateDatabase(db);
  return {
    db,
    test,
    async dispose() {
      await db.close();
      await test.drop();
    },
  };
}

export async function withAdminClient<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: postgresAdminUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

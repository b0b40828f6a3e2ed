import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { connectToEmbeddedServer, type Database } from '../../src/db/database.js';
import { lockDataDir } from '../../src/db/data-dir-lock.js';
import { embeddedTemplateDir, startEmbeddedDatabase, type EmbeddedDatabaseServer } from '../../src/db/start-embedded-database.js';

/**
 * Starting PGlite (a WebAssembly PostgreSQL) costs one to two seconds, which most end-to-end tests
 * would pay twice (once per database kind would be fine; once per test is not). Each test worker
 * therefore starts one embedded server from the build's prepared copy and every test empties it
 * first: the tests still run Earshot against PGlite's engine, while the start-up path (data
 * directory, lock, worker thread, template) keeps its own tests, which open their own directories.
 */
interface WorkerServer {
  readonly server: EmbeddedDatabaseServer;
  readonly dataDir: string;
}

/** Kept on globalThis: test files sharing a worker (isolate: false) may still load this module apart. */
const key = Symbol.for('earshot.test.worker-embedded-database');
type Holder = { [key]?: Promise<WorkerServer> };

function workerServer(): Promise<WorkerServer> {
  const holder = globalThis as Holder;
  holder[key] ??= (async () => {
    const dataDir = mkdtempSync(path.join(tmpdir(), 'earshot-worker-db-'));
    // Held like any data directory, so nothing opens it a second time by mistake.
    await lockDataDir(dataDir);
    const server = await startEmbeddedDatabase(path.join(dataDir, 'pglite'), embeddedTemplateDir);
    // The worker thread ends with the process; its files go with it.
    process.once('exit', () => rmSync(dataDir, { recursive: true, force: true }));
    return { server, dataDir };
  })();
  return holder[key];
}

/** Tables that hold no test's data: the migrations' record and the job queue's own set-up. */
const keptTables = new Set(['public._prisma_migrations', 'pgboss.version', 'pgboss.queue']);

/**
 * Empties every table (the job queue's jobs and schedules included) and releases the advisory
 * locks an earlier test's Earshot took, so a test sees a new installation's database.
 */
async function empty(database: Database): Promise<void> {
  const { rows } = await database.executeSql(`SELECT format('%I.%I', schemaname, tablename) AS name FROM pg_tables WHERE schemaname IN ('public', 'pgboss')`);
  const tables = (rows as Array<{ name: string }>).map((row) => row.name).filter((name) => !keptTables.has(name));
  // The audit trail refuses TRUNCATE by trigger, as it should in use; triggers are off for this one statement.
  await database.executeSql(
    `SET session_replication_role = replica; TRUNCATE ${tables.join(', ')} RESTART IDENTITY CASCADE; SET session_replication_role = DEFAULT`,
  );
  await database.executeSql('SELECT pg_advisory_unlock_all()');
}

export interface WorkerEmbeddedDatabase {
  /** The server's data directory (locked: only for showing where it is). */
  readonly dataDir: string;
  /** A connection of its own; one at a time, as the embedded server serves one. */
  connect(): Promise<Database>;
}

/** This worker's embedded database, emptied for a new test. */
export async function emptyWorkerEmbeddedDatabase(): Promise<WorkerEmbeddedDatabase> {
  const { server, dataDir } = await workerServer();
  const connect = () => connectToEmbeddedServer(server.url);
  const database = await connect();
  try {
    await empty(database);
  } finally {
    await database.close();
  }
  return { dataDir, connect };
}

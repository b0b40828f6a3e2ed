import path from 'node:path';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import type pg from 'pg';
import type { PrismaClient } from '../generated/prisma/client.js';
import { lockDataDir } from './data-dir-lock.js';
import { DatabaseUnavailableError, explainConnectionFailure } from './database-unavailable.js';
import { embeddedTemplateDir, startEmbeddedDatabase, type EmbeddedDatabaseServer } from './start-embedded-database.js';

/** Runs raw SQL and returns the rows of the last statement; what the job queue needs. */
export type ExecuteSql = (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;

export interface Database {
  readonly kind: 'pglite' | 'postgresql';
  readonly prisma: PrismaClient;
  readonly adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  readonly executeSql: ExecuteSql;
  /** For the job queue on PostgreSQL, which manages its own pool. */
  readonly connectionString?: string | undefined;
  /** The embedded database only: settles if its server stops without being asked to. */
  readonly unexpectedExit?: Promise<Error>;
  isReachable(): Promise<boolean>;
  close(): Promise<void>;
}

export interface DatabaseLocation {
  /** A PostgreSQL connection string; when absent the embedded PGlite database is used. */
  databaseUrl?: string | undefined;
  /** Where PGlite keeps its files; `memory://` keeps them in memory (tests). */
  dataDir: string;
  /**
   * A brand-new embedded database starts as a copy of the build's prepared one, already migrated
   * (default); `false` starts it empty, from initdb (tests of the migrations themselves).
   */
  prepared?: boolean;
}

export async function openDatabase(location: DatabaseLocation): Promise<Database> {
  return location.databaseUrl ? openPostgres(location.databaseUrl) : openEmbedded(location.dataDir, location.prepared ?? true);
}

/**
 * The embedded database is PGlite in a worker thread behind a PostgreSQL socket (see
 * start-embedded-database.ts), reached exactly as PostgreSQL is, through a pool of one connection
 * since PGlite serves one. The job queue shares that pool (no connection string of its own).
 */
async function openEmbedded(dataDir: string, prepared: boolean): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  const unlock = inMemory ? async () => undefined : await lockDataDir(path.resolve(dataDir));
  let server: EmbeddedDatabaseServer | undefined;
  try {
    server = await startEmbeddedDatabase(inMemory ? dataDir : path.resolve(dataDir, 'pglite'), prepared ? embeddedTemplateDir : undefined);
    const database = await connectToEmbeddedServer(server.url);
    const running = server;
    return {
      ...database,
      unexpectedExit: running.unexpectedExit,
      async close() {
        await database.close();
        await running.stop();
        await unlock();
      },
    };
  } catch (error) {
    await server?.stop();
    await unlock();
    throw error;
  }
}

/**
 * A connection to an embedded database's server that is already running: through a pool of one
 * connection (PGlite is one backend), with the job queue sharing that pool. Closing it leaves the
 * server running.
 */
export async function connectToEmbeddedServer(url: string): Promise<Database> {
  const database = await openPostgres(url, 1);
  return { ...database, kind: 'pglite', connectionString: undefined };
}

async function openPostgres(connectionString: string, connections = 10): Promise<Database> {
  // Loaded here rather than with this module (about a second on a busy machine), so the embedded
  // database's worker thread is already starting while they load.
  const [{ default: pg }, { PrismaClient }, { WholeScriptPrismaPg }, { reportCharColumnsAsText }] = await Promise.all([
    import('pg'),
    import('../generated/prisma/client.js'),
    import('./whole-script-pg-adapter.js'),
    import('./char-columns-as-text.js'),
  ]);
  // Idle connections stay open: the embedded server takes one connection at a time, and a closing
  // one could still hold its place when the next arrives.
  const pool = new pg.Pool({ connectionString, max: connections, idleTimeoutMillis: connections === 1 ? 0 : 10_000 });
  // An idle connection the server ends (a restart, a dropped database) is replaced at the next
  // query, which reports any lasting failure; unhandled, the pool's error would end the process.
  pool.on('error', () => undefined);
  await probeConnection(pool, connectionString);
  const adapterFactory = new WholeScriptPrismaPg(reportCharColumnsAsText(pool));
  const prisma = new PrismaClient({ adapter: adapterFactory });
  // Prisma compiles its query compiler (WebAssembly) at its first query; begun now, that overlaps
  // the migrations and the rest of start-up. A failure here comes back at the first query.
  prisma.$connect().catch(() => undefined);
  return {
    kind: 'postgresql',
    prisma,
    adapterFactory,
    connectionString,
    async executeSql(text, values) {
      // A script of several statements answers with one result per statement.
      const result: unknown = await pool.query(text, values);
      const results = (Array.isArray(result) ? result : [result]) as Array<pg.QueryResult<Record<string, unknown>>>;
      return { rows: results.at(-1)?.rows ?? [] };
    },
    async isReachable() {
      return canSelectOne(() => pool.query('select 1'));
    },
    async close() {
      await prisma.$disconnect();
      await pool.end();
    },
  };
}

/** Connects once before anything else does, so a missing database is told in a sentence, not a migration engine's stack trace. */
async function probeConnection(pool: pg.Pool, connectionString: string): Promise<void> {
  try {
    await pool.query('select 1');
  } catch (error) {
    await pool.end();
    const explained = explainConnectionFailure(error, connectionString);
    if (explained) throw new DatabaseUnavailableError(explained, { cause: error });
    throw error;
  }
}

async function canSelectOne(query: () => Promise<unknown>): Promise<boolean> {
  try {
    await query();
    return true;
  } catch {
    return false;
  }
}

import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { SqlMigrationAwareDriverAdapterFactory } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaPGlite } from 'pglite-prisma-adapter';
import { PrismaClient } from '../generated/prisma/client.js';
import { reportCharColumnsAsText } from './char-columns-as-text.js';
import { DatabaseUnavailableError, explainConnectionFailure } from './database-unavailable.js';
import { WholeScriptPrismaPg } from './whole-script-pg-adapter.js';

/** Runs raw SQL and returns the rows of the last statement; what the job queue needs. */
export type ExecuteSql = (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>;

export interface Database {
  readonly kind: 'pglite' | 'postgresql';
  readonly prisma: PrismaClient;
  readonly adapterFactory: SqlMigrationAwareDriverAdapterFactory;
  readonly executeSql: ExecuteSql;
  /** For the job queue on PostgreSQL, which manages its own pool. */
  readonly connectionString?: string;
  isReachable(): Promise<boolean>;
  close(): Promise<void>;
}

export interface DatabaseLocation {
  /** A PostgreSQL connection string; when absent the embedded PGlite database is used. */
  databaseUrl?: string | undefined;
  /** Where PGlite keeps its files; `memory://` keeps them in memory (tests). */
  dataDir: string;
}

export async function openDatabase(location: DatabaseLocation): Promise<Database> {
  return location.databaseUrl ? openPostgres(location.databaseUrl) : openPglite(location.dataDir);
}

async function openPglite(dataDir: string): Promise<Database> {
  const inMemory = dataDir.startsWith('memory://');
  const pgliteDir = inMemory ? dataDir : path.resolve(dataDir, 'pglite');
  if (!inMemory) await mkdir(pgliteDir, { recursive: true });
  const client = await PGlite.create(pgliteDir);
  const adapterFactory = new PrismaPGlite(client);
  const prisma = new PrismaClient({ adapter: adapterFactory });
  return {
    kind: 'pglite',
    prisma,
    adapterFactory,
    // A parameterless text may hold several statements (the queue's schema scripts): PGlite's
    // `exec` runs those, `query` only runs one statement but takes parameters.
    async executeSql(text, values) {
      if (values && values.length > 0) return { rows: (await client.query(text, values)).rows };
      const results = await client.exec(text);
      return { rows: results.at(-1)?.rows ?? [] };
    },
    async isReachable() {
      return canSelectOne(() => client.query('select 1'));
    },
    async close() {
      await prisma.$disconnect();
      if (!client.closed) await client.close();
    },
  };
}

async function openPostgres(connectionString: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString, max: 10 });
  await probeConnection(pool, connectionString);
  const adapterFactory = new WholeScriptPrismaPg(reportCharColumnsAsText(pool));
  const prisma = new PrismaClient({ adapter: adapterFactory });
  return {
    kind: 'postgresql',
    prisma,
    adapterFactory,
    connectionString,
    async executeSql(text, values) {
      const result = await pool.query(text, values);
      const last = Array.isArray(result) ? result.at(-1) : result;
      return { rows: last?.rows ?? [] };
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

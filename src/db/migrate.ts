import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { MigrationDirectory, MigrationList, SchemaEngine } from '@prisma/schema-engine-wasm';
import type { Database } from './database.js';

export const prismaDir = path.resolve(import.meta.dirname, '../../prisma');
export const migrationsDir = path.join(prismaDir, 'migrations');
export const schemaPath = path.join(prismaDir, 'schema.prisma');

const noFilters = { externalTables: [], externalEnums: [] };

/** Reads `prisma/migrations/*` in the shape the schema engine expects. */
export async function readMigrations(dir = migrationsDir): Promise<MigrationList> {
  const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
  const folders = entries
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const migrationDirectories: MigrationDirectory[] = await Promise.all(
    folders.map(async (folder) => ({
      path: folder,
      migrationFile: {
        path: 'migration.sql',
        content: await readFile(path.join(dir, folder, 'migration.sql'), 'utf8').then(
          (sql) => ({ tag: 'ok' as const, value: sql }),
          (error: Error) => ({ tag: 'error' as const, value: error.message }),
        ),
      },
    })),
  );
  const lockfilePath = path.join(dir, 'migration_lock.toml');
  return {
    baseDir: dir,
    lockfile: { path: 'migration_lock.toml', content: await readFile(lockfilePath, 'utf8').catch(() => null) },
    shadowDbInitScript: '',
    migrationDirectories,
  };
}

async function withEngine<T>(db: Database, use: (engine: SchemaEngine) => Promise<T>): Promise<T> {
  // Loaded only when needed: the engine's WebAssembly heap stays for the life of the process.
  const { createSchemaEngine } = await import('./schema-engine.js');
  const engine = await createSchemaEngine(await readFile(schemaPath, 'utf8'), db.adapterFactory);
  try {
    return await use(engine);
  } finally {
    engine.free();
  }
}

/**
 * True when `_prisma_migrations` records every one of `names` as applied and nothing as failed:
 * then the schema engine would apply nothing, and is not loaded at all. Anything else (no table
 * yet, a failed or pending migration) is left to the engine, which applies or reports it.
 */
async function allApplied(db: Database, names: string[]): Promise<boolean> {
  try {
    const { rows } = await db.executeSql('select migration_name, finished_at, rolled_back_at from _prisma_migrations');
    const records = rows as Array<{ migration_name: string; finished_at: Date | null; rolled_back_at: Date | null }>;
    if (records.some((record) => record.finished_at === null && record.rolled_back_at === null)) return false;
    const applied = new Set(records.filter((record) => record.finished_at !== null && record.rolled_back_at === null).map((record) => record.migration_name));
    return names.every((name) => applied.has(name));
  } catch {
    return false;
  }
}

/** Applies the migrations the database has not seen yet; returns their names (none on a second run). */
export async function migrateDatabase(db: Database, dir = migrationsDir): Promise<string[]> {
  const migrationsList = await readMigrations(dir);
  if (
    await allApplied(
      db,
      migrationsList.migrationDirectories.map((migration) => migration.path),
    )
  )
    return [];
  const { appliedMigrationNames } = await withEngine(db, (engine) => engine.applyMigrations({ migrationsList, filters: noFilters }));
  return appliedMigrationNames;
}

/**
 * The SQL that would bring the database to what `schema.prisma` describes; empty when they match.
 * The `schemaDatasource` target is the live database behind the driver adapter.
 */
export async function diffDatabaseAgainstSchema(db: Database): Promise<string> {
  const schema = await readFile(schemaPath, 'utf8');
  const result = await withEngine(db, (engine) =>
    engine.diff({
      from: { tag: 'schemaDatasource', files: [{ path: schemaPath, content: schema }], configDir: prismaDir },
      to: { tag: 'schemaDatamodel', files: [{ path: schemaPath, content: schema }] },
      script: true,
      exitCode: true,
      filters: noFilters,
    }),
  );
  // Exit code 2 means "there is a difference"; 0 comes with an "empty migration" comment.
  return result.exitCode === 2 ? (result.stdout ?? '').trim() : '';
}

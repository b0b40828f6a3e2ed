// Writes prisma/migrations/<timestamp>_<name>/migration.sql with the SQL that takes a database
// migrated to the current migrations to what prisma/schema.prisma now describes. Works offline:
// the diff runs in the WASM schema engine against a throw-away in-memory PGlite database.
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openDatabase } from '../src/db/database.js';
import { diffDatabaseAgainstSchema, migrateDatabase, migrationsDir } from '../src/db/migrate.js';

const name = (process.argv[2] ?? '')
  .trim()
  .toLowerCase()
  .replace(/[^a-z0-9]+/g, '_')
  .replace(/^_|_$/g, '');
if (!name) {
  console.error('usage: npm run db:new-migration -- <name>   (e.g. add_routing_rules)');
  process.exit(1);
}

const db = await openDatabase({ dataDir: 'memory://' });
try {
  await migrateDatabase(db);
  const sql = await diffDatabaseAgainstSchema(db);
  if (!sql) {
    console.log('schema.prisma matches the existing migrations: nothing to write.');
  } else {
    const stamp = new Date().toISOString().replace(/\D/g, '').slice(0, 14);
    const folder = path.join(migrationsDir, `${stamp}_${name}`);
    await mkdir(folder, { recursive: true });
    await writeFile(path.join(folder, 'migration.sql'), `${sql}\n`);
    await writeFile(path.join(migrationsDir, 'migration_lock.toml'), 'provider = "postgresql"\n');
    console.log(`wrote ${path.relative(process.cwd(), folder)}/migration.sql`);
  }
} finally {
  await db.close();
}

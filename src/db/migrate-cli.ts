// `npm run db:migrate`: applies pending migrations to DATABASE_URL, or to the PGlite database in DATA_DIR.
import { readEnvironment } from '../config/load-config.js';
import { openDatabase } from './database.js';
import { DatabaseUnavailableError } from './database-unavailable.js';
import { migrateDatabase } from './migrate.js';

const env = readEnvironment(process.env);
const db = await openDatabase({ databaseUrl: env.DATABASE_URL || undefined, dataDir: env.DATA_DIR || './data' }).catch((error: unknown) => {
  if (!(error instanceof DatabaseUnavailableError)) throw error;
  process.stderr.write(`Cannot migrate: ${error.message}\n`);
  process.exit(1);
});
try {
  const applied = await migrateDatabase(db);
  console.log(applied.length ? `applied to ${db.kind}: ${applied.join(', ')}` : `${db.kind} database is up to date`);
} finally {
  await db.close();
}

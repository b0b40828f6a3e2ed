import type { Logger } from '../log/create-logger.js';
import { openDatabase, type Database, type DatabaseLocation } from './database.js';
import { migrateDatabase } from './migrate.js';
import { openLockSession, replicaName, schemaSetupLock } from '../replicas/lock-session.js';

/** Opens the database and applies the migrations it has not seen yet; closes it again if that fails. */
export async function openMigratedDatabase(location: DatabaseLocation, logger: Logger): Promise<Database> {
  const database = await openDatabase(location);
  try {
    // Replicas starting together migrate one after the other.
    const setupLock = await openLockSession(database, replicaName());
    const applied = await setupLock.withLock(schemaSetupLock, () => migrateDatabase(database)).finally(() => setupLock.close());
    logger.info({ database: database.kind, applied }, applied.length ? 'database migrated' : 'database schema up to date');
    return database;
  } catch (error) {
    await database.close();
    throw error;
  }
}

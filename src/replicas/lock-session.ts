import { hostname } from 'node:os';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { Database } from '../db/database.js';

/**
 * A database session holding named advisory locks: PostgreSQL releases them when the session ends,
 * which a crash, a kill or a lost machine does, so a lock is never left behind by a dead replica.
 */
export interface LockSession {
  /** This replica's name, as /healthz and /metrics show it (host name and process id). */
  readonly replica: string;
  /** Takes the lock if nobody holds it (or this session already does); never waits. */
  tryLock(name: string): Promise<boolean>;
  /** Waits (up to `timeoutMs`) until the lock is free, runs `use`, and releases it. */
  withLock<T>(name: string, use: () => Promise<T>, timeoutMs?: number): Promise<T>;
  /** The replica whose session holds the lock; undefined when nobody does. */
  holderOf(name: string): Promise<string | undefined>;
  /** Settles when the session ends without being asked (its locks are then gone); never on the embedded database. */
  readonly ended: Promise<Error>;
  close(): Promise<void>;
}

/** The first key of Earshot's elected locks ("EART"), apart from the job workers' ("EARS") and any other application's. */
const lockSpace = 0x45415254;
const applicationPrefix = 'earshot ';
/** Every query of the session has a deadline; waiting for a lock is a loop of quick tries. */
const queryTimeoutMs = 10_000;
const retryLockEveryMs = 500;
const defaultWaitMs = 5 * 60_000;

/** Held while a replica migrates the database or creates the job queue's tables. */
export const schemaSetupLock = 'schema-setup';

export function replicaName(): string {
  return `${hostname()}:${process.pid}`;
}

/**
 * On PostgreSQL a connection of its own, named after the replica (`application_name`, which is how
 * other replicas see who holds a lock), with TCP keepalives so that the server also notices a
 * replica whose machine vanished (within about 25 s) rather than only one whose process died.
 * The embedded database is held by one process: its only connection serves, and every lock is won.
 */
export async function openLockSession(database: Pick<Database, 'connectionString' | 'executeSql'>, replica = replicaName()): Promise<LockSession> {
  if (!database.connectionString) return lockSessionOver(replica, database.executeSql, new Promise<never>(() => undefined), async () => undefined);
  const client = new pg.Client({
    connectionString: database.connectionString,
    application_name: `${applicationPrefix}${replica}`,
    keepAlive: true,
    connectionTimeoutMillis: queryTimeoutMs,
    query_timeout: queryTimeoutMs,
  });
  const ended = new Promise<Error>((resolve) => {
    client.on('error', (error) => resolve(error));
    client.on('end', () => resolve(new Error('the database ended the session')));
  });
  try {
    await client.connect();
    await client.query('SET tcp_keepalives_idle = 10; SET tcp_keepalives_interval = 5; SET tcp_keepalives_count = 3');
  } catch (error) {
    await client.end().catch(() => undefined);
    throw error;
  }
  return lockSessionOver(
    replica,
    (text, values) => client.query(text, values),
    ended,
    () => client.end(),
  );
}

function lockSessionOver(
  replica: string,
  query: (text: string, values?: unknown[]) => Promise<{ rows: unknown[] }>,
  ended: Promise<Error>,
  close: () => Promise<void>,
): LockSession {
  const tryLock = async (name: string) => {
    const { rows } = await query('SELECT pg_try_advisory_lock($1, hashtext($2)) AS taken', [lockSpace, name]);
    return (rows[0] as { taken: boolean } | undefined)?.taken === true;
  };
  return {
    replica,
    tryLock,
    async withLock(name, use, timeoutMs = defaultWaitMs) {
      const deadline = Date.now() + timeoutMs;
      while (!(await tryLock(name))) {
        if (Date.now() > deadline) throw new Error(`another replica held the "${name}" lock for more than ${Math.round(timeoutMs / 1000)} s`);
        await sleep(retryLockEveryMs);
      }
      try {
        return await use();
      } finally {
        await query('SELECT pg_advisory_unlock($1, hashtext($2))', [lockSpace, name]);
      }
    },
    async holderOf(name) {
      // A two-key advisory lock shows in pg_locks as classid, objid (unsigned) and objsubid 2.
      const { rows } = await query(
        `SELECT a.application_name AS application FROM pg_locks l LEFT JOIN pg_stat_activity a ON a.pid = l.pid
         WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 2
           AND l.classid = $1::bigint::oid AND l.objid = (hashtext($2)::bigint & 4294967295)::oid`,
        [lockSpace, name],
      );
      const application = (rows[0] as { application: string | null } | undefined)?.application;
      if (application === undefined) return undefined;
      return application?.startsWith(applicationPrefix) ? application.slice(applicationPrefix.length) : 'another session';
    },
    ended,
    close,
  };
}

import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import pg from 'pg';
import type { Logger } from '../log/create-logger.js';

/** Says which job-queue workers (one per Earshot process) are gone, so that their active jobs can be retried at once. */
export interface WorkerLiveness {
  /** This process's id, recorded on every job it takes. */
  readonly workerId: string;
  /** Whether the process that took a job is gone; `null`: the job does not say who took it. */
  isGone(workerId: string | null): Promise<boolean>;
  close(): Promise<void>;
}

/** The first key of Earshot's advisory locks ("EARS"), apart from any other application's. */
const lockSpace = 0x45415253;

/**
 * On PostgreSQL each process holds a session advisory lock named after its worker id for as long
 * as it lives; PostgreSQL releases it when the process's connection ends (a crash, a kill, a lost
 * machine). A lock that can be taken therefore belongs to a process that is gone, and the jobs it
 * left active need not wait for pg-boss's expiry. Replicas still running keep theirs.
 */
export async function holdWorkerLiveness(connectionString: string, logger: Logger): Promise<WorkerLiveness> {
  const workerId = randomUUID();
  let closed = false;
  let session: pg.Client | undefined;
  const connect = async (): Promise<pg.Client> => {
    const client = new pg.Client({ connectionString });
    client.on('error', (error) => {
      if (client !== session || closed) return;
      logger.error(
        { err: error },
        'lost the database session that shows this process is alive; reconnecting (other replicas may retry its running jobs meanwhile)',
      );
      void reconnect();
    });
    try {
      await client.connect();
      await client.query('SELECT pg_advisory_lock($1, hashtext($2))', [lockSpace, workerId]);
      return client;
    } catch (error) {
      await client.end().catch(() => undefined);
      throw error;
    }
  };
  session = await connect();
  let reconnecting: Promise<void> | undefined;
  const reconnect = () =>
    (reconnecting ??= (async () => {
      while (!closed) {
        try {
          session = await connect();
          logger.info('database session that shows this process is alive restored');
          break;
        } catch (error) {
          logger.warn({ err: error }, 'could not restore the database session that shows this process is alive; trying again');
          await sleep(5_000);
        }
      }
      reconnecting = undefined;
    })());
  return {
    workerId,
    async isGone(other) {
      // Not knowing is not proof: such a job waits for pg-boss's expiry.
      if (other === null || other === workerId) return false;
      const current = session!;
      const { rows } = await current.query<{ free: boolean }>('SELECT pg_try_advisory_lock($1, hashtext($2)) AS free', [lockSpace, other]);
      if (rows[0]?.free) await current.query('SELECT pg_advisory_unlock($1, hashtext($2))', [lockSpace, other]);
      return rows[0]?.free === true;
    },
    async close() {
      closed = true;
      await session?.end();
    },
  };
}

/** The embedded database has one process by definition (it holds the data directory): any other worker is gone. */
export function soleWorkerLiveness(): WorkerLiveness {
  const workerId = randomUUID();
  return { workerId, isGone: async (other) => other !== workerId, close: async () => undefined };
}

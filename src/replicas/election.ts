import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../log/create-logger.js';
import type { LockSession } from './lock-session.js';

/** Work that one replica at a time does (a poller, the scheduled checks). */
export interface ElectedRole {
  /** The lock's name, the same on every replica. */
  readonly name: string;
  /** Starts the work once this replica is elected; `stop` must leave nothing running. */
  start(): { stop(): Promise<void> };
}

export interface Election {
  /** This replica's name. */
  readonly replica: string;
  /** Stands for the role from now on; resolves once this replica has tried for it once. */
  add(role: ElectedRole): Promise<void>;
  /** Whether this replica runs the role now. */
  holds(name: string): boolean;
  /** Which replica runs the role: this one's name or another's; undefined while nobody does. */
  holderOf(name: string): Promise<string | undefined>;
  /** Stops every role this replica runs, then releases their locks. */
  stop(): Promise<void>;
}

export interface ElectionOptions {
  openSession: () => Promise<LockSession>;
  replica: string;
  /** How often a standby tries for the roles it does not run (and a lost session is reopened). */
  retryMs: number;
  logger: Logger;
  /** Told whenever this replica starts or stops running a role (metrics). */
  onChange?: (name: string, held: boolean) => void;
}

/**
 * Elects one replica per role with PostgreSQL advisory locks (docs/decisions/007-elected-pollers.md).
 * A replica runs a role only while its session holds the role's lock; if the session ends, it stops
 * every role first, then opens a new session and stands again. A replica that dies loses its
 * session at once, and a standby takes the role at its next try, within `retryMs`.
 */
export function startElection(options: ElectionOptions): Election {
  const roles: ElectedRole[] = [];
  const running = new Map<string, { stop(): Promise<void> }>();
  const stopping = new AbortController();
  let session: LockSession | undefined;
  // Rounds, losses and the stop run one after the other: a role is never started and stopped at once.
  let serial: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(work: () => Promise<T>): Promise<T> => {
    const next = serial.then(work, work);
    serial = next.catch(() => undefined);
    return next;
  };

  const stopRoles = async () => {
    for (const [name, work] of running) {
      await work.stop().catch((error: unknown) => options.logger.error({ err: error, role: name }, 'could not stop elected work cleanly'));
      running.delete(name);
      options.onChange?.(name, false);
    }
  };

  const lose = (lost: LockSession, error: Error) =>
    inTurn(async () => {
      if (lost !== session || stopping.signal.aborted) return;
      session = undefined;
      options.logger.warn(
        { err: error, roles: [...running.keys()] },
        "lost the database session that holds this replica's elected roles; stopping them and standing again",
      );
      await stopRoles();
    });

  const standFor = async (candidates: readonly ElectedRole[]) => {
    if (stopping.signal.aborted) return;
    if (!session) {
      try {
        const opened = await options.openSession();
        session = opened;
        void opened.ended.then((error) => lose(opened, error));
      } catch (error) {
        options.logger.warn({ err: error }, 'could not open the database session for electing roles; trying again');
        return;
      }
    }
    for (const role of candidates) {
      if (running.has(role.name)) continue;
      try {
        if (!(await session.tryLock(role.name))) continue;
      } catch (error) {
        options.logger.warn({ err: error, role: role.name }, 'could not stand for an elected role; trying again');
        continue;
      }
      running.set(role.name, role.start());
      options.onChange?.(role.name, true);
      options.logger.info({ role: role.name, replica: options.replica }, 'this replica now runs an elected role');
    }
  };

  const loop = (async () => {
    while (!stopping.signal.aborted) {
      await sleep(options.retryMs, undefined, { signal: stopping.signal }).catch(() => undefined);
      await inTurn(() => standFor(roles));
    }
  })();

  return {
    replica: options.replica,
    add(role) {
      roles.push(role);
      return inTurn(() => standFor([role]));
    },
    holds: (name) => running.has(name),
    async holderOf(name) {
      if (running.has(name)) return options.replica;
      return session?.holderOf(name);
    },
    async stop() {
      stopping.abort();
      await loop;
      await inTurn(async () => {
        await stopRoles();
        await session?.close();
        session = undefined;
      });
    },
  };
}

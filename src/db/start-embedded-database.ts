import { once } from 'node:events';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import type { EmbeddedWorkerData, EmbeddedWorkerMessage } from './embedded-database-protocol.js';

export interface EmbeddedDatabaseServer {
  /** A PostgreSQL connection string to the server (one connection at a time). */
  readonly url: string;
  /** Settles with the reason if the worker ends without being asked to; never settles otherwise. */
  readonly unexpectedExit: Promise<Error>;
  stop(): Promise<void>;
}

/**
 * Made by `npm run build` (scripts/build.mjs): a PGlite data directory with every migration of
 * the build applied. The same path from src/db and dist/db, so tests running the TypeScript
 * sources use it too once it is built.
 */
export const embeddedTemplateDir = path.resolve(import.meta.dirname, '../../dist/embedded-template');

/**
 * The worker. Under tsx or vitest this module is TypeScript; the worker then runs the build's
 * JavaScript when there is one (tests build dist/ first when src/ changed, and it starts in a third
 * of the time), and otherwise its TypeScript through tsx's loader (a dev dependency).
 */
function newWorker(workerData: EmbeddedWorkerData): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./embedded-database-worker.js', import.meta.url), { workerData });
  const built = path.resolve(import.meta.dirname, '../../dist/db/embedded-database-worker.js');
  if (existsSync(built)) return new Worker(built, { workerData });
  const source = new URL('./embedded-database-worker.ts', import.meta.url).href;
  const load = `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(source)}, ${JSON.stringify(source)}))`;
  return new Worker(load, { eval: true, workerData });
}

/** Starts PGlite in a worker thread, serving `dataDir` on a free port of 127.0.0.1. */
export async function startEmbeddedDatabase(dataDir: string, templateDir: string | undefined): Promise<EmbeddedDatabaseServer> {
  const worker = newWorker({ dataDir, ...(templateDir ? { templateDir } : {}) });
  let stopping = false;
  const exited = once(worker, 'exit').then(([code]: unknown[]) => code as number);
  const errored = once(worker, 'error').then(([error]: unknown[]) => error as Error);
  const messages = new EventTarget();
  worker.on('message', (message: EmbeddedWorkerMessage) => messages.dispatchEvent(new CustomEvent(message.type, { detail: message })));
  const next = <T extends EmbeddedWorkerMessage['type']>(type: T) =>
    once(messages, type).then(([event]) => (event as CustomEvent<Extract<EmbeddedWorkerMessage, { type: T }>>).detail);

  const unexpectedExit = Promise.race([
    errored.then((error) => new Error(`the embedded database failed: ${error.message}`, { cause: error })),
    next('crashed').then(({ message }) => new Error(`the embedded database failed while serving a query: ${message}`)),
    exited.then((code) => new Error(`the embedded database's worker thread ended (exit code ${code})`)),
  ]).then((error) => (stopping ? new Promise<Error>(() => undefined) : error));

  const started = await Promise.race([next('listening'), next('failed'), unexpectedExit]);
  if (started instanceof Error) throw started;
  if (started.type === 'failed') {
    await exited;
    throw new Error(`the embedded database in ${dataDir} could not be opened: ${started.message}`);
  }
  return {
    url: `postgresql://postgres@127.0.0.1:${started.port}/postgres`,
    unexpectedExit,
    async stop() {
      if (stopping) return;
      stopping = true;
      const stopped = Promise.race([next('stopped'), exited]);
      worker.postMessage('stop');
      await stopped;
      await worker.terminate();
    },
  };
}

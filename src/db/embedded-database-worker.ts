// Runs inside a worker thread: PGlite (PostgreSQL compiled to WebAssembly) served over the
// PostgreSQL wire protocol on 127.0.0.1, so its queries never block the main thread's event loop.
// See docs/decisions/005-embedded-database-off-the-main-thread.md.
import { parentPort, workerData } from 'node:worker_threads';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import type { EmbeddedWorkerData, EmbeddedWorkerMessage } from './embedded-database-protocol.js';
import { prepareDataDir } from './prepare-data-dir.js';

const { dataDir, templateDir } = workerData as EmbeddedWorkerData;
const port = parentPort;
if (!port) throw new Error('embedded-database-worker must run in a worker thread');
const send = (message: EmbeddedWorkerMessage) => port.postMessage(message);

// PostgreSQL's defaults size its buffers for a server; the WebAssembly heap never gives memory
// back, so smaller buffers are what keeps the process small. Written to postgresql.conf at each start.
const memorySettings = ['shared_buffers = 8MB', 'wal_buffers = 512kB', 'work_mem = 4MB', 'maintenance_work_mem = 16MB', 'temp_buffers = 2MB'];

try {
  if (!dataDir.startsWith('memory://')) await prepareDataDir(dataDir, templateDir);
  const db = await PGlite.create(dataDir, { postgresqlconf: memorySettings });
  // pglite-socket 0.2.17 closes the connection when PGlite throws while serving a query, and its
  // query queue then never runs another one: the database would hang for good. Ending the worker
  // instead makes Earshot exit with the reason (main.ts), for its supervisor to restart it.
  const serve = db.execProtocolRawStream.bind(db);
  db.execProtocolRawStream = async (...args) => {
    try {
      return await serve(...args);
    } catch (error) {
      send({ type: 'crashed', message: error instanceof Error ? error.message : String(error) });
      process.exit(1);
    }
  };
  // Earshot uses one connection at a time (a pool of one): PGlite is one backend, and the socket
  // server interleaves the protocol messages of concurrent connections. The server accepts a
  // second one all the same, because the pool replaces a connection after a query error at once,
  // before the server has seen the old socket close: refused as "too many connections", the new
  // one would fail the next query (often the transaction that should roll back cleanly).
  const server = new PGLiteSocketServer({ db, host: '127.0.0.1', port: 0, maxConnections: 2 });
  await server.start();
  const address = server.getServerConn();
  send({ type: 'listening', port: Number(address.slice(address.lastIndexOf(':') + 1)) });
  port.on('message', (message: unknown) => {
    if (message !== 'stop') return;
    void (async () => {
      await server.stop();
      await db.close();
      send({ type: 'stopped' });
      port.close();
    })();
  });
} catch (error) {
  send({ type: 'failed', message: error instanceof Error ? error.message : String(error) });
  port.close();
}

import type { Server } from 'node:http';
import type { Socket } from 'node:net';

/** Timers an emulator sets while answering (delays, hangs that end), all cleared when it closes. */
export function closableTimers() {
  const timers = new Set<NodeJS.Timeout>();
  const later = (ms: number, fn: () => void): void => {
    const timer = setTimeout(() => {
      timers.delete(timer);
      fn();
    }, ms);
    timers.add(timer);
  };
  return {
    later,
    sleep: (ms: number) => new Promise<void>((resolve) => later(ms, resolve)),
    clear() {
      for (const timer of timers) clearTimeout(timer);
      timers.clear();
    },
  };
}

/**
 * Listens on `host:port` (0: any free port); `close()` ends every connection at once. Sockets are
 * tracked from their first byte: closeAllConnections() only knows those whose TLS handshake is done,
 * and one still shaking hands would deliver its request afterwards (to a hang fault, say) and keep
 * close() waiting for ever.
 */
export function listenClosable(server: Server, host: string, port: number, onClose: () => void): Promise<{ port: number; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') throw new Error('the emulator has no TCP address');
      resolve({
        port: address.port,
        close: () =>
          new Promise<void>((done) => {
            onClose();
            server.close(() => done());
            for (const socket of sockets) socket.destroy();
          }),
      });
    });
  });
}

import { once } from 'node:events';
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ReceivedWebhook {
  headers: IncomingHttpHeaders;
  /** The body exactly as it arrived: what the signature covers. */
  rawBody: string;
  body: unknown;
}

/** What the receiver answers a notification: a status, or never (the emulator's timeout ends it). */
export type Reply = number | 'hang';

export interface Receiver {
  url: string;
  received: ReceivedWebhook[];
  /** Verification requests seen (their query parameters). */
  verifications: Record<string, string>[];
  /** Answers for the next notifications, in order; afterwards 200. */
  replyWith(replies: Reply[]): void;
  close(): Promise<void>;
}

/**
 * A webhook endpoint like the one an app runs: answers Meta's subscription check by echoing
 * `hub.challenge` when `hub.verify_token` matches, and records every notification.
 */
export async function startReceiver(verifyToken = 'unused'): Promise<Receiver> {
  const received: ReceivedWebhook[] = [];
  const verifications: Record<string, string>[] = [];
  let replies: Reply[] = [];
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://receiver.invalid');
    if (req.method === 'GET') {
      const query = Object.fromEntries(url.searchParams);
      verifications.push(query);
      const ok = query['hub.mode'] === 'subscribe' && query['hub.verify_token'] === verifyToken;
      res.writeHead(ok ? 200 : 403, { 'content-type': 'text/plain' });
      res.end(ok ? query['hub.challenge'] : 'wrong verify token');
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const rawBody = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: req.headers, rawBody, body: JSON.parse(rawBody) });
      const reply = replies.shift() ?? 200;
      if (reply === 'hang') return;
      res.writeHead(reply);
      res.end();
    });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/webhooks/meta`,
    received,
    verifications,
    replyWith: (next) => {
      replies = [...next];
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}

import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { Duplex } from 'node:stream';
import { type WebSocket, WebSocketServer } from 'ws';
import { jsonText, type DeliveryAttempt, type JsonObject } from '../types.js';
import { type DeliveryOutcome, type EnvelopeType, type SendOptions, type Transport, sleep } from './transport.js';

export const SOCKET_PATH = '/link/';

type AckResult = { acked: true; payload: unknown } | { acked: false; error: string };

interface PendingAck {
  resolve: (ack: AckResult) => void;
}

/** Types of interactive payloads whose ack may carry a response (Slack's accepts_response_payload). */
const RESPONSE_PAYLOAD_TYPES = new Set(['view_submission', 'block_suggestion']);

/**
 * The Socket Mode side of Slack: apps.connections.open hands out single-use ws:// URLs; a client
 * that connects gets "hello", then envelopes, and answers each with { envelope_id, payload? }.
 */
export class SocketTransport implements Transport {
  readonly mode = 'socket' as const;
  private readonly server = new WebSocketServer({ noServer: true });
  private readonly connections: WebSocket[] = [];
  /** Connections told to disconnect: they stay open until the client closes them but get no envelopes. */
  private readonly draining = new WeakSet<WebSocket>();
  private readonly tickets = new Set<string>();
  private readonly pending = new Map<string, PendingAck>();
  private readonly connectionWaiters: Array<() => void> = [];
  private nextConnection = 0;
  private readonly shutdown = new AbortController();
  /** During an outage connections are dropped and new ones refused (apps.connections.open still answers). */
  private down = false;

  constructor(
    private readonly appId: string,
    private readonly timings: { ackTimeoutMs: number; eventRetryDelaysMs: number[]; socketPingIntervalMs: number },
  ) {}

  /** A fresh URL for apps.connections.open; each may be used for one connection. */
  issueUrl(baseUrl: string): string {
    const ticket = randomUUID();
    this.tickets.add(ticket);
    return `${baseUrl.replace(/^http/, 'ws')}${SOCKET_PATH}?ticket=${ticket}&app_id=${this.appId}`;
  }

  handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer): void {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const ticket = url.searchParams.get('ticket') ?? '';
    if (this.down) {
      socket.end('HTTP/1.1 503 Service Unavailable\r\nConnection: close\r\n\r\n');
      return;
    }
    if (this.shutdown.signal.aborted || url.pathname !== SOCKET_PATH || !this.tickets.delete(ticket)) {
      socket.end('HTTP/1.1 401 Unauthorized\r\nConnection: close\r\n\r\n');
      return;
    }
    this.server.handleUpgrade(request, socket, head, (ws) => this.accept(ws));
  }

  private active(): WebSocket[] {
    return this.connections.filter((ws) => !this.draining.has(ws));
  }

  /** Resolves once at least one client is connected (false after the timeout). */
  async waitForConnection(timeoutMs: number): Promise<boolean> {
    if (this.active().length > 0) return true;
    return new Promise((resolve) => {
      const timer = setTimeout(() => {
        const index = this.connectionWaiters.indexOf(done);
        if (index >= 0) this.connectionWaiters.splice(index, 1);
        resolve(false);
      }, timeoutMs);
      const done = (): void => {
        clearTimeout(timer);
        resolve(true);
      };
      this.connectionWaiters.push(done);
    });
  }

  /** Sends Slack's "disconnect" message to every client (they are expected to reconnect). */
  requestReconnect(reason: 'refresh_requested' | 'warning' | 'link_disabled' = 'refresh_requested'): void {
    for (const ws of this.active()) {
      this.draining.add(ws);
      ws.send(JSON.stringify({ type: 'disconnect', reason, debug_info: { host: 'applink-emulator' } }));
    }
  }

  /** Starts an outage (every connection dropped, reconnections refused) or ends it. */
  setOutage(down: boolean): void {
    this.down = down;
    if (down) for (const ws of [...this.connections]) ws.terminate();
  }

  async send(type: EnvelopeType, payload: JsonObject, options: SendOptions): Promise<DeliveryOutcome> {
    const attempts: DeliveryAttempt[] = [];
    const retryDelays = options.retries ? this.timings.eventRetryDelaysMs : [];
    const envelopeId = randomUUID();
    for (let attempt = 0; attempt <= retryDelays.length && !this.shutdown.signal.aborted; attempt += 1) {
      if (attempt > 0) await sleep(retryDelays[attempt - 1] ?? 0, this.shutdown.signal);
      const started = Date.now();
      const record: DeliveryAttempt = { attempt, durationMs: 0 };
      if (attempt > 0) record.retryReason = 'timeout';
      const result = await this.sendOnce(envelopeId, type, payload, attempt);
      record.durationMs = Date.now() - started;
      attempts.push(record);
      if (result.acked) return { acked: true, body: result.payload, attempts };
      record.error = result.error;
    }
    return { acked: false, body: null, attempts };
  }

  private async sendOnce(envelopeId: string, type: EnvelopeType, payload: JsonObject, attempt: number): Promise<AckResult> {
    const started = Date.now();
    if (!(await this.waitForConnection(this.timings.ackTimeoutMs))) return { acked: false, error: 'no Socket Mode connection' };
    const active = this.active();
    const ws = active[this.nextConnection++ % active.length];
    if (!ws) return { acked: false, error: 'no Socket Mode connection' };
    const envelope: JsonObject = {
      envelope_id: envelopeId,
      payload,
      type,
      accepts_response_payload: type === 'slash_commands' || (type === 'interactive' && RESPONSE_PAYLOAD_TYPES.has(jsonText(payload.type))),
    };
    if (type === 'events_api') {
      envelope.retry_attempt = attempt;
      envelope.retry_reason = attempt > 0 ? 'timeout' : '';
    }
    const remaining = Math.max(1, this.timings.ackTimeoutMs - (Date.now() - started));
    const result = await new Promise<AckResult>((resolve) => {
      const timer = setTimeout(() => resolve({ acked: false, error: `no ack within ${this.timings.ackTimeoutMs} ms` }), remaining);
      this.pending.set(envelopeId, {
        resolve: (ack) => {
          clearTimeout(timer);
          resolve(ack);
        },
      });
      ws.send(JSON.stringify(envelope));
    });
    this.pending.delete(envelopeId);
    return result;
  }

  private accept(ws: WebSocket): void {
    this.connections.push(ws);
    ws.send(
      JSON.stringify({
        type: 'hello',
        num_connections: this.active().length,
        debug_info: { host: 'applink-emulator', build_number: 1, approximate_connection_time: 18060 },
        connection_info: { app_id: this.appId },
      }),
    );
    const pinger = setInterval(() => ws.ping(), this.timings.socketPingIntervalMs);
    pinger.unref();
    ws.on('message', (data, isBinary) => {
      if (isBinary) return;
      let message: unknown;
      try {
        message = JSON.parse(Buffer.concat(Array.isArray(data) ? data : [Buffer.isBuffer(data) ? data : Buffer.from(new Uint8Array(data))]).toString('utf8'));
      } catch {
        return;
      }
      if (typeof message !== 'object' || message === null || !('envelope_id' in message)) return;
      const { envelope_id: id, payload } = message as { envelope_id: unknown; payload?: unknown };
      const pending = typeof id === 'string' ? this.pending.get(id) : undefined;
      if (!pending) return;
      const empty = payload === undefined || (typeof payload === 'object' && payload !== null && Object.keys(payload).length === 0);
      pending.resolve({ acked: true, payload: empty ? null : payload });
    });
    ws.on('close', () => {
      clearInterval(pinger);
      const index = this.connections.indexOf(ws);
      if (index >= 0) this.connections.splice(index, 1);
    });
    for (const waiter of this.connectionWaiters.splice(0)) waiter();
  }

  async close(): Promise<void> {
    this.shutdown.abort();
    for (const ws of this.connections) ws.terminate();
    this.connections.length = 0;
    for (const pending of this.pending.values()) pending.resolve({ acked: false, error: 'emulator closed' });
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Logger } from 'pino';
import type { BlueskyEmulatorControl } from './control.js';
import { handleControlRequest } from './control-http.js';
import type { FaultAction, FaultRegistry } from './faults.js';
import type { Caller, MethodContext, ServiceInfo, XrpcMethod } from './methods/method.js';
import { rateLimitHeaders, type RateLimiter, type RateLimitRule } from './rate-limit.js';
import type { RequestLog, RequestLogEntry } from './request-log.js';
import type { Sessions } from './sessions.js';
import type { BlueskyStore } from './store.js';
import { parseInput, parseParams } from './validation.js';
import { XrpcError } from './xrpc.js';
import type { TlsMaterial } from '../x/cert.js';
import { closableTimers, listenClosable } from '../shared/closable-server.js';
import { isControlPath, sendControlResult } from '../shared/control-http.js';

/** The PDS's limit on every call from one IP, for 429s of methods that have no limit of their own. */
const GLOBAL_LIMIT: RateLimitRule = { bucket: 'global', limit: 3000, windowSeconds: 300 };

export interface ServerDeps {
  /** Serve HTTPS with this certificate; plain HTTP without. */
  tls?: TlsMaterial;
  methods: ReadonlyMap<string, XrpcMethod>;
  store: BlueskyStore;
  sessions: Sessions;
  limiter: RateLimiter;
  faults: FaultRegistry;
  log: RequestLog;
  control: BlueskyEmulatorControl;
  /** Filled in once the port is known. */
  service: ServiceInfo;
  now: () => number;
  logger: Logger;
}

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

interface Result {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, result: Result): void {
  if (result.body === undefined) {
    res.writeHead(result.status, { ...result.headers, 'content-length': 0 });
    res.end();
    return;
  }
  const json = JSON.stringify(result.body);
  res.writeHead(result.status, { ...result.headers, 'content-type': 'application/json; charset=utf-8', 'content-length': Buffer.byteLength(json) });
  res.end(json);
}

/** The request log keeps bodies for tests to inspect, but never a password. */
function loggedBody(raw: string): unknown {
  if (raw.length === 0) return undefined;
  try {
    const json = JSON.parse(raw) as unknown;
    return json !== null && typeof json === 'object' && 'password' in json ? { ...json, password: '[redacted]' } : json;
  } catch {
    return raw;
  }
}

function queryRecord(query: URLSearchParams): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const key of new Set(query.keys())) {
    const values = query.getAll(key);
    out[key] = values.length === 1 ? (values[0] ?? '') : values;
  }
  return out;
}

const bearerToken = (header: string | undefined): string | undefined => (header?.startsWith('Bearer ') ? header.slice('Bearer '.length).trim() : undefined);

const missingAuth = (): XrpcError => new XrpcError(401, 'AuthMissing', 'Authentication Required');

export function startServer(deps: ServerDeps, host: string, port: number): Promise<RunningServer> {
  const timers = closableTimers();
  const later = timers.later;
  const sleep = timers.sleep;

  function authenticate(method: XrpcMethod, authorization: string | undefined): Caller | undefined {
    if (method.auth === 'none') return undefined;
    const token = bearerToken(authorization);
    if (token === undefined) {
      if (method.auth === 'optional') return undefined;
      throw missingAuth();
    }
    const refresh = method.auth === 'refresh' ? deps.sessions.verifyRefresh(token) : undefined;
    const account = deps.store.account(refresh?.did ?? deps.sessions.verifyAccess(token).did);
    if (!account) throw new XrpcError(400, 'InvalidToken', 'Token could not be verified');
    return refresh ? { account, refreshJti: refresh.jti } : { account };
  }

  /** What the PDS does: check the HTTP method, parse params, authenticate, parse the body, rate-limit, handle. */
  function dispatch(req: IncomingMessage, nsid: string, url: URL, rawBody: string, entry: RequestLogEntry, fault: FaultAction | undefined): Result {
    const method = deps.methods.get(nsid);
    if (!method) throw new XrpcError(501);
    const expected = method.type === 'query' ? 'GET' : 'POST';
    if (req.method !== expected) throw new XrpcError(400, 'InvalidRequest', `Incorrect HTTP method (${req.method ?? ''}) expected ${expected}`);
    const params = parseParams(method.params, url.searchParams);
    const caller = authenticate(method, req.headers.authorization);
    if (caller) entry.did = caller.account.did;
    const input = method.input ? parseInput(method.input, rawBody) : undefined;
    let headers: Record<string, string> = {};
    if (method.rateLimit) {
      const status = deps.limiter.consume(method.rateLimit.rules, method.rateLimit.key({ input, ...(caller ? { caller } : {}) }), method.rateLimit.points);
      if (status) headers = rateLimitHeaders(status);
      if (status?.exceeded) throw new XrpcError(429, 'RateLimitExceeded', 'Rate Limit Exceeded', headers);
    }
    const ctx: MethodContext = {
      params,
      input,
      ...(caller ? { caller } : {}),
      store: deps.store,
      sessions: deps.sessions,
      service: deps.service,
    };
    try {
      const output = fault?.kind === 'notYetIndexed' && method.unindexed ? method.unindexed(ctx) : method.handle(ctx);
      return { status: 200, body: output.body, headers: { ...headers, ...output.headers } };
    } catch (error) {
      if (error instanceof XrpcError) throw error.withHeaders(headers);
      throw error;
    }
  }

  function faultResult(fault: FaultAction, nsid: string): Result | undefined {
    if (fault.kind === 'status') {
      const error = new XrpcError(fault.status, fault.body?.error, fault.body?.message);
      return { status: error.status, body: error.body };
    }
    if (fault.kind === 'rateLimit') {
      const rules = deps.methods.get(nsid)?.rateLimit?.rules ?? [GLOBAL_LIMIT];
      const rule = [...rules].sort((a, b) => a.windowSeconds - b.windowSeconds)[0] ?? GLOBAL_LIMIT;
      const headers = rateLimitHeaders({ ...rule, remaining: 0, resetMs: deps.now() + fault.resetInSeconds * 1000, exceeded: true });
      const error = new XrpcError(429, 'RateLimitExceeded', 'Rate Limit Exceeded');
      return { status: 429, body: error.body, headers };
    }
    return undefined;
  }

  async function handleXrpc(req: IncomingMessage, res: ServerResponse, url: URL, rawBody: string): Promise<void> {
    const nsid = url.pathname.slice('/xrpc/'.length);
    const entry = deps.log.add({
      at: new Date(deps.now()).toISOString(),
      method: req.method ?? 'GET',
      nsid,
      params: queryRecord(url.searchParams),
      body: loggedBody(rawBody),
      status: null,
      outcome: 'pending',
    });
    const fault = deps.faults.take(nsid);
    if (fault?.kind === 'hang') {
      entry.outcome = 'hung';
      if (fault.destroyAfterMs !== undefined) later(fault.destroyAfterMs, () => req.socket.destroy());
      return;
    }
    if (fault?.kind === 'delay') await sleep(fault.delayMs);
    let result: Result;
    try {
      result = (fault && faultResult(fault, nsid)) ?? dispatch(req, nsid, url, rawBody, entry, fault);
    } catch (error) {
      if (error instanceof XrpcError) {
        result = { status: error.status, body: error.body, headers: error.headers };
      } else {
        deps.logger.error({ err: error, nsid }, 'bluesky emulator method failed');
        const internal = new XrpcError(500);
        result = { status: 500, body: internal.body };
      }
    }
    entry.status = result.status;
    if (result.status >= 400) entry.error = (result.body as { error?: string }).error ?? '';
    deps.logger.debug({ nsid, status: result.status, fault: fault?.kind }, 'bluesky xrpc call');
    entry.finishedAt = new Date(deps.now()).toISOString();
    if (fault?.kind === 'commitThenDrop') {
      entry.outcome = 'dropped';
      req.socket.destroy();
      return;
    }
    entry.outcome = 'answered';
    send(res, result);
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const rawBody = await readBody(req);
    if (isControlPath(url.pathname)) {
      sendControlResult(res, handleControlRequest(deps.control, req.method ?? 'GET', url.pathname, url.searchParams, rawBody));
      return;
    }
    if (url.pathname.startsWith('/xrpc/')) {
      await handleXrpc(req, res, url, rawBody);
      return;
    }
    send(res, { status: 404, body: { error: 'NotFound', message: `No route for ${url.pathname}: XRPC calls are under /xrpc/` } });
  }

  const handler = (req: IncomingMessage, res: ServerResponse) => {
    onRequest(req, res).catch((error: unknown) => {
      deps.logger.error({ err: error, method: req.method, url: req.url }, 'bluesky emulator request failed');
      if (!res.headersSent) send(res, { status: 500, body: new XrpcError(500).body });
      else res.destroy();
    });
  };
  const server: Server = deps.tls ? createHttpsServer({ key: deps.tls.key, cert: deps.tls.cert }, handler) : createHttpServer(handler);

  return listenClosable(server, host, port, () => timers.clear());
}

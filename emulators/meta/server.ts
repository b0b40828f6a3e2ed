import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { Logger } from 'pino';
import type { ApiContext, ApiResult } from './api/context.js';
import { routeGraphRequest } from './api/route.js';
import { authenticate, readToken, type Caller, type TokenRegistry } from './auth.js';
import type { TlsMaterial } from '../x/cert.js';
import type { MetaEmulatorControl } from './control.js';
import { handleControlRequest } from './control-http.js';
import type { FaultAction, FaultRegistry } from './faults.js';
import { GraphError, graphError, invalidParameter, newTraceId } from './graph-errors.js';
import type { RequestLog, RequestLogEntry } from './request-log.js';
import type { MetaStore } from './store.js';
import { exhaustedHeaders, type UsageMeter } from './usage.js';
import type { WebhookDispatcher } from './webhooks/dispatcher.js';
import { encodeLikeMeta } from './webhooks/encode.js';
import { closableTimers, listenClosable } from '../shared/closable-server.js';
import { isControlPath, sendControlResult } from '../shared/control-http.js';

export interface ServerDeps {
  /** Serve HTTPS with this certificate; plain HTTP without. */
  tls: TlsMaterial | undefined;
  store: MetaStore;
  tokens: TokenRegistry;
  usage: UsageMeter;
  faults: FaultRegistry;
  log: RequestLog;
  dispatcher: WebhookDispatcher;
  control: MetaEmulatorControl;
  /** Version used in paging links of unversioned requests. */
  defaultVersion: string;
  now: () => number;
  logger: Logger;
}

export interface RunningServer {
  port: number;
  close(): Promise<void>;
}

interface Answer extends ApiResult {
  headers: Record<string, string>;
}

const VERSION_PREFIX = /^\/(v\d+\.\d+)(?=\/|$)/;
const REDACTED = '[redacted]';

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

/** Graph takes parameters from the query string and from a form or JSON body alike. */
function bodyParams(req: IncomingMessage, rawBody: string): Record<string, unknown> {
  if (rawBody.length === 0) return {};
  const type = req.headers['content-type'] ?? '';
  if (type.startsWith('application/json')) {
    let json: unknown;
    try {
      json = JSON.parse(rawBody);
    } catch {
      throw invalidParameter('The request body is not valid JSON');
    }
    if (typeof json !== 'object' || json === null || Array.isArray(json)) throw invalidParameter('The request body must be a JSON object');
    return json as Record<string, unknown>;
  }
  return Object.fromEntries(new URLSearchParams(rawBody));
}

const redact = (params: Record<string, unknown>): Record<string, unknown> => ('access_token' in params ? { ...params, access_token: REDACTED } : params);

export function startServer(deps: ServerDeps, host: string, port: number): Promise<RunningServer> {
  const timers = closableTimers();
  const later = timers.later;
  const sleep = timers.sleep;

  function callerOf(token: string | undefined): Caller | undefined {
    try {
      return authenticate(token, deps.tokens, deps.now());
    } catch {
      return undefined;
    }
  }

  /** What Graph itself does: authenticate, count usage, route. */
  function dispatch(
    req: IncomingMessage,
    method: string,
    path: string,
    version: string | null,
    params: Record<string, unknown>,
    entry: RequestLogEntry,
  ): Answer {
    const token = readToken(req.headers, params);
    const caller = authenticate(token, deps.tokens, deps.now());
    entry.token = caller.kind;
    const usage = deps.usage.consume(caller);
    if (usage.throttled) throw usage.throttled.withHeaders(usage.headers);
    const ctx: ApiContext = {
      store: deps.store,
      caller,
      params,
      now: deps.now,
      announce: (webhookEntry) => deps.dispatcher.announce(webhookEntry),
      baseUrl: `${deps.tls ? 'https' : 'http'}://${req.headers.host ?? host}/${version ?? deps.defaultVersion}`,
      linkParams: { access_token: token ?? '' },
    };
    try {
      return { ...routeGraphRequest(method, path, ctx), headers: usage.headers };
    } catch (error) {
      if (error instanceof GraphError) throw error.withHeaders(usage.headers);
      throw error;
    }
  }

  function faultError(fault: FaultAction, token: string | undefined): GraphError | undefined {
    if (fault.kind === 'error') {
      return graphError(fault.code, {
        ...(fault.subcode !== undefined ? { subcode: fault.subcode } : {}),
        ...(fault.status !== undefined ? { status: fault.status } : {}),
        ...(fault.message !== undefined ? { message: fault.message } : {}),
      });
    }
    if (fault.kind === 'rateLimit') return graphError(fault.code).withHeaders(exhaustedHeaders(callerOf(token), fault.minutesToRegainAccess ?? 60));
    return undefined;
  }

  /** Graph's answer, or the error `failure` stands for (an injected fault, a malformed body). */
  function answer(
    req: IncomingMessage,
    method: string,
    path: string,
    version: string | null,
    params: Record<string, unknown>,
    entry: RequestLogEntry,
    failure: GraphError | undefined,
  ): Answer {
    try {
      if (failure) throw failure;
      return dispatch(req, method, path, version, params, entry);
    } catch (error) {
      if (!(error instanceof GraphError)) throw error;
      entry.errorCode = error.code;
      const traceId = newTraceId();
      return { status: error.status, body: error.body(traceId), headers: { ...error.options.headers, 'x-fb-trace-id': traceId } };
    }
  }

  function send(res: ServerResponse, version: string, result: Answer): void {
    const json = encodeLikeMeta(result.body);
    res.writeHead(result.status, {
      ...result.headers,
      'content-type': 'application/json; charset=UTF-8',
      'facebook-api-version': version,
      'content-length': Buffer.byteLength(json),
    });
    res.end(json);
  }

  async function handleGraph(req: IncomingMessage, res: ServerResponse, url: URL, rawBody: string): Promise<void> {
    const method = (req.method ?? 'GET').toUpperCase();
    const versionMatch = VERSION_PREFIX.exec(url.pathname);
    const version = versionMatch?.[1] ?? null;
    const path = versionMatch ? url.pathname.slice(versionMatch[0].length) || '/' : url.pathname;
    const query = Object.fromEntries(url.searchParams);
    const entry = deps.log.add({
      at: new Date(deps.now()).toISOString(),
      method,
      path,
      version,
      query: redact(query) as Record<string, string>,
      body: undefined,
      status: null,
      outcome: 'pending',
    });
    let params: Record<string, unknown> = query;
    let malformed: GraphError | undefined;
    try {
      const body = bodyParams(req, rawBody);
      if (Object.keys(body).length > 0) entry.body = redact(body);
      params = { ...query, ...body };
    } catch (error) {
      if (!(error instanceof GraphError)) throw error;
      malformed = error;
    }
    const fault = deps.faults.take(method, path);
    if (fault?.kind === 'hang') {
      entry.outcome = 'hung';
      if (fault.destroyAfterMs !== undefined) later(fault.destroyAfterMs, () => req.socket.destroy());
      return;
    }
    if (fault?.kind === 'delay') await sleep(fault.delayMs);
    const failure = malformed ?? (fault && faultError(fault, readToken(req.headers, params)));
    const result = answer(req, method, path, version, params, entry, failure);
    entry.status = result.status;
    entry.finishedAt = new Date(deps.now()).toISOString();
    deps.logger.debug({ method, path, status: result.status, fault: fault?.kind }, 'meta graph request');
    if (fault?.kind === 'commitThenDrop') {
      entry.outcome = 'dropped';
      req.socket.destroy();
      return;
    }
    entry.outcome = 'answered';
    send(res, version ?? deps.defaultVersion, result);
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://emulator.invalid');
    const rawBody = await readBody(req);
    if (isControlPath(url.pathname)) {
      sendControlResult(res, await handleControlRequest(deps.control, req.method ?? 'GET', url.pathname, url.searchParams, rawBody));
      return;
    }
    await handleGraph(req, res, url, rawBody);
  }

  const listener = (req: IncomingMessage, res: ServerResponse): void => {
    onRequest(req, res).catch((error: unknown) => {
      deps.logger.error({ err: error, method: req.method, url: req.url }, 'meta emulator request failed');
      if (!res.headersSent) send(res, deps.defaultVersion, { status: 500, body: graphError(1).body(newTraceId()), headers: {} });
      else res.destroy();
    });
  };
  const server: Server = deps.tls ? createHttpsServer({ key: deps.tls.key, cert: deps.tls.cert }, listener) : createHttpServer(listener);

  return listenClosable(server, host, port, () => timers.clear());
}

import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import type { ApiRoute, Policy } from './api/route.js';
import { authenticate, type AppCredentials, type Caller } from './auth.js';
import type { TlsMaterial } from './cert.js';
import type { XEmulatorControl } from './control.js';
import { handleControlRequest } from './control-http.js';
import type { FaultAction, FaultRegistry } from './faults.js';
import { ApiError, genericProblem, tooManyRequests, unsupportedAppAuth, type ApiResult } from './problems.js';
import { rateLimitHeaders, type RateLimiter, type RateLimitRule } from './rate-limit.js';
import type { RequestLog, RequestLogEntry } from './request-log.js';
import { endpointKey, type Router } from './router.js';
import type { EmulatedUser, XStore } from './store.js';
import { closableTimers, listenClosable } from '../shared/closable-server.js';
import { isControlPath, sendControlResult } from '../shared/control-http.js';

export interface ServerDeps {
  tls: TlsMaterial;
  router: Router;
  /** Effective rate-limit rule per endpoint key (`GET /2/tweets/{id}`). */
  rules: ReadonlyMap<string, RateLimitRule>;
  app: AppCredentials;
  brand: EmulatedUser;
  store: XStore;
  policy: Policy;
  limiter: RateLimiter;
  faults: FaultRegistry;
  log: RequestLog;
  control: XEmulatorControl;
  now: () => number;
  logger: Logger;
}

export interface RunningServer {
  server: Server;
  port: number;
  close(): Promise<void>;
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function send(res: ServerResponse, result: ApiResult): void {
  const json = JSON.stringify(result.body);
  res.writeHead(result.status, {
    ...result.headers,
    'content-type': result.status >= 400 ? 'application/problem+json' : 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(json),
  });
  res.end(json);
}

function parseLoggedBody(raw: string): unknown {
  if (raw.length === 0) return undefined;
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return raw;
  }
}

/** Query and form-body parameters take part in the OAuth 1.0a signature; JSON bodies do not. */
function signedParams(req: IncomingMessage, url: URL, rawBody: string): [string, string][] {
  const params = [...url.searchParams];
  if ((req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded')) {
    params.push(...new URLSearchParams(rawBody));
  }
  return params;
}

export function startServer(deps: ServerDeps, host: string, port: number): Promise<RunningServer> {
  const timers = closableTimers();
  const later = timers.later;
  const sleep = timers.sleep;

  /** Everything X itself would do: route, authenticate, rate-limit, handle. */
  function dispatch(req: IncomingMessage, url: URL, rawBody: string, entry: RequestLogEntry): ApiResult {
    const method = req.method ?? 'GET';
    const match = deps.router.match(method, url.pathname);
    if (!match) throw new ApiError(404, genericProblem(404));
    const authority = (req.headers.host ?? '').toLowerCase().replace(/:443$/, '');
    const caller: Caller = authenticate(
      { method, baseUri: `https://${authority}${url.pathname}`, authorization: req.headers.authorization, params: signedParams(req, url, rawBody) },
      deps.app,
      deps.store,
    );
    if (caller.kind === 'user') entry.userId = caller.user.id;
    if (match.route.auth === 'user' && caller.kind === 'app') throw unsupportedAppAuth();
    const window = deps.limiter.consume(endpointKey(match.route), caller.kind === 'user' ? caller.user.id : 'app', ruleFor(match.route));
    const headers = rateLimitHeaders(window);
    if (window.exceeded) throw tooManyRequests(headers);
    try {
      const result = match.route.handle({
        params: match.params,
        query: Object.fromEntries(url.searchParams),
        rawBody,
        caller,
        store: deps.store,
        policy: deps.policy,
      });
      return { ...result, headers: { ...headers, ...result.headers } };
    } catch (error) {
      if (error instanceof ApiError) throw new ApiError(error.status, error.body, { ...headers, ...error.headers });
      throw error;
    }
  }

  const ruleFor = (route: ApiRoute): RateLimitRule => deps.rules.get(endpointKey(route)) ?? route.rateLimit;

  function faultResult(fault: FaultAction, method: string, url: URL): ApiResult | undefined {
    if (fault.kind === 'status') {
      return { status: fault.status, body: fault.body ?? genericProblem(fault.status) };
    }
    if (fault.kind === 'rateLimit') {
      const route = deps.router.match(method, url.pathname)?.route;
      const headers = rateLimitHeaders({
        limit: route ? ruleFor(route).limit : 0,
        remaining: 0,
        reset: Math.ceil(deps.now() / 1000 + fault.resetInSeconds),
      });
      return { status: 429, body: genericProblem(429), headers };
    }
    if (fault.kind === 'notYetVisible') return { status: 200, body: { meta: { result_count: 0 } } };
    return undefined;
  }

  async function handleApi(req: IncomingMessage, res: ServerResponse, url: URL, rawBody: string): Promise<void> {
    const method = req.method ?? 'GET';
    const entry = deps.log.add({
      at: new Date(deps.now()).toISOString(),
      method,
      path: url.pathname,
      query: Object.fromEntries(url.searchParams),
      body: parseLoggedBody(rawBody),
      status: null,
      outcome: 'pending',
    });
    const fault = deps.faults.take(method, url.pathname);
    if (fault?.kind === 'hang') {
      entry.outcome = 'hung';
      if (fault.destroyAfterMs !== undefined) later(fault.destroyAfterMs, () => req.socket.destroy());
      return;
    }
    if (fault?.kind === 'delay') await sleep(fault.delayMs);
    let result: ApiResult;
    try {
      result = (fault && faultResult(fault, method, url)) ?? dispatch(req, url, rawBody, entry);
    } catch (error) {
      if (error instanceof ApiError) {
        result = { status: error.status, body: error.body, headers: error.headers };
      } else {
        deps.logger.error({ err: error, method, path: url.pathname }, 'x emulator handler failed');
        result = { status: 500, body: genericProblem(500) };
      }
    }
    entry.status = result.status;
    deps.logger.debug({ method, path: url.pathname, status: result.status, fault: fault?.kind }, 'x api request');
    if (fault?.kind === 'commitThenDrop') {
      entry.outcome = 'dropped';
      entry.finishedAt = new Date(deps.now()).toISOString();
      req.socket.destroy();
      return;
    }
    entry.outcome = 'answered';
    entry.finishedAt = new Date(deps.now()).toISOString();
    send(res, result);
  }

  async function onRequest(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'https://emulator.invalid');
    const rawBody = await readBody(req);
    if (isControlPath(url.pathname)) {
      sendControlResult(res, handleControlRequest(deps.control, deps.brand, req.method ?? 'GET', url.pathname, url.searchParams, rawBody));
      return;
    }
    await handleApi(req, res, url, rawBody);
  }

  const server = createServer({ key: deps.tls.key, cert: deps.tls.cert }, (req, res) => {
    onRequest(req, res).catch((error: unknown) => {
      deps.logger.error({ err: error, method: req.method, url: req.url }, 'x emulator request failed');
      if (!res.headersSent) send(res, { status: 500, body: genericProblem(500) });
      else res.destroy();
    });
  });

  return listenClosable(server, host, port, () => timers.clear()).then((listening) => ({ ...listening, server }));
}

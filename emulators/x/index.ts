import { randomBytes } from 'node:crypto';
import { pino, type Logger } from 'pino';
import { apiRoutes } from './api/index.js';
import type { Policy } from './api/route.js';
import { generateLocalCertificate, type TlsMaterial } from './cert.js';
import { createControl, type XEmulatorControl } from './control.js';
import { FaultRegistry } from './faults.js';
import { RateLimiter, type RateLimitRule } from './rate-limit.js';
import { RequestLog } from './request-log.js';
import { endpointKey, Router } from './router.js';
import { startServer } from './server.js';
import { XStore, type EmulatedUser } from './store.js';

export interface XCredentials {
  /** OAuth 1.0a consumer key and secret of the app Earshot runs as. */
  appKey: string;
  appSecret: string;
  /** OAuth 1.0a access token and secret of the brand account. */
  accessToken: string;
  accessSecret: string;
  /** App-only Bearer token, accepted by the read endpoints whose spec allows it. */
  bearerToken: string;
}

export interface XEmulatorOptions {
  /** The watched account (default @acme_support, "Acme Support"). */
  brand?: { username?: string; name?: string; profileImageUrl?: string; followersCount?: number };
  /** Fixed credentials, e.g. for a sandbox whose .env must stay valid across restarts; random otherwise. */
  credentials?: Partial<XCredentials>;
  /** `false` switches limits off (headers are still sent); an object overrides rules by endpoint key, e.g. `{ 'GET /2/users/{id}/mentions': { limit: 10, windowSeconds: 900 } }`. */
  rateLimits?: false | Record<string, RateLimitRule>;
  /** X's self-serve reply rule (default true). */
  replyRestriction?: boolean;
  /** Clock for ids, timestamps and rate-limit windows (default Date.now). */
  now?: () => number;
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Default: silent. */
  logger?: Logger;
  /** Reuse a certificate (e.g. the sandbox's, already trusted through NODE_EXTRA_CA_CERTS); a fresh one otherwise. */
  tls?: TlsMaterial;
}

export interface XEmulator {
  /** Prefix for twitter-api-v2: `https://127.0.0.1:PORT/2/`. */
  baseUrl: string;
  /** `https://127.0.0.1:PORT`; the control API is under `${origin}/_emulator/`. */
  origin: string;
  /** PEM of the self-signed certificate to trust (https.Agent `ca` or NODE_EXTRA_CA_CERTS). */
  ca: string;
  brand: EmulatedUser;
  credentials: XCredentials;
  control: XEmulatorControl;
  close(): Promise<void>;
}

const secret = (bytes: number): string => randomBytes(bytes).toString('base64url');

export async function startXEmulator(options: XEmulatorOptions = {}): Promise<XEmulator> {
  const now = options.now ?? Date.now;
  const store = new XStore(now);
  const fixed = options.credentials ?? {};
  const brand = store.addUser({
    username: options.brand?.username ?? 'acme_support',
    name: options.brand?.name ?? 'Acme Support',
    ...(options.brand?.profileImageUrl !== undefined ? { profileImageUrl: options.brand.profileImageUrl } : {}),
    followersCount: options.brand?.followersCount ?? 12_000,
    ...(fixed.accessToken !== undefined ? { accessToken: fixed.accessToken } : {}),
    ...(fixed.accessSecret !== undefined ? { accessSecret: fixed.accessSecret } : {}),
  });
  const credentials: XCredentials = {
    appKey: fixed.appKey ?? secret(18),
    appSecret: fixed.appSecret ?? secret(37),
    accessToken: brand.accessToken,
    accessSecret: brand.accessSecret,
    bearerToken: fixed.bearerToken ?? `AAAAAAAAAAAAAAAAAAAAA${secret(60)}`,
  };
  const policy: Policy = { replyRestriction: options.replyRestriction ?? true };
  const limiter = new RateLimiter(now, options.rateLimits !== false);
  const rules = new Map(Object.entries(options.rateLimits === false ? {} : (options.rateLimits ?? {})));
  const endpoints = apiRoutes.map(endpointKey);
  for (const key of rules.keys()) {
    if (!endpoints.includes(key)) throw new Error(`rateLimits: unknown endpoint "${key}"; one of: ${endpoints.join(', ')}`);
  }
  const faults = new FaultRegistry();
  const log = new RequestLog();
  const control = createControl({ store, brand, faults, limiter, log, policy });
  const host = options.host ?? '127.0.0.1';
  const tls = options.tls ?? (await generateLocalCertificate());
  const running = await startServer(
    {
      tls,
      router: new Router(apiRoutes),
      rules,
      app: credentials,
      brand,
      store,
      policy,
      limiter,
      faults,
      log,
      control,
      now,
      logger: options.logger ?? pino({ level: 'silent' }),
    },
    host,
    options.port ?? 0,
  );
  const origin = `https://${host}:${running.port}`;
  return {
    baseUrl: `${origin}/2/`,
    origin,
    ca: tls.cert,
    brand: structuredClone(brand),
    credentials,
    control,
    close: () => running.close(),
  };
}

export type { XEmulatorControl, PostInput, DmInput, EmulatorSettings } from './control.js';
export type { FaultSpec, FaultAction } from './faults.js';
export type { RateLimitRule } from './rate-limit.js';
export type { TlsMaterial } from './cert.js';
export type { RequestLogEntry, RequestFilter } from './request-log.js';
export type { EmulatedUser, EmulatedPost, EmulatedDmEvent, NewUser } from './store.js';
export { MENTIONS_TIMELINE_CAP } from './store.js';
export { apiRoutes } from './api/index.js';
export type { ApiRoute } from './api/route.js';

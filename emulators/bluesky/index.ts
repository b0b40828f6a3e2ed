import { pino, type Logger } from 'pino';
import { generateLocalCertificate, type TlsMaterial } from '../x/cert.js';
import { createControl, type BlueskyEmulatorControl } from './control.js';
import { FaultRegistry } from './faults.js';
import { xrpcMethods } from './methods/index.js';
import type { ServiceInfo } from './methods/method.js';
import { RateLimiter } from './rate-limit.js';
import { RequestLog } from './request-log.js';
import { startServer } from './server.js';
import { Sessions } from './sessions.js';
import { BlueskyStore, type EmulatedAccount } from './store.js';

/** What Earshot logs in with: `identifier` may also be the email; `password` is an app password. */
export interface BlueskyCredentials {
  identifier: string;
  email: string;
  password: string;
}

export interface BlueskyEmulatorOptions {
  /** The watched account (default acme-support.bsky.social, "Acme Support"). */
  brand?: { handle?: string; displayName?: string; description?: string; avatar?: string; followersCount?: number };
  /** Fixed app password of the brand, e.g. for a sandbox whose .env must stay valid across restarts; random otherwise. */
  appPassword?: string;
  /** `false` switches rate limits off (headers are still sent). */
  rateLimits?: boolean;
  /** Access token lifetime (default 7200 s, as the PDS). */
  accessTokenSeconds?: number;
  /** Refresh token lifetime (default 90 days). */
  refreshTokenSeconds?: number;
  /** Clock for timestamps, TIDs, token expiry and rate-limit windows (default Date.now). */
  now?: () => number;
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Default: silent. */
  logger?: Logger;
  /** Serve HTTPS: `true` for a fresh self-signed certificate, or one to reuse (e.g. trusted through NODE_EXTRA_CA_CERTS). Plain HTTP by default. */
  tls?: true | TlsMaterial;
}

export interface BlueskyEmulator {
  /** `http://127.0.0.1:PORT` (or https): the `service` of AtpAgent / CredentialSession. The control API is under `${service}/_emulator/`. */
  service: string;
  /** PEM of the certificate to trust, when serving HTTPS. */
  ca?: string;
  brand: EmulatedAccount;
  credentials: BlueskyCredentials;
  control: BlueskyEmulatorControl;
  close(): Promise<void>;
}

export async function startBlueskyEmulator(options: BlueskyEmulatorOptions = {}): Promise<BlueskyEmulator> {
  const now = options.now ?? Date.now;
  const host = options.host ?? '127.0.0.1';
  const store = new BlueskyStore(now);
  const brand = store.addAccount({
    handle: options.brand?.handle ?? 'acme-support.bsky.social',
    displayName: options.brand?.displayName ?? 'Acme Support',
    description: options.brand?.description ?? 'Help from the Acme team, weekdays 8–18.',
    ...(options.brand?.avatar !== undefined ? { avatar: options.brand.avatar } : {}),
    followersCount: options.brand?.followersCount ?? 12_000,
    ...(options.appPassword !== undefined ? { appPassword: options.appPassword } : {}),
  });
  const service: ServiceInfo = { origin: '', did: `did:web:${host}` };
  const sessions = new Sessions(
    now,
    { accessSeconds: options.accessTokenSeconds ?? 7200, refreshSeconds: options.refreshTokenSeconds ?? 90 * 86_400 },
    service.did,
  );
  const limiter = new RateLimiter(now, options.rateLimits ?? true);
  const faults = new FaultRegistry();
  const log = new RequestLog();
  const control = createControl({ store, brand, sessions, faults, limiter, log, now });
  const tls = options.tls === true ? await generateLocalCertificate() : options.tls;
  const running = await startServer(
    {
      ...(tls ? { tls } : {}),
      methods: new Map(xrpcMethods.map((m) => [m.nsid, m])),
      store,
      sessions,
      limiter,
      faults,
      log,
      control,
      service,
      now,
      logger: options.logger ?? pino({ level: 'silent' }),
    },
    host,
    options.port ?? 0,
  );
  service.origin = `${tls ? 'https' : 'http'}://${host}:${running.port}`;
  return {
    service: service.origin,
    ...(tls ? { ca: tls.cert } : {}),
    brand: structuredClone(brand),
    credentials: { identifier: brand.handle, email: brand.email, password: brand.appPassword },
    control,
    close: () => running.close(),
  };
}

export type { BlueskyEmulatorControl, PostInput, EmulatedPost, EmulatedRecord, EmulatorSettings } from './control.js';
export type { FaultSpec, FaultAction } from './faults.js';
export type { RequestLogEntry, RequestFilter } from './request-log.js';
export type { EmulatedAccount, EmulatedNotification, NewAccount, NotificationReason } from './store.js';
export type { TlsMaterial } from '../x/cert.js';
export { xrpcMethods } from './methods/index.js';
export type { XrpcMethod } from './methods/method.js';

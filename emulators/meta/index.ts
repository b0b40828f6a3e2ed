import { randomBytes } from 'node:crypto';
import { pino, type Logger } from 'pino';
import type { TokenKind, TokenRegistry } from './auth.js';
import { generateLocalCertificate, type TlsMaterial } from '../x/cert.js';
import { createControl, type MetaEmulatorControl } from './control.js';
import { FaultRegistry } from './faults.js';
import { IdFactory } from './ids.js';
import { RequestLog } from './request-log.js';
import { startServer } from './server.js';
import { MetaStore, type InstagramAccount, type PageProfile } from './store.js';
import { UsageMeter } from './usage.js';
import { WebhookDispatcher } from './webhooks/dispatcher.js';

export interface MetaCredentials {
  appId: string;
  /** Signs webhooks (`X-Hub-Signature-256`). */
  appSecret: string;
  /** What the subscription check sends as `hub.verify_token`. */
  verifyToken: string;
  /** Page access token: the Page, its posts and comments, Messenger, and Instagram through the Page. */
  pageAccessToken: string;
  /** Instagram Login token: the Instagram account, its media, comments and DMs. */
  instagramAccessToken: string;
}

export interface MetaEmulatorOptions {
  page?: Partial<Omit<PageProfile, 'accessToken'>>;
  instagram?: Partial<Omit<InstagramAccount, 'accessToken'>>;
  /** Fixed credentials, e.g. for a sandbox whose .env must stay valid across restarts; random otherwise. */
  credentials?: Partial<MetaCredentials>;
  webhook?: {
    /** The app's callback URL (already subscribed; use control.subscribe to run Meta's check first). */
    url?: string;
    /** Default: 1 s, 10 s, 1 min, 5 min, 30 min (Meta retries with decreasing frequency for up to 36 hours). */
    retryDelaysMs?: number[];
    /** Default 20 s. */
    timeoutMs?: number;
    /** Default 0: notifications made in the same tick leave together. */
    batchWindowMs?: number;
  };
  /** Graph calls per hour per Page or account before throttling (default 4800); false: unlimited. */
  rateLimitPerHour?: number | false;
  /** Default 'https' (with `tls`, or a fresh self-signed certificate). */
  protocol?: 'https' | 'http';
  tls?: TlsMaterial;
  /** Version for paging links of unversioned requests and for `graphUrl` (default v21.0). */
  version?: string;
  /** Clock for timestamps, the messaging window and usage windows (default Date.now). */
  now?: () => number;
  host?: string;
  /** Default 0: a free port. */
  port?: number;
  /** Default: silent. */
  logger?: Logger;
}

export interface MetaEmulator {
  /** `https://127.0.0.1:PORT`; the control API is under `${origin}/_emulator/`. */
  origin: string;
  /** `${origin}/v21.0`: the Graph API base URL (graph.facebook.com and graph.instagram.com alike). */
  graphUrl: string;
  /** PEM of the certificate to trust (https.Agent `ca` or NODE_EXTRA_CA_CERTS); undefined over HTTP. */
  ca: string | undefined;
  page: PageProfile;
  instagram: InstagramAccount;
  credentials: MetaCredentials;
  control: MetaEmulatorControl;
  close(): Promise<void>;
}

const secret = (bytes: number): string => randomBytes(bytes).toString('hex');
/** Meta's access tokens are long opaque strings starting with EAA (Facebook) or IG (Instagram Login). */
const token = (prefix: string): string => `${prefix}${randomBytes(90).toString('base64url')}`;

export async function startMetaEmulator(options: MetaEmulatorOptions = {}): Promise<MetaEmulator> {
  const now = options.now ?? Date.now;
  const ids = new IdFactory();
  const fixed = options.credentials ?? {};
  const page: PageProfile = {
    id: options.page?.id ?? ids.page(),
    name: options.page?.name ?? 'Acme Support',
    username: options.page?.username ?? 'acmesupport',
    category: options.page?.category ?? 'Product/service',
    accessToken: fixed.pageAccessToken ?? token('EAA'),
  };
  const instagram: InstagramAccount = {
    id: options.instagram?.id ?? ids.instagramAccount(),
    username: options.instagram?.username ?? 'acme_support',
    name: options.instagram?.name ?? page.name,
    accessToken: fixed.instagramAccessToken ?? token('IGAA'),
  };
  const credentials: MetaCredentials = {
    appId: fixed.appId ?? String(1_000_000_000_000_000 + randomBytes(4).readUInt32BE()),
    appSecret: fixed.appSecret ?? secret(16),
    verifyToken: fixed.verifyToken ?? secret(12),
    pageAccessToken: page.accessToken,
    instagramAccessToken: instagram.accessToken,
  };
  const store = new MetaStore(ids, now, page, instagram);
  const tokens: TokenRegistry = { page, instagram, expiredAt: new Map<TokenKind, number>() };
  const usage = new UsageMeter(now, options.rateLimitPerHour ?? 4800);
  const dispatcher = new WebhookDispatcher(
    {
      url: options.webhook?.url,
      appSecret: credentials.appSecret,
      retryDelaysMs: options.webhook?.retryDelaysMs ?? [1_000, 10_000, 60_000, 300_000, 1_800_000],
      timeoutMs: options.webhook?.timeoutMs ?? 20_000,
      batchWindowMs: options.webhook?.batchWindowMs ?? 0,
    },
    now,
  );
  const faults = new FaultRegistry();
  const log = new RequestLog();
  const control = createControl({ store, dispatcher, faults, log, usage, tokens, verifyToken: credentials.verifyToken, now });
  const protocol = options.protocol ?? 'https';
  const tls = protocol === 'https' ? (options.tls ?? (await generateLocalCertificate())) : undefined;
  const host = options.host ?? '127.0.0.1';
  const version = options.version ?? 'v21.0';
  const running = await startServer(
    { tls, store, tokens, usage, faults, log, dispatcher, control, defaultVersion: version, now, logger: options.logger ?? pino({ level: 'silent' }) },
    host,
    options.port ?? 0,
  );
  const origin = `${protocol}://${host}:${running.port}`;
  return {
    origin,
    graphUrl: `${origin}/${version}`,
    ca: tls?.cert,
    page: structuredClone(page),
    instagram: structuredClone(instagram),
    credentials,
    control,
    close: async () => {
      dispatcher.close();
      await running.close();
    },
  };
}

export type { MetaEmulatorControl, MetaEmulatorSettings } from './control.js';
export type { FaultSpec, FaultAction } from './faults.js';
export type { RequestLogEntry, RequestFilter } from './request-log.js';
export type { DeliveryRecord, DeliveryAttempt, DeliveryState } from './webhooks/dispatcher.js';
export type { VerificationResult } from './webhooks/verify-subscription.js';
export type { GraphErrorBody } from './graph-errors.js';
export type { TokenKind } from './auth.js';
export type { TlsMaterial } from '../x/cert.js';
export type {
  PageProfile,
  InstagramAccount,
  FacebookUser,
  InstagramUser,
  Post,
  FacebookComment,
  InstagramMedia,
  InstagramComment,
  Message,
  MessageChannel,
} from './store.js';

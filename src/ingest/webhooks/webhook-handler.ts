import type { IncomingHttpHeaders } from 'node:http';
import type { Logger } from '../../log/create-logger.js';
import type { SocialPost } from '../../channels/social-channel.js';
import type { Platform } from '../../generated/prisma/enums.js';

/** A webhook request as it arrived: its headers and the exact bytes of its body. */
export interface WebhookRequest {
  readonly headers: IncomingHttpHeaders;
  readonly rawBody: Buffer;
}

/** `unsigned`: no signature at all (answered 401); `forged`: a signature that does not match (answered 403). */
export type WebhookVerification = { ok: true } | { ok: false; refusal: 'unsigned' | 'forged'; reason: string };

/** The answer to a GET on the webhook's URL: the network's check that the URL is ours before it subscribes it. */
export interface WebhookHandshakeAnswer {
  status: number;
  contentType: string;
  body: string;
}

/** A delivery as stored in the inbox, handed to its network's handler. */
export interface StoredWebhookDelivery {
  readonly id: string;
  readonly network: string;
  readonly receivedAt: Date;
  /** The body exactly as received. */
  readonly body: string;
  /** The headers the handler asked to keep (`keptHeaders`), lower-case names. */
  readonly headers: Readonly<Record<string, string>>;
}

/**
 * One network's webhooks, registered by its adapter: how a request is proven to come from the
 * network, and what a stored delivery becomes. The inbox does the rest (size limit, storage,
 * deduplication, acknowledgement, the job, retries, retention).
 */
export interface WebhookHandler {
  /** Its URL is `/webhooks/<network>`; stored deliveries carry it. */
  readonly network: string;
  /** Request headers kept with each delivery to re-verify or debug it (lower-case names; never secrets). */
  readonly keptHeaders: readonly string[];
  /** Whether the request comes from the network (its signature over the raw body); runs before anything is stored. */
  readonly verify: (request: WebhookRequest) => WebhookVerification;
  /** Answers `GET /webhooks/<network>`; without it there is no GET route. */
  readonly handshake?: (query: URLSearchParams) => WebhookHandshakeAnswer;
  /**
   * Turns a delivery into Earshot's data. It runs at least once per delivery, and again when a crash
   * came before the delivery was marked processed: it must be idempotent. Throwing retries it later.
   */
  readonly process: (delivery: StoredWebhookDelivery, context: { logger: Logger }) => Promise<void>;
}

/** Stores posts a network pushed (webhooks) through the same ingestion as polled ones: each post once, whoever brings it first. */
export type IngestPushedPosts = (network: Platform, posts: readonly SocialPost[]) => Promise<void>;

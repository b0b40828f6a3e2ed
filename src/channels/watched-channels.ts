import type { Config } from '../config/load-config.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../log/create-logger.js';
import type { IngestPushedPosts, WebhookHandler } from '../ingest/webhooks/webhook-handler.js';
import { createBlueskyChannel } from './bluesky/bluesky-channel.js';
import { createFacebookChannel } from './meta/facebook-channel.js';
import { createGraphClient } from './meta/graph-client.js';
import { createInstagramChannel } from './meta/instagram-channel.js';
import { createMetaWebhookHandler } from './meta/meta-webhook-handler.js';
import { databaseSessionVault } from './session-vault.js';
import type { SocialChannel } from './social-channel.js';
import { createXChannel } from './x/x-channel.js';
import type { XCallObserver } from './x/x-call-counter.js';

/** A network Earshot watches: its adapter, and how often its account is read. */
export interface WatchedChannel {
  channel: SocialChannel;
  /** How often mentions (and direct messages, within the network's limit) are read. */
  pollIntervalMs: number;
  /** A poll still running after this long is abandoned, and the next one runs. */
  pollTimeoutMs: number;
}

export interface WatchedChannelOptions {
  logger: Logger;
  /** Where adapters keep their network logins across restarts; without it every start logs in. */
  prisma?: Database['prisma'];
  /** Told how every X API call ended (metrics). */
  onXCall?: XCallObserver;
}

export interface WatchedChannels {
  readonly watched: WatchedChannel[];
  /** The handlers of the networks that push events (`/webhooks/<network>`), storing what they bring with `ingest`. */
  readonly webhookHandlers: (ingest: IngestPushedPosts) => WebhookHandler[];
}

/** The adapters of the networks the configuration has credentials for, one account each. */
export function createWatchedChannels(config: Config, { logger, prisma, onXCall }: WatchedChannelOptions): WatchedChannels {
  const watched: WatchedChannel[] = [];
  if (config.x) {
    const x = createXChannel({
      apiUrl: config.x.apiUrl,
      credentials: config.x,
      logger,
      readTimeoutMs: config.x.readTimeoutMs,
      writeTimeoutMs: config.x.writeTimeoutMs,
      ...(onXCall ? { onCall: onXCall } : {}),
    });
    watched.push({ channel: x, pollIntervalMs: config.x.pollIntervalSeconds * 1000, pollTimeoutMs: config.x.pollTimeoutMs });
  }
  if (config.bluesky) {
    const bluesky = createBlueskyChannel({
      service: config.bluesky.service,
      credentials: { identifier: config.bluesky.identifier, appPassword: config.bluesky.appPassword },
      logger,
      readTimeoutMs: config.bluesky.readTimeoutMs,
      writeTimeoutMs: config.bluesky.writeTimeoutMs,
      ...(prisma ? { sessionVault: databaseSessionVault(prisma, 'bluesky', config.bluesky.appPassword) } : {}),
    });
    watched.push({ channel: bluesky, pollIntervalMs: config.bluesky.pollIntervalSeconds * 1000, pollTimeoutMs: config.bluesky.pollTimeoutMs });
  }
  const meta = config.metaAccounts;
  const graph = meta
    ? createGraphClient({ graphUrl: meta.graphUrl, accessToken: meta.pageToken, readTimeoutMs: meta.readTimeoutMs, writeTimeoutMs: meta.writeTimeoutMs })
    : undefined;
  const metaPolling = meta ? { pollIntervalMs: meta.pollIntervalSeconds * 1000, pollTimeoutMs: meta.pollTimeoutMs } : undefined;
  const facebook = graph && meta?.facebookPageId ? createFacebookChannel({ graph, pageId: meta.facebookPageId, logger }) : undefined;
  const instagram = graph && meta?.instagramAccountId ? createInstagramChannel({ graph, accountId: meta.instagramAccountId, logger }) : undefined;
  if (facebook && metaPolling) watched.push({ channel: facebook, ...metaPolling });
  if (instagram && metaPolling) watched.push({ channel: instagram, ...metaPolling });
  return {
    watched,
    webhookHandlers: (ingest) => (config.meta ? [createMetaWebhookHandler(config.meta, { facebook, instagram, ingest })] : []),
  };
}

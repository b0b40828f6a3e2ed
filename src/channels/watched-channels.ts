import type { Config } from '../config/load-config.js';
import type { Database } from '../db/database.js';
import type { Logger } from '../log/create-logger.js';
import { createBlueskyChannel } from './bluesky/bluesky-channel.js';
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

/** The adapters of the networks the configuration has credentials for, one account each. */
export function createWatchedChannels(config: Config, { logger, prisma, onXCall }: WatchedChannelOptions): WatchedChannel[] {
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
  return watched;
}

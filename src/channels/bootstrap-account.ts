import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../db/database.js';
import type { WatchedAccount } from '../ingest/ingest-posts.js';
import type { Logger } from '../log/create-logger.js';
import type { SocialChannel } from './social-channel.js';

/**
 * The watched account is whoever the channel's credentials belong to. Retries until the network
 * answers (an outage at start-up must not stop Earshot); bad credentials are logged with how to fix them.
 */
export async function bootstrapAccount(
  prisma: Database['prisma'],
  channel: SocialChannel,
  logger: Logger,
  signal: AbortSignal,
): Promise<WatchedAccount & { handle: string }> {
  const { network } = channel;
  for (let attempt = 0; ; attempt += 1) {
    try {
      const me = await channel.whoAmI();
      const account = await prisma.socialAccount.upsert({
        where: { platform_externalId: { platform: network.id, externalId: me.id } },
        create: { platform: network.id, externalId: me.id, handle: me.handle, displayName: me.name ?? null },
        update: { handle: me.handle, displayName: me.name ?? null },
      });
      logger.info({ handle: account.handle, network: network.id }, `watching @${account.handle} on ${network.name}`);
      return { id: account.id, platform: account.platform, externalId: account.externalId, handle: account.handle };
    } catch (error) {
      const failure = network.classifyError(error);
      const wait = failure.retryAt ? Math.max(1_000, failure.retryAt.getTime() - Date.now()) : Math.min(300_000, 2_000 * 2 ** attempt);
      logger.error({ kind: failure.kind, retryInMs: wait }, `cannot identify the watched ${network.name} account: ${failure.plainMessage}`);
      await sleep(wait, undefined, { signal });
    }
  }
}

import { setTimeout as sleep } from 'node:timers/promises';
import type { Database } from '../../db/database.js';
import { classifyXError } from '../../domain/x-errors.js';
import type { WatchedAccount } from '../../ingest/ingest-posts.js';
import type { Logger } from '../../log/create-logger.js';
import type { SocialChannel } from '../social-channel.js';
import { toXFailure } from './x-failure.js';

/**
 * The watched account is whoever the X credentials belong to. Retries until X answers (a network
 * outage at start-up must not stop Earshot); bad credentials are logged with how to fix them.
 */
export async function bootstrapAccount(
  prisma: Database['prisma'],
  channel: SocialChannel,
  logger: Logger,
  signal: AbortSignal,
): Promise<WatchedAccount & { handle: string }> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const me = await channel.whoAmI();
      const account = await prisma.socialAccount.upsert({
        where: { platform_externalId: { platform: channel.platform, externalId: me.id } },
        create: { platform: channel.platform, externalId: me.id, handle: me.handle, displayName: me.name ?? null },
        update: { handle: me.handle, displayName: me.name ?? null },
      });
      logger.info({ handle: account.handle }, `watching @${account.handle} on X`);
      return { id: account.id, platform: account.platform, externalId: account.externalId, handle: account.handle };
    } catch (error) {
      const failure = classifyXError(toXFailure(error));
      const wait = failure.retryAt ? Math.max(1_000, failure.retryAt.getTime() - Date.now()) : Math.min(300_000, 2_000 * 2 ** attempt);
      logger.error({ kind: failure.kind, retryInMs: wait }, `cannot identify the watched X account: ${failure.plainMessage}`);
      await sleep(wait, undefined, { signal });
    }
  }
}

import type { TwitterApiv2, TwitterResponse } from 'twitter-api-v2';
import { isSameXPostText } from './x-post-text.js';
import type { Logger } from '../../log/create-logger.js';
import type { DirectMessageChannel, FetchedDirectMessages, SocialDirectMessage, SocialUser } from '../social-channel.js';
import { compareIds, dmEventQuery, readDmEvent, xDmEventsPageSchema, xSentDmSchema } from './x-dm.js';
import { RateLimitedError } from '../rate-limited-error.js';
import { xUserSchema } from './x-schemas.js';

/** Pages read at most per fetch; X keeps 30 days of DM events, 100 per page. */
const maxPages = 20;
/** Pages read at most when looking for a DM an earlier attempt may have sent. */
const maxLookupPages = 3;
/** Clocks differ: a DM X dated slightly before the attempt started still counts. */
const clockSkewMs = 60_000;
/** X allows 15 reads of the DM event list per 15 minutes per user. */
const minPollIntervalMs = 60_000;

/** X's direct-message endpoints (one-to-one conversations only). */
export function createXDirectMessages(
  client: TwitterApiv2,
  prefix: string,
  logger: Logger,
  { readTimeoutMs, writeTimeoutMs }: { readTimeoutMs: number; writeTimeoutMs: number },
): DirectMessageChannel {
  async function readPage(path: string, paginationToken: string | undefined) {
    const response: TwitterResponse<unknown> = await client.get(
      path,
      { ...dmEventQuery, ...(paginationToken ? { pagination_token: paginationToken } : {}) },
      { prefix, fullResponse: true, timeout: readTimeoutMs },
    );
    const page = xDmEventsPageSchema.parse(response.data);
    const users: SocialUser[] = [];
    for (const raw of page.includes?.users ?? []) {
      const user = xUserSchema.safeParse(raw);
      if (user.success) {
        users.push({
          id: user.data.id,
          handle: user.data.username,
          name: user.data.name,
          profileImageUrl: user.data.profile_image_url,
          followerCount: user.data.public_metrics?.followers_count,
        });
      }
    }
    return { page, users, budget: response.rateLimit };
  }

  return {
    minPollIntervalMs,

    async fetchDirectMessages(accountId, { afterEventId, notBefore }) {
      const collected: SocialDirectMessage[] = [];
      const rejected: FetchedDirectMessages['rejected'] = [];
      let newestId: string | undefined;
      let paginationToken: string | undefined;
      let pages = 0;
      // Newest first: read until the cursor (or, without one, `notBefore`) is reached.
      for (;;) {
        const { page, users, budget } = await readPage('dm_events', paginationToken);
        pages += 1;
        let reachedEnd = false;
        for (const raw of page.data ?? []) {
          const id = (raw as { id?: unknown } | null)?.id;
          if (typeof id === 'string' && /^\d+$/.test(id)) {
            if (afterEventId && compareIds(id, afterEventId) <= 0) {
              reachedEnd = true;
              break;
            }
            if (!newestId || compareIds(id, newestId) > 0) newestId = id;
          }
          const reading = readDmEvent(raw, users, accountId);
          if (reading.kind === 'rejected') rejected.push({ raw, problem: reading.problem });
          else if (reading.kind === 'message') {
            if (!afterEventId && reading.message.createdAt < notBefore) {
              reachedEnd = true;
              break;
            }
            collected.push(reading.message);
          }
        }
        paginationToken = page.meta?.next_token;
        if (reachedEnd || !paginationToken) break;
        if (pages >= maxPages) {
          logger.warn({ pages }, 'stopped reading older direct messages: too many since the last poll');
          break;
        }
        if (budget && budget.remaining <= 0) {
          // Nothing is ingested and the cursor stays: the whole range is read again after the reset.
          throw new RateLimitedError(new Date(budget.reset * 1000));
        }
      }
      for (const item of rejected) logger.error({ problem: item.problem, raw: item.raw }, 'X sent a direct-message event Earshot cannot read; skipped');
      collected.sort((a, b) => compareIds(a.id, b.id));
      return { messages: collected, newestId, rejected };
    },

    async sendDirectMessage({ participantId, text }) {
      const sent = xSentDmSchema.parse(
        await client.post(`dm_conversations/with/${encodeURIComponent(participantId)}/messages`, { text }, { prefix, timeout: writeTimeoutMs }),
      );
      return { id: sent.data.dm_event_id, dmConversationId: sent.data.dm_conversation_id };
    },

    async findOwnDirectMessage(accountId, { participantId, text, notBefore }) {
      const since = notBefore.getTime() - clockSkewMs;
      let paginationToken: string | undefined;
      for (let pages = 0; pages < maxLookupPages; pages += 1) {
        const { page, users } = await readPage(`dm_conversations/with/${encodeURIComponent(participantId)}/dm_events`, paginationToken);
        let older = false;
        for (const raw of page.data ?? []) {
          const reading = readDmEvent(raw, users, accountId);
          if (reading.kind !== 'message') continue;
          const message = reading.message;
          if (message.createdAt.getTime() < since) {
            older = true;
            break;
          }
          if (message.fromAccount && message.participantId === participantId && isSameXPostText(message.text, text)) {
            return { id: message.id, dmConversationId: message.dmConversationId };
          }
        }
        paginationToken = page.meta?.next_token;
        if (older || !paginationToken) break;
      }
      return undefined;
    },
  };
}

import { TwitterApi, type TwitterResponse } from 'twitter-api-v2';
import { isSameXPostText } from './x-post-text.js';
import type { Logger } from '../../log/create-logger.js';
import type { DirectMessageChannel, FetchedPosts, SocialChannel, SocialPost, SocialUser } from '../social-channel.js';
import { xCallCounter, type XCallObserver } from './x-call-counter.js';
import { createXDirectMessages } from './x-dm-api.js';
import { xNetwork } from './x-network.js';
import { RateLimitedError } from '../rate-limited-error.js';
import {
  xMediaSchema,
  xMeSchema,
  xPostedTweetSchema,
  xTimelinePageSchema,
  xTweetSchema,
  xUserSchema,
  type XMedia,
  type XTweet,
  type XUser,
} from './x-schemas.js';

export interface XCredentials {
  apiKey: string;
  apiSecret: string;
  accessToken: string;
  accessSecret: string;
}

export interface XChannelOptions {
  /** X API v2 base URL, e.g. https://api.x.com/2/ (an emulator's in tests and the sandbox). */
  apiUrl: string;
  credentials: XCredentials;
  logger: Logger;
  /** A read X has not answered in this long is abandoned (a poll then fails and the next one runs). */
  readTimeoutMs?: number;
  /** Writes that take longer are abandoned; their outcome is then unknown and looked up before a retry. */
  writeTimeoutMs?: number;
  /** Told how every call ended (metrics). */
  onCall?: XCallObserver;
}

/** Clocks differ: a post X dated slightly before the attempt started still counts. */
const clockSkewMs = 60_000;
/** Pages of the account's own posts read at most when looking for a reply an earlier attempt may have posted. */
const maxLookupPages = 10;
/** X's mention timeline reaches only this many recent mentions. */
const mentionTimelineReach = 800;

const timelineQuery = {
  max_results: 100,
  expansions: 'author_id,referenced_tweets.id,in_reply_to_user_id,attachments.media_keys',
  'tweet.fields': 'author_id,conversation_id,created_at,in_reply_to_user_id,referenced_tweets,entities,attachments',
  'user.fields': 'username,name,profile_image_url,public_metrics',
  'media.fields': 'type,url,preview_image_url',
};

/** X offers direct messages. */
export type XChannel = SocialChannel & { readonly directMessages: DirectMessageChannel };

export function createXChannel({ apiUrl, credentials, logger, readTimeoutMs = 10_000, writeTimeoutMs = 15_000, onCall }: XChannelOptions): XChannel {
  const client = new TwitterApi(
    {
      appKey: credentials.apiKey,
      appSecret: credentials.apiSecret,
      accessToken: credentials.accessToken,
      accessSecret: credentials.accessSecret,
    },
    onCall ? { plugins: [xCallCounter(onCall)] } : {},
  ).v2;
  const prefix = apiUrl;
  // twitter-api-v2's timeout is the socket's idle time: a read that never answers fails after it.
  const read = { prefix, timeout: readTimeoutMs };

  async function fetchTimeline(path: string, sinceId: string | undefined): Promise<FetchedPosts> {
    const collected = new Map<string, SocialPost>();
    const rejected: FetchedPosts['rejected'] = [];
    let newestId: string | undefined;
    let paginationToken: string | undefined;
    do {
      const response: TwitterResponse<unknown> = await client.get(
        path,
        { ...timelineQuery, ...(sinceId ? { since_id: sinceId } : {}), ...(paginationToken ? { pagination_token: paginationToken } : {}) },
        { ...read, fullResponse: true },
      );
      const page = xTimelinePageSchema.parse(response.data);
      newestId ??= page.meta.newest_id;
      const users = parseEach(page.includes?.users ?? [], xUserSchema, rejected);
      const media = parseEach(page.includes?.media ?? [], xMediaSchema, rejected);
      for (const tweet of parseEach(page.data ?? [], xTweetSchema, rejected)) {
        const post = toSocialPost(tweet, users, media, tweet);
        if (post) collected.set(post.id, post);
        else rejected.push({ raw: tweet, problem: 'author missing from includes.users' });
      }
      paginationToken = page.meta.next_token;
      const budget = response.rateLimit;
      if (paginationToken && budget && budget.remaining <= 0) {
        // Never exceed the budget: keep what was fetched, leave the cursor where it was, resume later.
        throw new RateLimitedError(new Date(budget.reset * 1000), sortOldestFirst([...collected.values()]));
      }
    } while (paginationToken);
    for (const item of rejected) logger.error({ problem: item.problem, raw: item.raw }, 'X sent an item Earshot cannot read; skipped');
    return { posts: sortOldestFirst([...collected.values()]), newestId, rejected };
  }

  return {
    network: xNetwork,

    async whoAmI() {
      const me = xMeSchema.parse(await client.get('users/me', { 'user.fields': 'username,name,profile_image_url,public_metrics' }, read));
      return toSocialUser(me.data);
    },

    async fetchMentions(accountId, sinceId) {
      const mentions = await fetchTimeline(`users/${accountId}/mentions`, sinceId);
      if (sinceId && mentions.posts.length >= mentionTimelineReach) {
        logger.warn(
          { fetched: mentions.posts.length },
          `X returns only the ${mentionTimelineReach} most recent mentions: older mentions since the last poll may be missing`,
        );
      }
      return mentions;
    },
    fetchOwnPosts: (accountId, sinceId) => fetchTimeline(`users/${accountId}/tweets`, sinceId),

    async sendPublicReply({ text, inReplyToId }) {
      const posted = xPostedTweetSchema.parse(
        await client.post('tweets', { text, reply: { in_reply_to_tweet_id: inReplyToId } }, { prefix, timeout: writeTimeoutMs }),
      );
      return { id: posted.data.id };
    },

    async findOwnReply(accountId, { text, inReplyToId, notBefore }) {
      let paginationToken: string | undefined;
      let pages = 0;
      do {
        const response: unknown = await client.get(
          `users/${accountId}/tweets`,
          {
            ...timelineQuery,
            start_time: new Date(notBefore.getTime() - clockSkewMs).toISOString(),
            ...(paginationToken ? { pagination_token: paginationToken } : {}),
          },
          read,
        );
        const page = xTimelinePageSchema.parse(response);
        pages += 1;
        const users = parseEach(page.includes?.users ?? [], xUserSchema, []);
        for (const tweet of parseEach(page.data ?? [], xTweetSchema, [])) {
          const repliesTo = tweet.referenced_tweets?.some((reference) => reference.type === 'replied_to' && reference.id === inReplyToId);
          if (repliesTo && isSameXPostText(tweet.text, text)) return toSocialPost(tweet, users, [], tweet);
        }
        paginationToken = page.meta.next_token;
      } while (paginationToken && pages < maxLookupPages);
      if (paginationToken) logger.warn({ inReplyToId, pages }, "stopped looking for an earlier attempt's reply after the page limit");
      return undefined;
    },

    directMessages: createXDirectMessages(client, prefix, logger, { readTimeoutMs, writeTimeoutMs }),
  };
}

function parseEach<T>(
  items: unknown[],
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { message: string } } },
  rejected: FetchedPosts['rejected'],
): T[] {
  const parsed: T[] = [];
  for (const item of items) {
    const result = schema.safeParse(item);
    if (result.success) parsed.push(result.data);
    else rejected.push({ raw: item, problem: result.error.message });
  }
  return parsed;
}

function toSocialUser(user: XUser): SocialUser {
  return {
    id: user.id,
    handle: user.username,
    name: user.name,
    profileImageUrl: user.profile_image_url,
    followerCount: user.public_metrics?.followers_count,
  };
}

function toSocialPost(tweet: XTweet, users: XUser[], media: XMedia[], raw: unknown): SocialPost | undefined {
  const author = users.find((user) => user.id === tweet.author_id);
  if (!author) return undefined;
  const mediaKeys = tweet.attachments?.media_keys ?? [];
  return {
    id: tweet.id,
    conversationId: tweet.conversation_id ?? tweet.id,
    author: toSocialUser(author),
    text: tweet.text,
    createdAt: tweet.created_at ? new Date(tweet.created_at) : new Date(),
    inReplyToPostId: tweet.referenced_tweets?.find((reference) => reference.type === 'replied_to')?.id,
    quotedPostId: tweet.referenced_tweets?.find((reference) => reference.type === 'quoted')?.id,
    urls: (tweet.entities?.urls ?? [])
      .filter((entity) => !entity.media_key)
      .map((entity) => ({ url: entity.url, expandedUrl: entity.expanded_url ?? entity.url, displayUrl: entity.display_url ?? entity.url })),
    media: mediaKeys.map((key) => {
      const item = media.find((candidate) => candidate.media_key === key);
      return { key, type: item?.type, url: item?.url ?? item?.preview_image_url };
    }),
    raw,
  };
}

function sortOldestFirst(posts: SocialPost[]): SocialPost[] {
  return posts.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : BigInt(a.id) > BigInt(b.id) ? 1 : 0));
}

import { RichText } from '@atproto/api';
import type { Logger } from '../../log/create-logger.js';
import type { SessionVault } from '../session-vault.js';
import type { FetchedPosts, SocialChannel, SocialPost, SocialUser } from '../social-channel.js';
import { BlueskyPostGoneError } from './bluesky-errors.js';
import { postAuthorHandle, postRecordKey, postUriWithDid } from './bluesky-links.js';
import { blueskyNetwork } from './bluesky-network.js';
import { isSameBlueskyPostText } from './bluesky-post-text.js';
import { blueskyLinks } from './bluesky-rich-text.js';
import {
  blueskyFeedPageSchema,
  blueskyNotificationPageSchema,
  blueskyNotificationSchema,
  blueskyPostRecordSchema,
  blueskyPostsSchema,
  blueskyPostViewSchema,
  blueskyProfileSchema,
  blueskyResolvedHandleSchema,
  blueskyServedPostSchema,
  type BlueskyPostRecord,
  type BlueskyPostView,
  type BlueskyProfile,
} from './bluesky-schemas.js';
import { createBlueskySession, type BlueskyCredentials } from './bluesky-session.js';

export interface BlueskyChannelOptions {
  /** The PDS (or entryway) the account logs in to, e.g. https://bsky.social (an emulator's in tests and the sandbox). */
  service: string;
  credentials: BlueskyCredentials;
  logger: Logger;
  /** A read Bluesky has not answered in this long is abandoned (a poll then fails and the next one runs). */
  readTimeoutMs?: number;
  /** Writes that take longer are abandoned; their outcome is then unknown and looked up before a retry. */
  writeTimeoutMs?: number;
  /** The clock that dates the brand's posts (their record's createdAt). */
  now?: () => Date;
  /** Keeps the login across restarts (createSession is limited to 30 per 5 minutes). */
  sessionVault?: SessionVault;
}

/** Notifications that are posts speaking to the account; likes, follows and reposts are not. */
const conversationReasons = ['mention', 'reply', 'quote'];
/** Pages read at most per poll or look-up (100 items each). */
const maxPages = 10;
const pageSize = 100;
/** app.bsky.feed.getPosts takes at most this many URIs a call. */
const getPostsLimit = 25;
/** Clocks differ: a post indexed slightly before the attempt started still counts. */
const clockSkewMs = 60_000;

/**
 * The Bluesky adapter. Mentions, replies and quotes come from the account's notifications; the
 * poll cursor is the newest notification's indexedAt, and the account's own posts are bounded by
 * record key (TIDs sort by time). Post ids are AT URIs; a thread is named by its root's URI.
 */
export function createBlueskyChannel({
  service,
  credentials,
  logger,
  readTimeoutMs = 10_000,
  writeTimeoutMs = 15_000,
  now = () => new Date(),
  sessionVault,
}: BlueskyChannelOptions): SocialChannel {
  const session = createBlueskySession({ service, credentials, logger, readTimeoutMs, writeTimeoutMs, vault: sessionVault });
  const { agent } = session;

  function reportRejected(rejected: FetchedPosts['rejected']): void {
    for (const item of rejected) logger.error({ problem: item.problem, raw: item.raw }, 'Bluesky sent an item Earshot cannot read; skipped');
  }

  /** The account's own posts and replies, newest first, page by page, until `enough` says so. */
  async function readOwnFeed(
    accountId: string,
    visit: (post: BlueskyPostView, record: BlueskyPostRecord) => 'more' | 'stop',
    rejected: FetchedPosts['rejected'],
  ) {
    let cursor: string | undefined;
    let pages = 0;
    let stopped = false;
    do {
      const { data } = await agent.app.bsky.feed.getAuthorFeed({
        actor: accountId,
        filter: 'posts_with_replies',
        limit: pageSize,
        ...(cursor ? { cursor } : {}),
      });
      const page = blueskyFeedPageSchema.parse(data);
      pages += 1;
      for (const item of page.feed) {
        if (item.reason !== undefined) continue; // a repost: someone else's post
        const post = blueskyPostViewSchema.safeParse(item.post);
        const record = post.success ? blueskyPostRecordSchema.safeParse(post.data.record) : undefined;
        if (!post.success || !record?.success) {
          rejected.push({ raw: item.post, problem: (post.success ? record?.error?.message : post.error.message) ?? 'unreadable post' });
          continue;
        }
        if (visit(post.data, record.data) === 'stop') stopped = true;
      }
      cursor = page.cursor;
    } while (cursor && !stopped && pages < maxPages);
    return { exhausted: !cursor || stopped };
  }

  return {
    network: blueskyNetwork,

    async whoAmI() {
      const { did } = await session.ensureLoggedIn();
      const { data } = await agent.app.bsky.actor.getProfile({ actor: did });
      return toSocialUser(blueskyProfileSchema.parse(data));
    },

    async fetchMentions(_accountId, sinceId) {
      await session.ensureLoggedIn();
      const since = sinceId === undefined ? undefined : Date.parse(sinceId);
      const collected = new Map<string, { post: SocialPost; indexedAt: number }>();
      const rejected: FetchedPosts['rejected'] = [];
      let newest: string | undefined;
      let cursor: string | undefined;
      let pages = 0;
      let reachedSince = false;
      do {
        const { data } = await agent.app.bsky.notification.listNotifications({ limit: pageSize, reasons: conversationReasons, ...(cursor ? { cursor } : {}) });
        const page = blueskyNotificationPageSchema.parse(data);
        pages += 1;
        for (const raw of page.notifications) {
          const notification = blueskyNotificationSchema.safeParse(raw);
          if (!notification.success) {
            rejected.push({ raw, problem: notification.error.message });
            continue;
          }
          const { uri, author, reason, record: rawRecord, indexedAt } = notification.data;
          const indexed = Date.parse(indexedAt);
          // Equal times are read again: the poller ignores duplicates, and nothing indexed in the same millisecond is lost.
          if (since !== undefined && indexed < since) {
            reachedSince = true;
            continue;
          }
          if (newest === undefined || indexed > Date.parse(newest)) newest = indexedAt;
          if (!conversationReasons.includes(reason) || postRecordKey(uri) === undefined) continue;
          const record = blueskyPostRecordSchema.safeParse(rawRecord);
          if (!record.success) {
            rejected.push({ raw, problem: record.error.message });
            continue;
          }
          collected.set(uri, { post: toSocialPost(uri, author, record.data, raw), indexedAt: indexed });
        }
        cursor = page.cursor;
      } while (cursor && !reachedSince && pages < maxPages);
      if (cursor && !reachedSince)
        logger.warn({ pages }, `read the ${pages * pageSize} newest Bluesky notifications; older mentions since the last poll may be missing`);
      reportRejected(rejected);
      if (newest !== undefined) await markSeen(newest);
      const posts = [...collected.values()].sort((a, b) => a.indexedAt - b.indexedAt).map(({ post }) => post);
      return { posts, newestId: newest, rejected };
    },

    async fetchOwnPosts(accountId, sinceId) {
      await session.ensureLoggedIn();
      const sinceKey = sinceId === undefined ? undefined : postRecordKey(sinceId);
      const found: SocialPost[] = [];
      const rejected: FetchedPosts['rejected'] = [];
      await readOwnFeed(
        accountId,
        (post, record) => {
          const key = postRecordKey(post.uri);
          if (key === undefined) return 'more';
          if (sinceKey !== undefined && key <= sinceKey) return 'stop';
          found.push(toSocialPost(post.uri, post.author, record, post));
          return 'more';
        },
        rejected,
      );
      reportRejected(rejected);
      const posts = found.sort((a, b) => compareKeys(a.id, b.id));
      return { posts, newestId: posts.at(-1)?.id, rejected };
    },

    async sendPublicReply({ text, inReplyToId }) {
      await session.ensureLoggedIn();
      const { data } = await agent.app.bsky.feed.getPosts({ uris: [inReplyToId] });
      const parentView = blueskyPostsSchema
        .parse(data)
        .posts.map((post) => blueskyPostViewSchema.safeParse(post))
        .find((post) => post.success)?.data;
      if (!parentView || parentView.uri !== inReplyToId) throw new BlueskyPostGoneError(inReplyToId);
      const parent = { uri: parentView.uri, cid: parentView.cid };
      // A reply names its thread's root: the parent's own root when the parent is itself a reply.
      const root = blueskyPostRecordSchema.parse(parentView.record).reply?.root ?? parent;
      const rich = new RichText({ text });
      await rich.detectFacets(agent);
      const created = await agent.post({
        text: rich.text,
        ...(rich.facets?.length ? { facets: rich.facets } : {}),
        reply: { root, parent },
        createdAt: now().toISOString(),
      });
      return { id: blueskyPostViewSchema.shape.uri.parse(created.uri) };
    },

    async findDeletedPosts(postIds) {
      await session.ensureLoggedIn();
      const deleted: string[] = [];
      for (let start = 0; start < postIds.length; start += getPostsLimit) {
        const uris = postIds.slice(start, start + getPostsLimit);
        const { data } = await agent.app.bsky.feed.getPosts({ uris });
        // getPosts leaves out the posts it cannot find: the posts Earshot already read, it no longer has.
        const served = new Set(blueskyPostsSchema.parse(data).posts.flatMap((post) => blueskyServedPostSchema.safeParse(post).data?.uri ?? []));
        deleted.push(...uris.filter((uri) => !served.has(uri)));
      }
      return deleted;
    },

    async storedPostId(postIdFromLink) {
      const handle = postAuthorHandle(postIdFromLink);
      if (handle === undefined) return postIdFromLink;
      const { data } = await agent.com.atproto.identity.resolveHandle({ handle });
      return postUriWithDid(postIdFromLink, blueskyResolvedHandleSchema.parse(data).did);
    },

    async findOwnReply(accountId, { text, inReplyToId, notBefore }) {
      await session.ensureLoggedIn();
      const earliest = notBefore.getTime() - clockSkewMs;
      let match: SocialPost | undefined;
      const { exhausted } = await readOwnFeed(
        accountId,
        (post, record) => {
          if (Date.parse(post.indexedAt) < earliest) return 'stop';
          if (!match && record.reply?.parent.uri === inReplyToId && isSameBlueskyPostText(record.text, text))
            match = toSocialPost(post.uri, post.author, record, post);
          return match ? 'stop' : 'more';
        },
        [],
      );
      if (!match && !exhausted) logger.warn({ inReplyToId }, "stopped looking for an earlier attempt's reply after the page limit");
      return match;
    },
  };

  async function markSeen(seenAt: string): Promise<void> {
    try {
      await agent.app.bsky.notification.updateSeen({ seenAt });
    } catch (error) {
      // Only the Bluesky app's unread badge depends on it; Earshot's own cursor is stored by the poller.
      logger.warn({ err: error }, 'could not mark Bluesky notifications as seen');
    }
  }
}

function toSocialUser(profile: BlueskyProfile): SocialUser {
  return { id: profile.did, handle: profile.handle, name: profile.displayName, profileImageUrl: profile.avatar, followerCount: profile.followersCount };
}

function toSocialPost(uri: string, author: BlueskyProfile, record: BlueskyPostRecord, raw: unknown): SocialPost {
  const quoted = record.embed?.record;
  return {
    id: uri,
    conversationId: record.reply?.root.uri ?? uri,
    author: toSocialUser(author),
    text: record.text,
    createdAt: new Date(record.createdAt),
    inReplyToPostId: record.reply?.parent.uri,
    quotedPostId: quoted?.uri ?? quoted?.record?.uri,
    urls: blueskyLinks(record.text, record.facets),
    media: [],
    raw,
  };
}

function compareKeys(a: string, b: string): number {
  const [keyA, keyB] = [postRecordKey(a) ?? '', postRecordKey(b) ?? ''];
  return keyA < keyB ? -1 : keyA > keyB ? 1 : 0;
}

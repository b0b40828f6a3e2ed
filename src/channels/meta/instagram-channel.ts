import type { Logger } from '../../log/create-logger.js';
import type { FetchedPosts, SocialChannel, SocialPost } from '../social-channel.js';
import { GraphApiError, type GraphClient } from './graph-client.js';
import { isUnreadable, MetaCommentGoneError } from './graph-errors.js';
import { instagramNetwork } from './instagram-network.js';
import { CLOCK_SKEW_MS, newerThanCursor } from './meta-polling.js';
import {
  createdSchema,
  graphListSchema,
  instagramAccountSchema,
  instagramCommentSchema,
  instagramMediaSchema,
  instagramMentionedCommentSchema,
  type InstagramComment,
} from './meta-schemas.js';
import { isSameMetaCommentText, metaLinks } from './meta-text.js';

export interface InstagramChannel extends SocialChannel {
  /** One comment on the account's media, read in full. */
  /** The account's id: whose notifications this channel reads. */
  readonly ownerId: string;
  readComment(commentId: string): Promise<SocialPost>;
  /** A comment that @mentions the account on someone else's media (what a `mentions` notification names). */
  readMention(commentId: string): Promise<SocialPost>;
}

export interface InstagramChannelOptions {
  graph: GraphClient;
  accountId: string;
  logger: Logger;
}

const COMMENT_FIELDS = 'id,text,timestamp,from{id,username},parent_id';
const RECENT_MEDIA = 25;
const COMMENTS_PER_MEDIA = 50;

/**
 * The Instagram adapter (a professional account reached through its Facebook Page's token).
 * Comments on the account's media are its conversations: a top-level comment starts one, its
 * replies join it (Instagram has one level of replies). Webhooks bring them; the poll reads the
 * recent media's comments and replies, the account's own among them.
 */
export function createInstagramChannel({ graph, accountId, logger }: InstagramChannelOptions): InstagramChannel {
  const readComment = async (commentId: string): Promise<SocialPost> => {
    try {
      return toSocialPost(instagramCommentSchema.parse(await graph.get(commentId, { fields: COMMENT_FIELDS })));
    } catch (error) {
      if (isUnreadable(error)) throw new MetaCommentGoneError(commentId);
      throw error;
    }
  };

  const readMentionedComment = async (commentId: string) => {
    const account = (await graph.get(accountId, {
      fields: `mentioned_comment.comment_id(${commentId}){id,text,timestamp,media{id,username}}`,
    })) as { mentioned_comment?: unknown };
    return instagramMentionedCommentSchema.parse(account.mentioned_comment);
  };

  return {
    network: instagramNetwork,
    ownerId: accountId,
    readComment,

    async readMention(commentId) {
      const mention = await readMentionedComment(commentId);
      // Graph does not say who wrote a mention; on a customer's own media (where mentions are) its owner did.
      const author = mention.media.username ?? 'unknown';
      return {
        id: mention.id,
        conversationId: mention.id,
        author: { id: `media-owner:${author}`, handle: author },
        text: mention.text,
        createdAt: new Date(mention.timestamp),
        urls: metaLinks(mention.text),
        media: [],
        raw: mention,
      };
    },

    async whoAmI() {
      const account = instagramAccountSchema.parse(await graph.get(accountId, { fields: 'id,username,name,profile_picture_url,followers_count' }));
      return {
        id: account.id,
        handle: account.username,
        name: account.name,
        profileImageUrl: account.profile_picture_url,
        followerCount: account.followers_count,
      };
    },

    async fetchMentions(_accountId, sinceId) {
      const media = graphListSchema.parse(
        await graph.get(`${accountId}/media`, {
          fields: `id,comments.limit(${COMMENTS_PER_MEDIA}){${COMMENT_FIELDS},replies{${COMMENT_FIELDS}}}`,
          limit: String(RECENT_MEDIA),
        }),
      );
      const found: SocialPost[] = [];
      const rejected: FetchedPosts['rejected'] = [];
      const read = (raw: unknown) => {
        const comment = instagramCommentSchema.safeParse(raw);
        if (!comment.success) {
          rejected.push({ raw, problem: comment.error.message });
          return;
        }
        found.push(toSocialPost(comment.data));
        for (const reply of comment.data.replies?.data ?? []) read(reply);
      };
      for (const raw of media.data) {
        const item = instagramMediaSchema.safeParse(raw);
        if (item.success) for (const comment of item.data.comments?.data ?? []) read(comment);
        else rejected.push({ raw, problem: item.error.message });
      }
      for (const item of rejected) logger.error({ problem: item.problem }, 'Instagram sent a comment Earshot cannot read; skipped');
      return newerThanCursor(found, sinceId, rejected);
    },

    // The account's own replies come with the mentions' poll (same reads); nothing more to read.
    async fetchOwnPosts(_accountId, sinceId) {
      return { posts: [], newestId: sinceId, rejected: [] };
    },

    async sendPublicReply({ text, inReplyToId }) {
      // Instagram has one level of replies: a reply to a reply goes under the top-level comment.
      const target = await readComment(inReplyToId).catch(async (error: unknown) => {
        if (!(error instanceof MetaCommentGoneError)) throw error;
        return undefined;
      });
      if (target) return createdSchema.parse(await graph.post(`${target.conversationId}/replies`, { message: text }));
      // Not on the account's media: a comment that mentions the account elsewhere is answered through the mentions edge.
      const mention = await readMentionedComment(inReplyToId).catch((error: unknown) => {
        throw error instanceof GraphApiError && error.code === 100 ? new MetaCommentGoneError(inReplyToId) : error;
      });
      return createdSchema.parse(await graph.post(`${accountId}/mentions`, { comment_id: mention.id, media_id: mention.media.id, message: text }));
    },

    async findOwnReply(ownId, { text, inReplyToId, notBefore }) {
      const target = await readComment(inReplyToId).catch((error: unknown) => {
        if (error instanceof MetaCommentGoneError) return undefined;
        throw error;
      });
      // Replies under another account's media cannot be read: an earlier attempt's reply to a mention stays unknown.
      if (!target) return undefined;
      const replies = graphListSchema.parse(await graph.get(`${target.conversationId}/replies`, { fields: COMMENT_FIELDS }));
      const earliest = notBefore.getTime() - CLOCK_SKEW_MS;
      for (const raw of replies.data) {
        const reply = instagramCommentSchema.safeParse(raw);
        if (!reply.success || reply.data.from.id !== ownId) continue;
        if (Date.parse(reply.data.timestamp) >= earliest && isSameMetaCommentText(text, reply.data.text)) return toSocialPost(reply.data);
      }
      return undefined;
    },
  };
}

/** A comment as Earshot stores it: its thread is the top-level comment it sits under (or itself). */
export function toSocialPost(comment: InstagramComment): SocialPost {
  const { replies: _replies, ...raw } = comment;
  return {
    id: comment.id,
    conversationId: comment.parent_id ?? comment.id,
    author: { id: comment.from.id, handle: comment.from.username },
    text: comment.text,
    createdAt: new Date(comment.timestamp),
    inReplyToPostId: comment.parent_id,
    urls: metaLinks(comment.text),
    media: [],
    raw,
  };
}

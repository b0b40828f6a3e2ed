import type { Logger } from '../../log/create-logger.js';
import type { FetchedPosts, SocialChannel, SocialPost } from '../social-channel.js';
import { facebookNetwork } from './facebook-network.js';
import type { GraphClient } from './graph-client.js';
import { isUnreadable, MetaCommentGoneError } from './graph-errors.js';
import { CLOCK_SKEW_MS, newerThanCursor } from './meta-polling.js';
import { createdSchema, facebookCommentSchema, facebookFeedPostSchema, facebookPageSchema, graphListSchema, type FacebookComment } from './meta-schemas.js';
import { isSameMetaCommentText, metaLinks } from './meta-text.js';

export interface FacebookChannel extends SocialChannel {
  /** One comment, read in full (a notification that lacks its text or author). */
  /** The Page's id: whose notifications this channel reads. */
  readonly ownerId: string;
  readComment(commentId: string): Promise<SocialPost>;
}

export interface FacebookChannelOptions {
  graph: GraphClient;
  pageId: string;
  logger: Logger;
}

const COMMENT_FIELDS = 'id,message,created_time,from{id,name},parent{id}';
/** The reconciliation poll reads the comments of the Page's most recent posts. */
const RECENT_POSTS = 25;
const COMMENTS_PER_POST = 100;

/**
 * The Facebook Page adapter. Comments on the Page's posts are its conversations: a top-level
 * comment starts one (its id names the thread), replies under it join it. Webhooks bring them; the
 * poll reads the recent posts' comments, the Page's own among them (replies made on Facebook).
 */
export function createFacebookChannel({ graph, pageId, logger }: FacebookChannelOptions): FacebookChannel {
  const readComment = async (commentId: string): Promise<SocialPost> => {
    try {
      return toSocialPost(facebookCommentSchema.parse(await graph.get(commentId, { fields: COMMENT_FIELDS })));
    } catch (error) {
      if (isUnreadable(error)) throw new MetaCommentGoneError(commentId);
      throw error;
    }
  };

  return {
    network: facebookNetwork,
    ownerId: pageId,
    readComment,

    async whoAmI() {
      const page = facebookPageSchema.parse(await graph.get(pageId, { fields: 'id,name,username' }));
      return { id: page.id, handle: page.username ?? page.name, name: page.name };
    },

    async fetchMentions(_accountId, sinceId) {
      const feed = graphListSchema.parse(
        await graph.get(`${pageId}/feed`, {
          fields: `id,comments.filter(stream).order(reverse_chronological).limit(${COMMENTS_PER_POST}){${COMMENT_FIELDS}}`,
          limit: String(RECENT_POSTS),
        }),
      );
      const found: SocialPost[] = [];
      const rejected: FetchedPosts['rejected'] = [];
      for (const raw of feed.data) {
        const post = facebookFeedPostSchema.safeParse(raw);
        if (!post.success) {
          rejected.push({ raw, problem: post.error.message });
          continue;
        }
        for (const rawComment of post.data.comments?.data ?? []) {
          const comment = facebookCommentSchema.safeParse(rawComment);
          if (comment.success) found.push(toSocialPost(comment.data));
          else rejected.push({ raw: rawComment, problem: comment.error.message });
        }
      }
      for (const item of rejected) logger.error({ problem: item.problem }, 'Facebook sent a comment Earshot cannot read; skipped');
      return newerThanCursor(found, sinceId, rejected);
    },

    // The Page's own comments come with the mentions' poll (same reads); nothing more to read.
    async fetchOwnPosts(_accountId, sinceId) {
      return { posts: [], newestId: sinceId, rejected: [] };
    },

    async sendPublicReply({ text, inReplyToId }) {
      return createdSchema.parse(await graph.post(`${inReplyToId}/comments`, { message: text }));
    },

    async findOwnReply(accountId, { text, inReplyToId, notBefore }) {
      // A reply to a reply joins the top-level comment: the Page's reply is among the latter's.
      const target = await readComment(inReplyToId);
      const thread = target.conversationId;
      const replies = graphListSchema.parse(
        await graph.get(`${thread}/comments`, { fields: COMMENT_FIELDS, order: 'reverse_chronological', limit: String(COMMENTS_PER_POST) }),
      );
      const earliest = notBefore.getTime() - CLOCK_SKEW_MS;
      for (const raw of replies.data) {
        const reply = facebookCommentSchema.safeParse(raw);
        if (!reply.success || reply.data.from.id !== accountId) continue;
        if (Date.parse(reply.data.created_time) >= earliest && isSameMetaCommentText(text, reply.data.message)) return toSocialPost(reply.data);
      }
      return undefined;
    },
  };
}

/** A comment as Earshot stores it: its thread is the top-level comment it sits under (or itself). */
export function toSocialPost(comment: FacebookComment): SocialPost {
  return {
    id: comment.id,
    conversationId: comment.parent?.id ?? comment.id,
    author: { id: comment.from.id, handle: comment.from.name, name: comment.from.name },
    text: comment.message,
    createdAt: new Date(comment.created_time),
    inReplyToPostId: comment.parent?.id,
    urls: metaLinks(comment.message),
    media: [],
    raw: comment,
  };
}

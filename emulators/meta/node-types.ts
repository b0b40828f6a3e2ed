import { invalidParameter } from './graph-errors.js';
import { graphTime } from './ids.js';
import type {
  Conversation,
  FacebookComment,
  FacebookUser,
  InstagramAccount,
  InstagramComment,
  InstagramMedia,
  InstagramUser,
  Message,
  MessageChannel,
  MetaStore,
  PageProfile,
  Post,
} from './store.js';

/** The objects Graph returns, by kind; a kind decides which fields and edges a node has. */
interface NodeValues {
  page: PageProfile;
  post: Post;
  comment: FacebookComment;
  /** A Facebook user as a comment's `from`: never readable on its own. */
  facebookUser: FacebookUser;
  /** A Facebook user through their PSID (User Profile API for Messenger). */
  messengerProfile: FacebookUser;
  instagramAccount: InstagramAccount;
  /** An Instagram user through their Instagram-scoped id (profile API for Instagram messaging). */
  instagramUser: InstagramUser;
  /** `from` of an Instagram comment: id and username of the customer or of the brand's account. */
  igCommentFrom: { id: string; username: string };
  media: InstagramMedia;
  mediaComment: InstagramComment;
  /** A comment on someone else's media that @mentions the brand, read through `mentioned_comment`. */
  mentionedComment: InstagramComment;
  conversation: Conversation;
  message: Message;
  /** Sender or recipient of a Messenger message: the Page or a customer. */
  messengerParty: { id: string; name: string };
}

export type NodeKind = keyof NodeValues;
export type GraphNode = { [K in NodeKind]: { kind: K; value: NodeValues[K] } }[NodeKind];

export const node = <K extends NodeKind>(kind: K, value: NodeValues[K]): GraphNode => ({ kind, value }) as GraphNode;

export type Scalar = string | number | boolean;

export interface NodeContext {
  store: MetaStore;
}

/** A scalar, a node (rendered as an object), or a list of nodes (rendered as `{ data: [...] }`). */
export type FieldValue = Scalar | GraphNode | GraphNode[] | undefined;

type FieldResolver<V> = (value: V, ctx: NodeContext, modifiers: Record<string, string>) => FieldValue;

export interface EdgeItems {
  items: { seq: number; createdAt: string; node: GraphNode }[];
  /** Creation order ascending (oldest first) or descending. */
  order: 'asc' | 'desc';
}

export interface EdgeDefinition<V> {
  /** Parameters the edge takes besides limit/after/before (filter, order, summary, since, until). */
  options: readonly string[];
  list(value: V, ctx: NodeContext, options: Record<string, string>): EdgeItems;
  summary?(value: V, ctx: NodeContext, options: Record<string, string>, total: number): Record<string, Scalar>;
}

export interface NodeType<V> {
  /** The name Graph uses in "nonexisting field … on node type (…)". */
  graphName: string;
  /** Returned when the request names no fields. */
  defaultFields: readonly string[];
  /** Returned for a node inside another (`from`, `parent`) when no braces name its fields; defaultFields otherwise. */
  embeddedFields?: readonly string[];
  fields: { id: (value: V, ctx: NodeContext, modifiers: Record<string, string>) => string } & Record<string, FieldResolver<V>>;
  edges?: Record<string, EdgeDefinition<V>>;
}

const FILTERS = ['toplevel', 'stream'];
const ORDERS = ['chronological', 'reverse_chronological'];

function oneOf(name: string, allowed: readonly string[], raw: string | undefined, fallback: string): string {
  if (raw === undefined) return fallback;
  if (!allowed.includes(raw)) throw invalidParameter(`${name} must be one of the following values: ${allowed.join(', ')}`);
  return raw;
}

/** `since` / `until`: unix seconds or a date string, as Graph's time-based paging takes them. */
function timeBound(name: string, raw: string | undefined): number | undefined {
  if (raw === undefined) return undefined;
  const ms = /^\d+$/.test(raw) ? Number(raw) * 1000 : Date.parse(raw);
  if (Number.isNaN(ms)) throw invalidParameter(`The parameter ${name} is not a valid time`);
  return ms;
}

function withinTime<T extends { createdAt: string }>(items: T[], options: Record<string, string>): T[] {
  const since = timeBound('since', options.since);
  const until = timeBound('until', options.until);
  return items.filter((item) => {
    const at = Date.parse(item.createdAt);
    return (since === undefined || at >= since) && (until === undefined || at <= until);
  });
}

/** Facebook comments, oldest first unless `order=reverse_chronological`. */
function commentItems(comments: FacebookComment[], options: Record<string, string>): EdgeItems {
  const chronological = oneOf('order', ORDERS, options.order, 'chronological') === 'chronological';
  const items = withinTime(comments, options).map((c) => ({ seq: c.seq, createdAt: c.createdAt, node: node('comment', c) }));
  return chronological ? { items, order: 'asc' } : { items: items.reverse(), order: 'desc' };
}

const commentSummary = (options: Record<string, string>, total: number, canComment: boolean): Record<string, Scalar> => ({
  order: oneOf('order', ORDERS, options.order, 'chronological'),
  total_count: total,
  can_comment: canComment,
});

const COMMENT_EDGE_OPTIONS = ['filter', 'order', 'summary', 'since', 'until'] as const;

function authorNode(store: MetaStore, authorId: string): GraphNode | undefined {
  if (authorId === store.page.id) return node('page', store.page);
  const user = store.facebookUser(authorId);
  return user && node('facebookUser', user);
}

function igAuthor(store: MetaStore, authorId: string): { id: string; username: string } | undefined {
  if (authorId === store.instagram.id) return { id: store.instagram.id, username: store.instagram.username };
  const user = store.instagramUser(authorId);
  return user && { id: user.id, username: user.username };
}

const postSuffix = (postId: string): string => postId.split('_')[1] ?? postId;
const commentSuffix = (commentId: string): string => commentId.split('_')[1] ?? commentId;

export function postPermalink(store: MetaStore, post: Post): string {
  return `https://www.facebook.com/${store.page.id}/posts/${postSuffix(post.id)}`;
}

function commentPermalink(store: MetaStore, comment: FacebookComment): string {
  const post = store.post(comment.postId);
  const base = post ? postPermalink(store, post) : `https://www.facebook.com/${comment.postId}`;
  return comment.parentId === undefined
    ? `${base}?comment_id=${commentSuffix(comment.id)}`
    : `${base}?comment_id=${commentSuffix(comment.parentId)}&reply_comment_id=${commentSuffix(comment.id)}`;
}

const mediaPermalink = (media: InstagramMedia): string => `https://www.instagram.com/p/${media.shortcode}/`;

function ownerUsername(store: MetaStore, ownerId: string): string | undefined {
  return ownerId === store.instagram.id ? store.instagram.username : store.instagramUser(ownerId)?.username;
}

/** Newest first, as the Instagram edges list. */
const igComments = (comments: InstagramComment[], kind: 'mediaComment' | 'mentionedComment' = 'mediaComment'): EdgeItems => ({
  items: comments.map((c) => ({ seq: c.seq, createdAt: c.createdAt, node: node(kind, c) })),
  order: 'desc',
});

const mediaFields: NodeType<InstagramMedia>['fields'] = {
  id: (m) => m.id,
  caption: (m) => m.caption,
  media_type: () => 'IMAGE',
  media_product_type: () => 'FEED',
  permalink: (m) => mediaPermalink(m),
  timestamp: (m) => graphTime(Date.parse(m.createdAt)),
  username: (m, ctx) => ownerUsername(ctx.store, m.ownerId),
  comments_count: (m, ctx) => ctx.store.allMediaComments(m.id).length,
  like_count: () => 0,
};

const mediaCommentFields: NodeType<InstagramComment>['fields'] = {
  id: (c) => c.id,
  text: (c) => c.text,
  timestamp: (c) => graphTime(Date.parse(c.createdAt)),
  like_count: () => 0,
  media: (c, ctx) => {
    const media = ctx.store.mediaItem(c.mediaId);
    return media && node('media', media);
  },
};

const PLATFORMS = ['messenger', 'instagram'];

/** `platform` picks Messenger or Instagram conversations; `user_id` finds the one with a customer. */
function conversationItems(store: MetaStore, channel: MessageChannel, options: Record<string, string>): EdgeItems {
  const userId = options.user_id;
  return {
    items: store
      .conversations(channel)
      .filter((c) => userId === undefined || c.customerId === userId)
      .map((c) => ({ seq: c.seq, createdAt: c.updatedAt, node: node('conversation', c) })),
    order: 'desc',
  };
}

function messageParty(store: MetaStore, message: Message, side: 'from' | 'to'): GraphNode | undefined {
  const fromBrand = message.direction === 'outbound';
  const brandSide = (side === 'from') === fromBrand;
  if (message.channel === 'instagram') {
    if (brandSide) return node('igCommentFrom', { id: store.instagram.id, username: store.instagram.username });
    const user = store.instagramUser(message.customerId);
    return user && node('igCommentFrom', { id: user.id, username: user.username });
  }
  if (brandSide) return node('messengerParty', { id: store.page.id, name: store.page.name });
  const user = store.allFacebookUsers().find((u) => u.psid === message.customerId);
  return user && node('messengerParty', { id: user.psid, name: user.name });
}

export const NODE_TYPES: { [K in NodeKind]: NodeType<NodeValues[K]> } = {
  page: {
    graphName: 'Page',
    defaultFields: ['name', 'id'],
    fields: {
      id: (p) => p.id,
      name: (p) => p.name,
      username: (p) => p.username,
      category: (p) => p.category,
      link: (p) => `https://www.facebook.com/${p.username}`,
      instagram_business_account: (_p, ctx) => node('instagramAccount', ctx.store.instagram),
    },
    edges: {
      feed: {
        options: ['since', 'until'],
        list: (_p, ctx, options) => ({
          items: withinTime(ctx.store.allPosts(), options).map((p) => ({ seq: p.seq, createdAt: p.createdAt, node: node('post', p) })),
          order: 'desc',
        }),
      },
      conversations: {
        options: ['platform', 'user_id'],
        list: (_page, ctx, options) => conversationItems(ctx.store, oneOf('platform', PLATFORMS, options.platform, 'messenger') as MessageChannel, options),
      },
      posts: {
        options: ['since', 'until'],
        list: (page, ctx, options) => ({
          items: withinTime(
            ctx.store.allPosts().filter((p) => p.authorId === page.id),
            options,
          ).map((p) => ({ seq: p.seq, createdAt: p.createdAt, node: node('post', p) })),
          order: 'desc',
        }),
      },
    },
  },
  post: {
    graphName: 'PagePost',
    defaultFields: ['created_time', 'message', 'id'],
    fields: {
      id: (p) => p.id,
      message: (p) => p.message,
      created_time: (p) => graphTime(Date.parse(p.createdAt)),
      updated_time: (p) => graphTime(Date.parse(p.createdAt)),
      from: (p, ctx) => authorNode(ctx.store, p.authorId),
      permalink_url: (p, ctx) => postPermalink(ctx.store, p),
      status_type: () => 'mobile_status_update',
      is_published: () => true,
    },
    edges: {
      comments: {
        options: COMMENT_EDGE_OPTIONS,
        list: (post, ctx, options) => {
          const stream = oneOf('filter', FILTERS, options.filter, 'toplevel') === 'stream';
          return commentItems(
            ctx.store.allComments(post.id).filter((c) => stream || c.parentId === undefined),
            options,
          );
        },
        summary: (_post, _ctx, options, total) => commentSummary(options, total, true),
      },
    },
  },
  comment: {
    graphName: 'Comment',
    defaultFields: ['created_time', 'from', 'message', 'id'],
    fields: {
      id: (c) => c.id,
      message: (c) => c.message,
      created_time: (c) => graphTime(Date.parse(c.createdAt)),
      from: (c, ctx) => authorNode(ctx.store, c.authorId),
      parent: (c, ctx) => {
        const parent = c.parentId === undefined ? undefined : ctx.store.comment(c.parentId);
        return parent && node('comment', parent);
      },
      permalink_url: (c, ctx) => commentPermalink(ctx.store, c),
      comment_count: (c, ctx) => ctx.store.allComments(c.postId).filter((r) => r.parentId === c.id).length,
      like_count: () => 0,
      can_comment: (c) => c.parentId === undefined,
      is_hidden: () => false,
    },
    edges: {
      comments: {
        options: COMMENT_EDGE_OPTIONS,
        list: (comment, ctx, options) => {
          oneOf('filter', FILTERS, options.filter, 'toplevel');
          return commentItems(
            ctx.store.allComments(comment.postId).filter((c) => c.parentId === comment.id),
            options,
          );
        },
        summary: (comment, _ctx, options, total) => commentSummary(options, total, comment.parentId === undefined),
      },
    },
  },
  facebookUser: {
    graphName: 'User',
    defaultFields: ['name', 'id'],
    fields: { id: (u) => u.id, name: (u) => u.name },
  },
  messengerProfile: {
    graphName: 'User',
    defaultFields: ['first_name', 'last_name', 'profile_pic', 'id'],
    fields: {
      id: (u) => u.psid,
      name: (u) => u.name,
      first_name: (u) => u.name.split(' ')[0] ?? u.name,
      last_name: (u) => u.name.split(' ').slice(1).join(' '),
      profile_pic: (u) => `https://platform-lookaside.fbsbx.com/platform/profilepic/?psid=${u.psid}`,
    },
  },
  instagramAccount: {
    graphName: 'IGUser',
    defaultFields: ['id'],
    fields: {
      id: (a) => a.id,
      username: (a) => a.username,
      name: (a) => a.name,
      profile_picture_url: (a) => `https://scontent.cdninstagram.com/v/profile/${a.id}.jpg`,
      media_count: (a, ctx) => ctx.store.allMedia(a.id).length,
      followers_count: () => 0,
      mentioned_comment: (a, ctx, modifiers) => {
        const id = modifiers.comment_id;
        if (id === undefined) throw invalidParameter('The parameter comment_id is required');
        const comment = ctx.store.mediaComment(id);
        const media = comment && ctx.store.mediaItem(comment.mediaId);
        if (!comment || !media || media.ownerId === a.id || !comment.text.toLowerCase().includes(`@${a.username.toLowerCase()}`)) {
          throw invalidParameter(`The comment ${id} does not mention this account`);
        }
        return node('mentionedComment', comment);
      },
    },
    edges: {
      conversations: {
        options: ['platform', 'user_id'],
        list: (_account, ctx, options) => {
          oneOf('platform', ['instagram'], options.platform, 'instagram');
          return conversationItems(ctx.store, 'instagram', options);
        },
      },
      media: {
        options: ['since', 'until'],
        list: (account, ctx, options) => ({
          items: withinTime(ctx.store.allMedia(account.id), options).map((m) => ({ seq: m.seq, createdAt: m.createdAt, node: node('media', m) })),
          order: 'desc',
        }),
      },
    },
  },
  instagramUser: {
    graphName: 'User',
    defaultFields: ['name', 'username', 'profile_pic', 'id'],
    fields: {
      id: (u) => u.id,
      name: (u) => u.name,
      username: (u) => u.username,
      profile_pic: (u) => `https://scontent.cdninstagram.com/v/profile/${u.id}.jpg`,
    },
  },
  igCommentFrom: {
    graphName: 'IGCommentFromUser',
    defaultFields: ['id', 'username'],
    fields: { id: (f) => f.id, username: (f) => f.username },
  },
  media: {
    graphName: 'IGMedia',
    defaultFields: ['id'],
    fields: mediaFields,
    edges: {
      comments: {
        options: [],
        list: (media, ctx) => igComments(ctx.store.allMediaComments(media.id).filter((c) => c.parentId === undefined)),
      },
    },
  },
  mediaComment: {
    graphName: 'IGComment',
    defaultFields: ['timestamp', 'text', 'id'],
    fields: {
      ...mediaCommentFields,
      username: (c, ctx) => igAuthor(ctx.store, c.authorId)?.username,
      from: (c, ctx) => {
        const author = igAuthor(ctx.store, c.authorId);
        return author && node('igCommentFrom', author);
      },
      parent_id: (c) => c.parentId,
      hidden: () => false,
    },
    edges: {
      replies: {
        options: [],
        list: (comment, ctx) => igComments(ctx.store.allMediaComments(comment.mediaId).filter((c) => c.parentId === comment.id)),
      },
    },
  },
  mentionedComment: {
    graphName: 'IGMentionedComment',
    defaultFields: ['timestamp', 'text', 'id'],
    fields: mediaCommentFields,
  },
  conversation: {
    graphName: 'Conversation',
    defaultFields: ['id', 'updated_time'],
    fields: {
      id: (c) => c.id,
      updated_time: (c) => graphTime(Date.parse(c.updatedAt)),
      message_count: (c, ctx) => ctx.store.messages({ channel: c.channel, customerId: c.customerId }).length,
    },
    edges: {
      messages: {
        options: [],
        list: (c, ctx) => ({
          items: ctx.store
            .messages({ channel: c.channel, customerId: c.customerId })
            .reverse()
            .map((m) => ({ seq: m.seq, createdAt: m.createdAt, node: node('message', m) })),
          order: 'desc',
        }),
      },
    },
  },
  message: {
    graphName: 'Message',
    defaultFields: ['id', 'created_time'],
    fields: {
      id: (m) => m.mid,
      created_time: (m) => graphTime(Date.parse(m.createdAt)),
      message: (m) => m.text,
      from: (m, ctx) => messageParty(ctx.store, m, 'from'),
      to: (m, ctx) => {
        const party = messageParty(ctx.store, m, 'to');
        return party ? [party] : [];
      },
    },
  },
  messengerParty: {
    graphName: 'MessagingParticipant',
    defaultFields: ['name', 'email', 'id'],
    fields: { id: (p) => p.id, name: (p) => p.name, email: (p) => `${p.id}@facebook.com` },
  },
};

import { FOLLOW, LIKE, POST, quotedRef, replyRefs, type BlueskyStore, type EmulatedAccount, type EmulatedNotification, type StoredRecord } from './store.js';

/** The AppView's hydration of stored records into the views of app.bsky.*.defs, as seen by one (optional) viewer. */
export interface ViewContext {
  store: BlueskyStore;
  /** DID of the authenticated account; views carry `viewer` state only for it. */
  viewer?: string;
}

const FEED = 'app.bsky.feed.defs';

/** Whether a block stands between the viewer and an account, either way round. */
export function blockedFor(ctx: ViewContext, did: string): boolean {
  if (ctx.viewer === undefined || ctx.viewer === did) return false;
  return ctx.store.blockOf(ctx.viewer, did) !== undefined || ctx.store.blockOf(did, ctx.viewer) !== undefined;
}

function actorViewer(ctx: ViewContext, did: string): Record<string, unknown> | undefined {
  if (ctx.viewer === undefined) return undefined;
  const blocking = ctx.store.blockOf(ctx.viewer, did)?.uri;
  const following = ctx.store.recordsOf(FOLLOW, ctx.viewer).find((f) => f.value.subject === did)?.uri;
  const followedBy = ctx.store.recordsOf(FOLLOW, did).find((f) => f.value.subject === ctx.viewer)?.uri;
  return {
    muted: false,
    blockedBy: ctx.store.blockOf(did, ctx.viewer) !== undefined,
    ...(blocking !== undefined ? { blocking } : {}),
    ...(following !== undefined ? { following } : {}),
    ...(followedBy !== undefined ? { followedBy } : {}),
  };
}

export function profileViewBasic(account: EmulatedAccount, ctx: ViewContext): Record<string, unknown> {
  const viewer = actorViewer(ctx, account.did);
  return {
    did: account.did,
    handle: account.handle,
    ...(account.displayName !== '' ? { displayName: account.displayName } : {}),
    ...(account.avatar !== undefined ? { avatar: account.avatar } : {}),
    ...(viewer ? { viewer } : {}),
    labels: [],
    createdAt: account.createdAt,
  };
}

export function profileView(account: EmulatedAccount, ctx: ViewContext): Record<string, unknown> {
  return {
    ...profileViewBasic(account, ctx),
    ...(account.description !== '' ? { description: account.description } : {}),
    indexedAt: account.createdAt,
  };
}

export function profileViewDetailed(account: EmulatedAccount, ctx: ViewContext): Record<string, unknown> {
  const { store } = ctx;
  return {
    ...profileView(account, ctx),
    followersCount: account.extraFollowers + store.countWhere(FOLLOW, (v) => v.subject === account.did),
    followsCount: account.extraFollows + store.recordsOf(FOLLOW, account.did).length,
    postsCount: store.recordsOf(POST, account.did).length,
  };
}

function authorOf(ctx: ViewContext, record: StoredRecord): EmulatedAccount {
  const author = ctx.store.account(record.did);
  if (!author) throw new Error(`record ${record.uri} has no author account`);
  return author;
}

function blockedAuthor(ctx: ViewContext, did: string): Record<string, unknown> {
  const viewer = actorViewer(ctx, did);
  return { did, ...(viewer ? { viewer: { blockedBy: viewer.blockedBy, ...(viewer.blocking !== undefined ? { blocking: viewer.blocking } : {}) } } : {}) };
}

function quoteEmbedView(ctx: ViewContext, uri: string): Record<string, unknown> {
  const quoted = ctx.store.record(uri);
  const view = (record: Record<string, unknown>) => ({ $type: 'app.bsky.embed.record#view', record });
  if (!quoted || quoted.collection !== POST) return view({ $type: 'app.bsky.embed.record#viewNotFound', uri, notFound: true });
  if (blockedFor(ctx, quoted.did)) return view({ $type: 'app.bsky.embed.record#viewBlocked', uri, blocked: true, author: blockedAuthor(ctx, quoted.did) });
  return view({
    $type: 'app.bsky.embed.record#viewRecord',
    uri: quoted.uri,
    cid: quoted.cid,
    author: profileViewBasic(authorOf(ctx, quoted), ctx),
    value: quoted.value,
    labels: [],
    ...counts(ctx, quoted),
    indexedAt: quoted.indexedAt,
  });
}

function counts(ctx: ViewContext, post: StoredRecord) {
  const { store } = ctx;
  return {
    replyCount: store.countWhere(POST, (v) => replyRefs(v)?.parent.uri === post.uri),
    repostCount: 0,
    likeCount: store.countWhere(LIKE, (v) => (v.subject as { uri?: string } | undefined)?.uri === post.uri),
    quoteCount: store.countWhere(POST, (v) => quotedRef(v)?.uri === post.uri),
  };
}

export function postView(post: StoredRecord, ctx: ViewContext): Record<string, unknown> {
  const quoted = quotedRef(post.value);
  const like = ctx.viewer === undefined ? undefined : ctx.store.likeBy(ctx.viewer, post.uri)?.uri;
  return {
    uri: post.uri,
    cid: post.cid,
    author: profileViewBasic(authorOf(ctx, post), ctx),
    record: post.value,
    ...(quoted ? { embed: quoteEmbedView(ctx, quoted.uri) } : {}),
    bookmarkCount: 0,
    ...counts(ctx, post),
    indexedAt: post.indexedAt,
    ...(ctx.viewer !== undefined
      ? { viewer: { bookmarked: false, threadMuted: false, embeddingDisabled: false, ...(like !== undefined ? { like } : {}) } }
      : {}),
    labels: [],
  };
}

const notFoundPost = (uri: string) => ({ $type: `${FEED}#notFoundPost`, uri, notFound: true });
const blockedPost = (ctx: ViewContext, uri: string, did: string) => ({ $type: `${FEED}#blockedPost`, uri, blocked: true, author: blockedAuthor(ctx, did) });

/** A post where a union of postView / notFoundPost / blockedPost is expected. */
function postOrStub(ctx: ViewContext, uri: string): Record<string, unknown> {
  const post = ctx.store.record(uri);
  if (!post || post.collection !== POST) return notFoundPost(uri);
  if (blockedFor(ctx, post.did)) return blockedPost(ctx, post.uri, post.did);
  return { $type: `${FEED}#postView`, ...postView(post, ctx) };
}

function parentNode(ctx: ViewContext, uri: string, height: number): Record<string, unknown> {
  const parent = ctx.store.record(uri);
  if (!parent || parent.collection !== POST) return notFoundPost(uri);
  if (blockedFor(ctx, parent.did)) return blockedPost(ctx, parent.uri, parent.did);
  const grandparent = replyRefs(parent.value)?.parent.uri;
  return {
    $type: `${FEED}#threadViewPost`,
    post: postView(parent, ctx),
    ...(grandparent !== undefined && height > 1 ? { parent: parentNode(ctx, grandparent, height - 1) } : {}),
  };
}

function replyNodes(ctx: ViewContext, uri: string, depth: number): Record<string, unknown>[] {
  return ctx.store
    .repliesTo(uri)
    .filter((reply) => !blockedFor(ctx, reply.did))
    .map((reply) => ({
      $type: `${FEED}#threadViewPost`,
      post: postView(reply, ctx),
      ...(depth > 1 ? { replies: replyNodes(ctx, reply.uri, depth - 1) } : {}),
    }));
}

/** getPostThread's `thread`: the anchor with `parentHeight` ancestors and `depth` levels of replies (blocked repliers left out). */
export function threadView(anchor: StoredRecord, depth: number, parentHeight: number, ctx: ViewContext): Record<string, unknown> {
  if (blockedFor(ctx, anchor.did)) return blockedPost(ctx, anchor.uri, anchor.did);
  const parent = replyRefs(anchor.value)?.parent.uri;
  return {
    $type: `${FEED}#threadViewPost`,
    post: postView(anchor, ctx),
    ...(parent !== undefined && parentHeight > 0 ? { parent: parentNode(ctx, parent, parentHeight) } : {}),
    ...(depth > 0 ? { replies: replyNodes(ctx, anchor.uri, depth) } : {}),
  };
}

/** An author-feed item: the post and, for a reply, its root and parent. */
export function feedViewPost(post: StoredRecord, ctx: ViewContext): Record<string, unknown> {
  const reply = replyRefs(post.value);
  if (!reply) return { post: postView(post, ctx) };
  const parent = ctx.store.record(reply.parent.uri);
  const grandparent = parent && ctx.store.parentOf(parent);
  const grandparentAuthor = grandparent && !blockedFor(ctx, grandparent.did) ? ctx.store.account(grandparent.did) : undefined;
  return {
    post: postView(post, ctx),
    reply: {
      root: postOrStub(ctx, reply.root.uri),
      parent: postOrStub(ctx, reply.parent.uri),
      ...(grandparentAuthor ? { grandparentAuthor: profileViewBasic(grandparentAuthor, ctx) } : {}),
    },
  };
}

export function notificationView(notification: EmulatedNotification, seenAt: string | undefined, ctx: ViewContext): Record<string, unknown> | undefined {
  const record = ctx.store.record(notification.uri);
  const author = ctx.store.account(notification.author);
  if (!record || !author) return undefined;
  return {
    uri: notification.uri,
    cid: notification.cid,
    author: profileView(author, ctx),
    reason: notification.reason,
    ...(notification.reasonSubject !== undefined ? { reasonSubject: notification.reasonSubject } : {}),
    record: record.value,
    isRead: seenAt !== undefined && Date.parse(notification.indexedAt) <= Date.parse(seenAt),
    indexedAt: notification.indexedAt,
    labels: [],
  };
}

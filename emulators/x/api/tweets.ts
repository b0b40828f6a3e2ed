import { z } from 'zod';
import { paginate } from '../pagination.js';
import { forbidden, notFound, type ApiResult } from '../problems.js';
import { renderTweets, tweetJson, type Rendered } from '../serialize.js';
import type { EmulatedPost, EmulatedUser, XStore } from '../store.js';
import { dateTimeParam, idListParam, idParam, intRangeParam, listParam, parseBody, parseParams, tokenParam } from '../validation.js';
import { idPath, tweetViewParams } from './common-params.js';
import { callerUser, defineRoute, FIFTEEN_MINUTES, type ApiRoute, type RouteContext } from './route.js';

const mentionsParams = {
  ...tweetViewParams,
  since_id: idParam('since_id').optional(),
  until_id: idParam('until_id').optional(),
  max_results: intRangeParam('max_results', 5, 100).optional(),
  pagination_token: tokenParam('pagination_token').optional(),
  start_time: dateTimeParam('start_time').optional(),
  end_time: dateTimeParam('end_time').optional(),
};

const userTweetsParams = { ...mentionsParams, exclude: listParam('exclude', ['replies', 'retweets'] as const).optional() };

const lookupParams = { ...tweetViewParams, ids: idListParam('ids', 100) };

const TweetId = z.string().regex(/^[0-9]{1,19}$/);

/** The subset of TweetCreateRequest the emulator implements; the spec forbids extra properties. */
const createTweetBody = z.strictObject({
  text: z.string().min(1),
  reply: z
    .strictObject({
      in_reply_to_tweet_id: TweetId,
      auto_populate_reply_metadata: z.boolean().optional(),
      exclude_reply_user_ids: z.array(TweetId).optional(),
    })
    .optional(),
  quote_tweet_id: TweetId.optional(),
});

const DUPLICATE = 'You are not allowed to create a Tweet with duplicate content.';
const REPLY_TO_MISSING = 'You attempted to reply to a Tweet that is deleted or not visible to you.';
const QUOTE_OF_MISSING = 'You attempted to quote a Tweet that is deleted or not visible to you.';
const REPLY_NOT_ALLOWED =
  'Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author of the post you are replying to.';

function withRendered(rendered: Rendered, single: boolean): Record<string, unknown> {
  const { data, includes, errors } = rendered;
  return {
    ...(single ? { data: data[0] } : data.length > 0 ? { data } : {}),
    ...(includes ? { includes } : {}),
    ...(errors ? { errors } : {}),
  };
}

type TimelineQuery = z.infer<z.ZodObject<typeof mentionsParams>>;

/** A user's mentions or own posts: newest first, filtered by ids and times, paged like X's timelines. */
function timeline(ctx: RouteContext, q: TimelineQuery, source: (userId: string) => EmulatedPost[]): ApiResult {
  const { id } = parseParams(idPath, ctx.params);
  if (!ctx.store.user(id)) return { status: 200, body: { errors: [notFound('user', 'id', id)] } };
  const candidates = source(id).filter((p) => {
    const postId = BigInt(p.id);
    const at = Date.parse(p.createdAt);
    return (
      (q.since_id === undefined || postId > BigInt(q.since_id)) &&
      (q.until_id === undefined || postId < BigInt(q.until_id)) &&
      (q.start_time === undefined || at >= q.start_time) &&
      (q.end_time === undefined || at < q.end_time)
    );
  });
  const page = paginate(candidates, q.max_results ?? 10, q.pagination_token);
  const first = page.items[0];
  const last = page.items[page.items.length - 1];
  const meta = {
    result_count: page.items.length,
    ...(first && last ? { newest_id: first.id, oldest_id: last.id } : {}),
    ...(page.nextToken ? { next_token: page.nextToken } : {}),
    ...(page.previousToken ? { previous_token: page.previousToken } : {}),
  };
  const selection = { tweetFields: q['tweet.fields'], userFields: q['user.fields'], expansions: q.expansions };
  return { status: 200, body: { ...withRendered(renderTweets(page.items, selection, ctx.store), false), meta } };
}

/** X's self-serve rule: the parent's author must have engaged the replier (mention or quote). */
function replyAllowed(parent: EmulatedPost, replier: EmulatedUser, store: XStore): boolean {
  if (parent.authorId === replier.id) return true;
  const handle = replier.username.toLowerCase();
  if (parent.entities.mentions.some((m) => m.username.toLowerCase() === handle)) return true;
  return parent.referencedTweets.some((r) => r.type === 'quoted' && store.post(r.id)?.authorId === replier.id);
}

export const tweetsRoutes: ApiRoute[] = [
  defineRoute({
    method: 'GET',
    path: '/2/users/{id}/mentions',
    auth: 'userOrApp',
    rateLimit: { limit: 300, windowSeconds: FIFTEEN_MINUTES },
    query: mentionsParams,
    handle: (ctx, q) => timeline(ctx, q, (id) => ctx.store.mentionsOf(id)),
  }),
  defineRoute({
    method: 'GET',
    path: '/2/users/{id}/tweets',
    auth: 'userOrApp',
    rateLimit: { limit: 900, windowSeconds: FIFTEEN_MINUTES },
    query: userTweetsParams,
    handle: (ctx, q) =>
      timeline(ctx, q, (id) => ctx.store.postsBy(id).filter((p) => !q.exclude?.has('replies') || !p.referencedTweets.some((r) => r.type === 'replied_to'))),
  }),
  defineRoute({
    method: 'GET',
    path: '/2/tweets/{id}',
    auth: 'userOrApp',
    rateLimit: { limit: 900, windowSeconds: FIFTEEN_MINUTES },
    query: tweetViewParams,
    handle(ctx, q): ApiResult {
      const { id } = parseParams(idPath, ctx.params);
      const post = ctx.store.post(id);
      if (!post) return { status: 200, body: { errors: [notFound('tweet', 'id', id)] } };
      const selection = { tweetFields: q['tweet.fields'], userFields: q['user.fields'], expansions: q.expansions };
      return { status: 200, body: withRendered(renderTweets([post], selection, ctx.store), true) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/2/tweets',
    auth: 'userOrApp',
    rateLimit: { limit: 900, windowSeconds: FIFTEEN_MINUTES },
    query: lookupParams,
    handle(ctx, q): ApiResult {
      const found = q.ids.flatMap((id) => ctx.store.post(id) ?? []);
      const missing = q.ids.filter((id) => !ctx.store.post(id)).map((id) => notFound('tweet', 'ids', id));
      const selection = { tweetFields: q['tweet.fields'], userFields: q['user.fields'], expansions: q.expansions };
      const rendered = renderTweets(found, selection, ctx.store);
      const errors = [...missing, ...(rendered.errors ?? [])];
      return { status: 200, body: withRendered({ ...rendered, ...(errors.length > 0 ? { errors } : {}) }, false) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/2/tweets',
    auth: 'user',
    rateLimit: { limit: 100, windowSeconds: FIFTEEN_MINUTES },
    query: {},
    body: createTweetBody,
    handle(ctx): ApiResult {
      const me = callerUser(ctx);
      const body = parseBody(createTweetBody, ctx.rawBody);
      const replyTo = body.reply?.in_reply_to_tweet_id;
      if (replyTo !== undefined) {
        const parent = ctx.store.post(replyTo);
        if (!parent) throw forbidden(REPLY_TO_MISSING);
        if (ctx.policy.replyRestriction && !replyAllowed(parent, me, ctx.store)) throw forbidden(REPLY_NOT_ALLOWED);
      }
      if (body.quote_tweet_id !== undefined && !ctx.store.post(body.quote_tweet_id)) throw forbidden(QUOTE_OF_MISSING);
      const draft = {
        authorId: me.id,
        text: body.text,
        ...(replyTo !== undefined ? { replyToId: replyTo } : {}),
        ...(body.quote_tweet_id !== undefined ? { quoteOfId: body.quote_tweet_id } : {}),
        autoPopulateReplyMetadata: body.reply?.auto_populate_reply_metadata ?? false,
        excludeReplyUserIds: body.reply?.exclude_reply_user_ids ?? [],
      };
      const text = ctx.store.composeText(draft);
      if (ctx.store.hasPostWithText(me.id, text)) throw forbidden(DUPLICATE);
      const post = ctx.store.createPost(draft);
      return { status: 201, body: { data: tweetJson(post, undefined, ctx.store) } };
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/2/tweets/{id}',
    auth: 'user',
    rateLimit: { limit: 50, windowSeconds: FIFTEEN_MINUTES },
    query: {},
    handle(ctx): ApiResult {
      const { id } = parseParams(idPath, ctx.params);
      const post = ctx.store.post(id);
      if (!post) return { status: 200, body: { errors: [notFound('tweet', 'id', id)] } };
      if (post.authorId !== callerUser(ctx).id) {
        throw forbidden("You may not delete another user's Tweet.");
      }
      ctx.store.deletePost(id);
      return { status: 200, body: { data: { deleted: true } } };
    },
  }),
];

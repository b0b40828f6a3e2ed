import { z } from 'zod';
import { forbidden, notFound, type ApiResult } from '../problems.js';
import { idParam, parseBody, parseParams } from '../validation.js';
import { callerUser, defineRoute, FIFTEEN_MINUTES, type ApiRoute, type RouteContext } from './route.js';

const likeBody = z.object({ tweet_id: z.string().regex(/^[0-9]{1,19}$/) });

const NOT_PERMITTED = 'You are not permitted to perform this action.';

/** `:id` must be the authenticated user (UserIdMatchesAuthenticatedUser in the spec). */
function ownUserId(ctx: RouteContext, id: string): void {
  if (id !== callerUser(ctx).id) throw forbidden(NOT_PERMITTED);
}

export const likesRoutes: ApiRoute[] = [
  defineRoute({
    method: 'POST',
    path: '/2/users/{id}/likes',
    auth: 'user',
    rateLimit: { limit: 50, windowSeconds: FIFTEEN_MINUTES },
    query: {},
    body: likeBody,
    handle(ctx): ApiResult {
      const { id } = parseParams({ id: idParam('id') }, ctx.params);
      ownUserId(ctx, id);
      const { tweet_id } = parseBody(likeBody, ctx.rawBody);
      if (!ctx.store.post(tweet_id)) return { status: 200, body: { errors: [notFound('tweet', 'tweet_id', tweet_id)] } };
      ctx.store.like(id, tweet_id);
      return { status: 200, body: { data: { liked: true } } };
    },
  }),
  defineRoute({
    method: 'DELETE',
    path: '/2/users/{id}/likes/{tweet_id}',
    auth: 'user',
    rateLimit: { limit: 50, windowSeconds: FIFTEEN_MINUTES },
    query: {},
    handle(ctx): ApiResult {
      const { id, tweet_id } = parseParams({ id: idParam('id'), tweet_id: idParam('tweet_id') }, ctx.params);
      ownUserId(ctx, id);
      ctx.store.unlike(id, tweet_id);
      return { status: 200, body: { data: { liked: false } } };
    },
  }),
];

import { userJson } from '../serialize.js';
import { userViewParams } from './common-params.js';
import { callerUser, defineRoute, FIFTEEN_MINUTES, type ApiRoute } from './route.js';

export const usersRoutes: ApiRoute[] = [
  defineRoute({
    method: 'GET',
    path: '/2/users/me',
    auth: 'user',
    rateLimit: { limit: 75, windowSeconds: FIFTEEN_MINUTES },
    query: userViewParams,
    handle: (ctx, query) => ({ status: 200, body: { data: userJson(callerUser(ctx), query['user.fields'], ctx.store) } }),
  }),
];

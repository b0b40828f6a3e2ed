import { atIdentifier, scalar } from '../validation.js';
import { profileViewDetailed } from '../views.js';
import { actorOf, defineMethod, viewOf, type XrpcMethod } from './method.js';

export const actorMethods: XrpcMethod[] = [
  defineMethod({
    nsid: 'app.bsky.actor.getProfile',
    type: 'query',
    auth: 'optional',
    params: { actor: scalar(atIdentifier) },
    handle: (ctx) => ({ body: profileViewDetailed(actorOf(ctx, ctx.params.actor), viewOf(ctx)) }),
  }),
];

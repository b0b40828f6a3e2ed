import { z } from 'zod';
import { TID_PATTERN } from '../identifiers.js';
import type { EmulatedNotification } from '../store.js';
import { booleanParam, datetime, integerParam, listParam, scalar } from '../validation.js';
import { blockedFor, notificationView, type ViewContext } from '../views.js';
import { invalidRequest } from '../xrpc.js';
import { callerOf, defineMethod, type MethodContext, type XrpcMethod } from './method.js';

/** Notifications the AppView would show: none from accounts on either side of a block. */
function visibleNotifications(ctx: MethodContext, view: ViewContext): EmulatedNotification[] {
  return ctx.store.notificationsOf(callerOf(ctx).account.did).filter((n) => !blockedFor(view, n.author));
}

const seenAtOf = (ctx: MethodContext, given: string | undefined): string | undefined => given ?? ctx.store.seenAt(callerOf(ctx).account.did);

export const notificationMethods: XrpcMethod[] = [
  defineMethod({
    nsid: 'app.bsky.notification.listNotifications',
    type: 'query',
    auth: 'access',
    params: {
      reasons: listParam(z.string()).optional(),
      limit: integerParam(1, 100).optional(),
      priority: booleanParam.optional(),
      cursor: scalar(z.string()).optional(),
      seenAt: scalar(datetime).optional(),
    },
    handle(ctx) {
      const { reasons, limit = 50, cursor } = ctx.params;
      if (cursor !== undefined && !TID_PATTERN.test(cursor)) throw invalidRequest('Malformed cursor');
      const view: ViewContext = { store: ctx.store, viewer: callerOf(ctx).account.did };
      const seenAt = seenAtOf(ctx, ctx.params.seenAt);
      const page = visibleNotifications(ctx, view)
        .filter((n) => reasons === undefined || reasons.includes(n.reason))
        .filter((n) => cursor === undefined || n.id < cursor)
        .slice(0, limit);
      const last = page[page.length - 1];
      return {
        body: {
          notifications: page.flatMap((n) => notificationView(n, seenAt, view) ?? []),
          // A cursor comes with every non-empty page, so clients meet the empty page after the last one.
          ...(last ? { cursor: last.id } : {}),
          priority: false,
          ...(seenAt !== undefined ? { seenAt } : {}),
        },
      };
    },
    unindexed: () => ({ body: { notifications: [], priority: false } }),
  }),
  defineMethod({
    nsid: 'app.bsky.notification.getUnreadCount',
    type: 'query',
    auth: 'access',
    params: { priority: booleanParam.optional(), seenAt: scalar(datetime).optional() },
    handle(ctx) {
      const seenAt = seenAtOf(ctx, ctx.params.seenAt);
      const view: ViewContext = { store: ctx.store, viewer: callerOf(ctx).account.did };
      const unread = visibleNotifications(ctx, view).filter((n) => seenAt === undefined || Date.parse(n.indexedAt) > Date.parse(seenAt));
      return { body: { count: unread.length } };
    },
  }),
  defineMethod({
    nsid: 'app.bsky.notification.updateSeen',
    type: 'procedure',
    auth: 'access',
    params: {},
    input: z.object({ seenAt: datetime }),
    handle(ctx) {
      ctx.store.setSeenAt(callerOf(ctx).account.did, new Date(ctx.input.seenAt).toISOString());
      return {};
    },
  }),
];

import { z } from 'zod';
import { DM_EVENT_EXPANSIONS, DM_EVENT_FIELDS, DM_EVENT_TYPES, TWEET_FIELDS, USER_FIELDS, MEDIA_FIELDS } from '../fields.js';
import { paginate } from '../pagination.js';
import { invalidRequest, type ApiResult } from '../problems.js';
import { renderDmEvents } from '../serialize.js';
import { idParam, intRangeParam, listParam, parseBody, parseParams, tokenParam } from '../validation.js';
import { callerUser, defineRoute, FIFTEEN_MINUTES, type ApiRoute, type RouteContext } from './route.js';

const dmListParams = {
  max_results: intRangeParam('max_results', 1, 100).optional(),
  pagination_token: tokenParam('pagination_token').optional(),
  event_types: listParam('event_types', DM_EVENT_TYPES).optional(),
  'dm_event.fields': listParam('dm_event.fields', DM_EVENT_FIELDS).optional(),
  expansions: listParam('expansions', DM_EVENT_EXPANSIONS).optional(),
  'media.fields': listParam('media.fields', MEDIA_FIELDS).optional(),
  'user.fields': listParam('user.fields', USER_FIELDS).optional(),
  'tweet.fields': listParam('tweet.fields', TWEET_FIELDS).optional(),
};

/** CreateTextMessageRequest: the emulator sends text messages only (no media attachments). */
const sendDmBody = z.object({ text: z.string().min(1) });

const participantPath = { participant_id: idParam('participant_id') };

type DmListQuery = z.infer<z.ZodObject<typeof dmListParams>>;

function listDmEvents(ctx: RouteContext, q: DmListQuery, withUserId: string | undefined): ApiResult {
  const me = callerUser(ctx);
  const wantsMessages = q.event_types === undefined || q.event_types.has('MessageCreate');
  const events = wantsMessages ? ctx.store.dmEventsOf(me.id, withUserId) : [];
  const page = paginate(events, q.max_results ?? 100, q.pagination_token);
  const rendered = renderDmEvents(
    page.items,
    { dmEventFields: q['dm_event.fields'], userFields: q['user.fields'], tweetFields: q['tweet.fields'], expansions: q.expansions },
    ctx.store,
  );
  return {
    status: 200,
    body: {
      ...(rendered.data.length > 0 ? { data: rendered.data } : {}),
      ...(rendered.includes ? { includes: rendered.includes } : {}),
      meta: {
        result_count: page.items.length,
        ...(page.nextToken ? { next_token: page.nextToken } : {}),
        ...(page.previousToken ? { previous_token: page.previousToken } : {}),
      },
    },
  };
}

export const dmsRoutes: ApiRoute[] = [
  defineRoute({
    method: 'POST',
    path: '/2/dm_conversations/with/{participant_id}/messages',
    auth: 'user',
    // X's DM send limit: 15 requests per 15 minutes per user.
    rateLimit: { limit: 15, windowSeconds: FIFTEEN_MINUTES },
    query: {},
    body: sendDmBody,
    handle(ctx): ApiResult {
      const { participant_id } = parseParams(participantPath, ctx.params);
      const { text } = parseBody(sendDmBody, ctx.rawBody);
      if (!ctx.store.user(participant_id)) {
        throw invalidRequest([
          {
            parameters: { participant_id: [participant_id] },
            message: `The \`participant_id\` query parameter value [${participant_id}] does not refer to an existing user`,
          },
        ]);
      }
      const event = ctx.store.sendDm(callerUser(ctx).id, participant_id, text);
      return { status: 201, body: { data: { dm_conversation_id: event.dmConversationId, dm_event_id: event.id } } };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/2/dm_events',
    auth: 'user',
    rateLimit: { limit: 15, windowSeconds: FIFTEEN_MINUTES },
    query: dmListParams,
    handle: (ctx, q) => listDmEvents(ctx, q, undefined),
  }),
  defineRoute({
    method: 'GET',
    path: '/2/dm_conversations/with/{participant_id}/dm_events',
    auth: 'user',
    rateLimit: { limit: 15, windowSeconds: FIFTEEN_MINUTES },
    query: dmListParams,
    handle(ctx, q) {
      const { participant_id } = parseParams(participantPath, ctx.params);
      return listDmEvents(ctx, q, participant_id);
    },
  }),
];

import { z } from 'zod';
import { controlFailure, controlRoute, noControlRoute, ok, parseControlBody, type ControlResult } from '../shared/control-http.js';
import { transportFaultSchemas } from '../shared/fault-registry.js';
import type { MetaEmulatorControl } from './control.js';
import type { FaultSpec } from './faults.js';
import { RATE_LIMIT_CODES } from './graph-errors.js';
import { StateError } from './store.js';

export { CONTROL_PREFIX, type ControlResult } from '../shared/control-http.js';

const text = z.string().min(1);
const faultTarget = { method: z.string().optional(), path: text, times: z.number().int().positive().optional() };
const fault: z.ZodType<FaultSpec> = z.discriminatedUnion('kind', [
  z.strictObject({
    kind: z.literal('error'),
    code: z.number().int(),
    subcode: z.number().int().optional(),
    status: z.number().int().min(400).max(599).optional(),
    message: z.string().optional(),
    ...faultTarget,
  }),
  z.strictObject({
    kind: z.literal('rateLimit'),
    code: z.literal([...RATE_LIMIT_CODES]),
    minutesToRegainAccess: z.number().int().nonnegative().optional(),
    ...faultTarget,
  }),
  ...transportFaultSchemas(faultTarget),
]);

const schemas = {
  facebookUser: z.strictObject({ name: text }),
  instagramUser: z.strictObject({ username: text, name: text.optional() }),
  post: z.strictObject({ message: text, from: text.optional() }),
  media: z.strictObject({ caption: z.string(), owner: text.optional() }),
  comment: z.strictObject({ from: text, on: text, message: text }),
  edit: z.strictObject({ message: text }),
  mediaComment: z.strictObject({ from: text, on: text, text }),
  mention: z.strictObject({ from: text, text, media: text.optional() }),
  message: z.strictObject({ from: text, text }),
  webhook: z.strictObject({ url: z.url().nullable(), verify: z.boolean().optional(), verifyToken: text.optional() }),
  verify: z.strictObject({ url: z.url().optional(), verifyToken: text.optional() }),
  pause: z.strictObject({ mode: z.enum(['queue', 'drop']) }),
  expire: z.strictObject({ token: z.enum(['page', 'instagram']) }),
  settings: z.strictObject({
    webhookUrl: z.url().nullable().optional(),
    retryDelaysMs: z.array(z.number().nonnegative()).optional(),
    deliveryTimeoutMs: z.number().positive().optional(),
    batchWindowMs: z.number().nonnegative().optional(),
    rateLimitPerHour: z.union([z.number().int().positive(), z.literal(false)]).optional(),
  }),
};

/** `?name=value` as an optional filter property. */
const optional = (query: URLSearchParams, name: string): string | undefined => query.get(name) ?? undefined;

/**
 * The control API over HTTP for the sandbox: JSON in, JSON out, no token. Failures answer 400
 * `{ error }` (404 for an unknown control path). Routes are listed in the README.
 */
export async function handleControlRequest(
  control: MetaEmulatorControl,
  method: string,
  path: string,
  query: URLSearchParams,
  rawBody: string,
): Promise<ControlResult> {
  const route = controlRoute(method, path);
  try {
    switch (route) {
      case 'GET /state':
        return ok({
          facebookUsers: control.facebookUsers(),
          instagramUsers: control.instagramUsers(),
          posts: control.posts(),
          comments: control.comments(),
          media: control.media(),
          mediaComments: control.mediaComments(),
          messages: control.messages(),
          settings: control.settings(),
        });
      case 'POST /facebook/users':
        return ok(control.createFacebookUser(parseControlBody(schemas.facebookUser, rawBody)), 201);
      case 'POST /instagram/users': {
        const { username, name } = parseControlBody(schemas.instagramUser, rawBody);
        return ok(control.createInstagramUser({ username, ...(name !== undefined ? { name } : {}) }), 201);
      }
      case 'GET /facebook/posts':
        return ok(control.posts());
      case 'POST /facebook/posts': {
        const { message, from } = parseControlBody(schemas.post, rawBody);
        return ok(control.createPost({ message, ...(from !== undefined ? { from } : {}) }), 201);
      }
      case 'GET /facebook/comments': {
        const post = optional(query, 'post');
        return ok(control.comments(post === undefined ? {} : { post }));
      }
      case 'POST /facebook/comments':
        return ok(control.comment(parseControlBody(schemas.comment, rawBody)), 201);
      case 'GET /instagram/media': {
        const owner = optional(query, 'owner');
        return ok(control.media(owner === undefined ? {} : { owner }));
      }
      case 'POST /instagram/media': {
        const { caption, owner } = parseControlBody(schemas.media, rawBody);
        return ok(control.createMedia({ caption, ...(owner !== undefined ? { owner } : {}) }), 201);
      }
      case 'GET /instagram/comments': {
        const media = optional(query, 'media');
        return ok(control.mediaComments(media === undefined ? {} : { media }));
      }
      case 'POST /instagram/comments':
        return ok(control.commentOnMedia(parseControlBody(schemas.mediaComment, rawBody)), 201);
      case 'POST /instagram/mentions': {
        const { from, text: body, media } = parseControlBody(schemas.mention, rawBody);
        return ok(control.mention({ from, text: body, ...(media !== undefined ? { media } : {}) }), 201);
      }
      case 'POST /messenger/messages':
        return ok(control.sendMessengerMessage(parseControlBody(schemas.message, rawBody)), 201);
      case 'POST /instagram/messages':
        return ok(control.sendInstagramMessage(parseControlBody(schemas.message, rawBody)), 201);
      case 'GET /messages': {
        const channel = optional(query, 'channel');
        const customer = optional(query, 'with');
        if (channel !== undefined && channel !== 'messenger' && channel !== 'instagram') throw new StateError('channel must be messenger or instagram');
        return ok(control.messages({ ...(channel !== undefined ? { channel } : {}), ...(customer !== undefined ? { with: customer } : {}) }));
      }
      case 'POST /webhook': {
        const { url, verify, verifyToken } = parseControlBody(schemas.webhook, rawBody);
        if (url !== null && verify === true) {
          const result = await control.subscribe({ url, ...(verifyToken !== undefined ? { verifyToken } : {}) });
          return ok(result, result.ok ? 200 : 400);
        }
        control.setWebhookUrl(url);
        return ok(control.settings());
      }
      case 'POST /webhook/verify': {
        const { url, verifyToken } = parseControlBody(schemas.verify, rawBody);
        return ok(await control.verifySubscription({ ...(url !== undefined ? { url } : {}), ...(verifyToken !== undefined ? { verifyToken } : {}) }));
      }
      case 'GET /deliveries':
        return ok(control.deliveries());
      case 'POST /deliveries/pause':
        control.pauseDeliveries(parseControlBody(schemas.pause, rawBody).mode);
        return ok({ paused: true });
      case 'POST /deliveries/resume':
        control.resumeDeliveries();
        return ok({ paused: false });
      case 'GET /requests': {
        const filterMethod = optional(query, 'method');
        const filterPath = optional(query, 'path');
        return ok(
          control.requests({ ...(filterMethod !== undefined ? { method: filterMethod } : {}), ...(filterPath !== undefined ? { path: filterPath } : {}) }),
        );
      }
      case 'POST /faults':
        control.injectFault(parseControlBody(fault, rawBody));
        return ok({ armed: true }, 201);
      case 'DELETE /faults':
        control.clearFaults();
        return ok({ cleared: true });
      case 'POST /tokens/expire':
        control.expireToken(parseControlBody(schemas.expire, rawBody).token);
        return ok({ expired: true });
      case 'GET /settings':
        return ok(control.settings());
      case 'POST /settings': {
        const changes = parseControlBody(schemas.settings, rawBody);
        return ok(control.configure(Object.fromEntries(Object.entries(changes).filter(([, value]) => value !== undefined))));
      }
      case 'POST /reset':
        control.reset();
        return ok({ reset: true });
    }
    const comment = /^(PATCH|DELETE) \/facebook\/comments\/([0-9_]+)$/.exec(route);
    if (comment?.[1] === 'PATCH' && comment[2]) return ok(control.editComment({ id: comment[2], message: parseControlBody(schemas.edit, rawBody).message }));
    if (comment?.[1] === 'DELETE' && comment[2]) return ok({ deleted: control.deleteComment(comment[2]) });
    return noControlRoute(route);
  } catch (error) {
    return controlFailure(error, StateError);
  }
}

import { z } from 'zod';
import type { XEmulatorControl } from './control.js';
import type { FaultSpec } from './faults.js';
import type { ApiResult } from './problems.js';
import { StateError, type EmulatedUser } from './store.js';

/** Where the HTTP face of the control API lives; X has no such path, so it can never clash. */
export const CONTROL_PREFIX = '/_emulator';

const newUser = z.strictObject({
  username: z.string().regex(/^[A-Za-z0-9_]{1,15}$/),
  name: z.string().min(1).optional(),
  description: z.string().optional(),
  profileImageUrl: z.string().url().optional(),
  followersCount: z.number().int().nonnegative().optional(),
  followingCount: z.number().int().nonnegative().optional(),
  verified: z.boolean().optional(),
  accessToken: z.string().min(1).optional(),
  accessSecret: z.string().min(1).optional(),
});

const newPost = z.strictObject({
  as: z.string().min(1),
  text: z.string().min(1),
  replyToId: z.string().optional(),
  quoteOfId: z.string().optional(),
});

const newDm = z.strictObject({ from: z.string().min(1), to: z.string().min(1).optional(), text: z.string().min(1) });

const faultTarget = {
  method: z.string().optional(),
  path: z.string().min(1),
  times: z.number().int().positive().optional(),
};
const problem = z.looseObject({ title: z.string(), type: z.string(), detail: z.string().optional(), status: z.number().optional() });
const fault: z.ZodType<FaultSpec> = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('status'), status: z.number().int().min(100).max(599), body: problem.optional(), ...faultTarget }),
  z.strictObject({ kind: z.literal('rateLimit'), resetInSeconds: z.number().nonnegative(), ...faultTarget }),
  z.strictObject({ kind: z.literal('delay'), delayMs: z.number().nonnegative(), ...faultTarget }),
  z.strictObject({ kind: z.literal('hang'), destroyAfterMs: z.number().nonnegative().optional(), ...faultTarget }),
  z.strictObject({ kind: z.literal('commitThenDrop'), ...faultTarget }),
  z.strictObject({ kind: z.literal('notYetVisible'), ...faultTarget }),
]);

const settings = z.strictObject({ replyRestriction: z.boolean().optional(), rateLimits: z.boolean().optional() });

const ok = (body: unknown, status = 200): ApiResult => ({ status, body });

function parse<T>(schema: z.ZodType<T>, rawBody: string): T {
  let json: unknown;
  try {
    json = rawBody.length === 0 ? {} : JSON.parse(rawBody);
  } catch {
    throw new StateError('body is not valid JSON');
  }
  const result = schema.safeParse(json);
  if (!result.success) throw new StateError(z.prettifyError(result.error));
  return result.data;
}

/**
 * The control API over HTTP for the sandbox CLI: JSON in, JSON out, no OAuth.
 * Failures answer 400 `{ error }` (404 for an unknown control path).
 */
export function handleControlRequest(
  control: XEmulatorControl,
  brand: EmulatedUser,
  method: string,
  path: string,
  query: URLSearchParams,
  rawBody: string,
): ApiResult {
  const route = `${method} ${path.slice(CONTROL_PREFIX.length)}`;
  try {
    switch (route) {
      case 'GET /state':
        return ok({
          brand: control.user(brand.id),
          users: control.users(),
          posts: control.posts(),
          dmEvents: control.dmEvents(),
          settings: control.settings(),
        });
      case 'GET /users':
        return ok(control.users());
      case 'POST /users':
        return ok(control.createUser(parse(newUser, rawBody)), 201);
      case 'GET /posts': {
        const author = query.get('author');
        return ok(control.posts(author === null ? {} : { author }));
      }
      case 'POST /posts': {
        const { as, ...input } = parse(newPost, rawBody);
        return ok(control.post(as, input), 201);
      }
      case 'POST /dms': {
        const { from, ...input } = parse(newDm, rawBody);
        return ok(control.sendDm(from, input), 201);
      }
      case 'GET /dm_events': {
        const user = query.get('user');
        return ok(control.dmEvents(user === null ? {} : { user }));
      }
      case 'GET /requests': {
        const method = query.get('method');
        const path = query.get('path');
        return ok(control.requests({ ...(method === null ? {} : { method }), ...(path === null ? {} : { path }) }));
      }
      case 'POST /faults':
        control.injectFault(parse(fault, rawBody));
        return ok({ armed: true }, 201);
      case 'DELETE /faults':
        control.clearFaults();
        return ok({ cleared: true });
      case 'GET /settings':
        return ok(control.settings());
      case 'POST /settings':
        return ok(control.configure(parse(settings, rawBody)));
      case 'POST /reset':
        control.reset();
        return ok({ reset: true });
    }
    const deleted = /^DELETE \/posts\/(\d+)$/.exec(route);
    if (deleted?.[1]) return ok({ deleted: control.deletePost(deleted[1]) });
    return { status: 404, body: { error: `no control route ${route}` } };
  } catch (error) {
    if (error instanceof StateError) return { status: 400, body: { error: error.message } };
    throw error;
  }
}

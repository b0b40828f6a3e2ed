import { z } from 'zod';
import { controlFailure, controlRoute, noControlRoute, ok, parseControlBody, type ControlResult } from '../shared/control-http.js';
import { transportFaultSchemas } from '../shared/fault-registry.js';
import type { XEmulatorControl } from './control.js';
import type { FaultSpec } from './faults.js';
import { StateError, type EmulatedUser } from './store.js';

export { CONTROL_PREFIX } from '../shared/control-http.js';

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
  ...transportFaultSchemas(faultTarget),
  z.strictObject({ kind: z.literal('notYetVisible'), ...faultTarget }),
]);

const settings = z.strictObject({ replyRestriction: z.boolean().optional(), rateLimits: z.boolean().optional() });

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
): ControlResult {
  const route = controlRoute(method, path);
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
        return ok(control.createUser(parseControlBody(newUser, rawBody)), 201);
      case 'GET /posts': {
        const author = query.get('author');
        return ok(control.posts(author === null ? {} : { author }));
      }
      case 'POST /posts': {
        const { as, ...input } = parseControlBody(newPost, rawBody);
        return ok(control.post(as, input), 201);
      }
      case 'POST /dms': {
        const { from, ...input } = parseControlBody(newDm, rawBody);
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
        control.injectFault(parseControlBody(fault, rawBody));
        return ok({ armed: true }, 201);
      case 'DELETE /faults':
        control.clearFaults();
        return ok({ cleared: true });
      case 'GET /settings':
        return ok(control.settings());
      case 'POST /settings':
        return ok(control.configure(parseControlBody(settings, rawBody)));
      case 'POST /reset':
        control.reset();
        return ok({ reset: true });
    }
    const deleted = /^DELETE \/posts\/(\d+)$/.exec(route);
    if (deleted?.[1]) return ok({ deleted: control.deletePost(deleted[1]) });
    return noControlRoute(route);
  } catch (error) {
    return controlFailure(error, StateError);
  }
}

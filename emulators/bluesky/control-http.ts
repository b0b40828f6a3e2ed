import { z } from 'zod';
import { controlFailure, controlRoute, noControlRoute, ok, parseControlBody, requiredQuery, type ControlResult } from '../shared/control-http.js';
import { transportFaultSchemas } from '../shared/fault-registry.js';
import type { BlueskyEmulatorControl } from './control.js';
import type { FaultSpec } from './faults.js';
import { StateError } from './store.js';

export { CONTROL_PREFIX, type ControlResult } from '../shared/control-http.js';

const newUser = z.strictObject({
  handle: z.string().min(1),
  displayName: z.string().optional(),
  description: z.string().optional(),
  avatar: z.string().url().optional(),
  email: z.string().email().optional(),
  did: z.string().startsWith('did:').optional(),
  password: z.string().min(1).optional(),
  appPassword: z.string().min(1).optional(),
  followersCount: z.number().int().nonnegative().optional(),
  followsCount: z.number().int().nonnegative().optional(),
});

const newPost = z.strictObject({
  as: z.string().min(1),
  text: z.string(),
  replyTo: z.string().optional(),
  quote: z.string().optional(),
  facets: z.union([z.literal('auto'), z.literal('none'), z.array(z.unknown())]).optional(),
  langs: z.array(z.string()).optional(),
  createdAt: z.string().datetime({ offset: true }).optional(),
});

const xrpcErrorBody = z.strictObject({ error: z.string(), message: z.string() });
const target = { nsid: z.string().min(1), times: z.number().int().positive().optional() };
const fault: z.ZodType<FaultSpec> = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('status'), status: z.number().int().min(100).max(599), body: xrpcErrorBody.optional(), ...target }),
  z.strictObject({ kind: z.literal('rateLimit'), resetInSeconds: z.number().nonnegative(), ...target }),
  ...transportFaultSchemas(target),
  z.strictObject({ kind: z.literal('notYetIndexed'), ...target }),
]);

const settings = z.strictObject({
  rateLimits: z.boolean().optional(),
  accessTokenSeconds: z.number().int().positive().optional(),
  refreshTokenSeconds: z.number().int().positive().optional(),
});

/**
 * The control API over HTTP for the sandbox CLI: JSON in, JSON out, no authentication.
 * Failures answer 400 `{ error }` (404 for an unknown control path).
 */
export function handleControlRequest(control: BlueskyEmulatorControl, method: string, path: string, query: URLSearchParams, rawBody: string): ControlResult {
  const route = controlRoute(method, path);
  const optional = (name: string) => query.get(name) ?? undefined;
  try {
    switch (route) {
      case 'GET /state':
        return ok({
          users: control.users(),
          posts: control.posts(),
          notifications: control.notifications(),
          seenAt: control.seenAt() ?? null,
          settings: control.settings(),
        });
      case 'GET /users':
        return ok(control.users());
      case 'POST /users':
        return ok(control.createUser(parseControlBody(newUser, rawBody)), 201);
      case 'GET /posts': {
        const author = optional('author');
        return ok(control.posts(author === undefined ? {} : { author }));
      }
      case 'POST /posts': {
        const { as, ...input } = parseControlBody(newPost, rawBody);
        return ok(control.post(as, input), 201);
      }
      case 'DELETE /records':
        return ok({ deleted: control.deleteRecord(requiredQuery(query, 'uri')) });
      case 'POST /likes': {
        const { as, uri } = parseControlBody(z.strictObject({ as: z.string().min(1), uri: z.string().min(1) }), rawBody);
        return ok(control.like(as, uri), 201);
      }
      case 'POST /follows': {
        const { as, subject } = parseControlBody(z.strictObject({ as: z.string().min(1), subject: z.string().min(1).optional() }), rawBody);
        return ok(control.follow(as, subject), 201);
      }
      case 'POST /blocks': {
        const { blocker, blocked } = parseControlBody(z.strictObject({ blocker: z.string().min(1), blocked: z.string().min(1) }), rawBody);
        return ok(control.block(blocker, blocked), 201);
      }
      case 'GET /notifications': {
        const recipient = optional('recipient');
        return ok(control.notifications(recipient === undefined ? {} : { recipient }));
      }
      case 'GET /requests': {
        const nsid = optional('nsid');
        return ok(control.requests(nsid === undefined ? {} : { nsid }));
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
    return noControlRoute(route);
  } catch (error) {
    return controlFailure(error, StateError);
  }
}

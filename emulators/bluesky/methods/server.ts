import { z } from 'zod';
import type { RateLimitRule } from '../rate-limit.js';
import type { SessionTokens } from '../sessions.js';
import type { EmulatedAccount } from '../store.js';
import { handle, scalar } from '../validation.js';
import { authRequired, invalidRequest } from '../xrpc.js';
import { callerOf, defineMethod, type MethodContext, type XrpcMethod } from './method.js';

/** The PDS's createSession limits, keyed by the identifier as typed (and the client's IP, a constant here). */
const CREATE_SESSION_LIMITS: readonly RateLimitRule[] = [
  { bucket: 'createSession-day', limit: 300, windowSeconds: 86_400 },
  { bucket: 'createSession-5min', limit: 30, windowSeconds: 300 },
];

const createSessionInput = z.object({
  identifier: z.string(),
  password: z.string(),
  authFactorToken: z.string().optional(),
  allowTakendown: z.boolean().optional(),
});

/** A DID document naming the emulator as the account's PDS, so the client keeps talking to it. */
function didDoc(account: EmulatedAccount, ctx: MethodContext) {
  return {
    '@context': ['https://www.w3.org/ns/did/v1'],
    id: account.did,
    alsoKnownAs: [`at://${account.handle}`],
    service: [{ id: '#atproto_pds', type: 'AtprotoPersonalDataServer', serviceEndpoint: ctx.service.origin }],
  };
}

function sessionBody(account: EmulatedAccount, ctx: MethodContext, tokens?: SessionTokens) {
  return {
    ...tokens,
    handle: account.handle,
    did: account.did,
    didDoc: didDoc(account, ctx),
    email: account.email,
    emailConfirmed: true,
    emailAuthFactor: false,
    active: true,
  };
}

export const serverMethods: XrpcMethod[] = [
  defineMethod({
    nsid: 'com.atproto.server.createSession',
    type: 'procedure',
    auth: 'none',
    params: {},
    input: createSessionInput,
    rateLimit: { rules: CREATE_SESSION_LIMITS, key: ({ input }) => input.identifier, points: 1 },
    handle(ctx) {
      const account = ctx.store.accountByIdentifier(ctx.input.identifier);
      const scope =
        account?.appPassword === ctx.input.password ? 'com.atproto.appPass' : account?.password === ctx.input.password ? 'com.atproto.access' : undefined;
      if (!account || scope === undefined) throw authRequired('Invalid identifier or password');
      return { body: sessionBody(account, ctx, ctx.sessions.issue(account.did, scope)) };
    },
  }),
  defineMethod({
    nsid: 'com.atproto.server.refreshSession',
    type: 'procedure',
    auth: 'refresh',
    params: {},
    handle(ctx) {
      const caller = callerOf(ctx);
      const tokens = ctx.sessions.rotate(caller.refreshJti ?? '');
      return { body: sessionBody(caller.account, ctx, tokens) };
    },
  }),
  defineMethod({
    nsid: 'com.atproto.server.getSession',
    type: 'query',
    auth: 'access',
    params: {},
    handle: (ctx) => ({ body: sessionBody(callerOf(ctx).account, ctx) }),
  }),
  defineMethod({
    nsid: 'com.atproto.server.deleteSession',
    type: 'procedure',
    auth: 'refresh',
    params: {},
    handle(ctx) {
      ctx.sessions.revoke(callerOf(ctx).refreshJti ?? '');
      return {};
    },
  }),
  defineMethod({
    nsid: 'com.atproto.identity.resolveHandle',
    type: 'query',
    auth: 'none',
    params: { handle: scalar(handle) },
    handle(ctx) {
      const account = ctx.store.account(ctx.params.handle);
      if (!account) throw invalidRequest('Unable to resolve handle');
      return { body: { did: account.did } };
    },
  }),
];

import type { z } from 'zod';
import type { RateLimitRule } from '../rate-limit.js';
import type { Sessions } from '../sessions.js';
import type { BlueskyStore, EmulatedAccount } from '../store.js';
import type { ParamShape } from '../validation.js';
import type { ViewContext } from '../views.js';
import { XrpcError } from '../xrpc.js';

/**
 * What a method needs from the caller: an access token, a refresh token, an access token if any
 * (AppView reads: anonymous callers see no `viewer` state), or nothing.
 */
export type AuthRequirement = 'access' | 'refresh' | 'optional' | 'none';

export interface Caller {
  account: EmulatedAccount;
  /** Set when the caller presented a refresh token. */
  refreshJti?: string;
}

export interface ServiceInfo {
  /** Where clients reach the emulator, e.g. `http://127.0.0.1:PORT`: the PDS endpoint in DID documents. */
  origin: string;
  /** did:web of the emulated PDS, the audience of its tokens. */
  did: string;
}

export interface MethodContext<P = unknown, I = unknown> {
  params: P;
  input: I;
  caller?: Caller;
  store: BlueskyStore;
  sessions: Sessions;
  service: ServiceInfo;
}

export interface MethodOutput {
  /** JSON body; none for procedures without output. */
  body?: unknown;
  headers?: Record<string, string>;
}

export interface MethodRateLimit<I = unknown> {
  rules: readonly RateLimitRule[];
  /** The key points are counted under (per identifier, per account…). */
  key(call: { input: I; caller?: Caller }): string;
  /** Points a call spends (the PDS charges repo writes by kind). */
  points: number;
}

export interface XrpcMethod {
  nsid: string;
  type: 'query' | 'procedure';
  auth: AuthRequirement;
  /** Declared so the surface can be checked against the lexicon. */
  params: ParamShape;
  input?: z.ZodType;
  rateLimit?: MethodRateLimit;
  handle(ctx: MethodContext): MethodOutput;
  /** For AppView reads: the answer while recent writes are not indexed yet (the notYetIndexed fault). */
  unindexed?(ctx: MethodContext): MethodOutput;
}

export interface MethodDefinition<P extends ParamShape, I> {
  nsid: string;
  type: 'query' | 'procedure';
  auth: AuthRequirement;
  params: P;
  input?: z.ZodType<I>;
  rateLimit?: MethodRateLimit<I>;
  handle(ctx: MethodContext<z.infer<z.ZodObject<P>>, I>): MethodOutput;
  unindexed?(ctx: MethodContext<z.infer<z.ZodObject<P>>, I>): MethodOutput;
}

/** Types a method's handler by its schemas; the server parses params and input with those same schemas before calling it. */
export function defineMethod<P extends ParamShape, I = undefined>(definition: MethodDefinition<P, I>): XrpcMethod {
  return definition;
}

/** The caller of a method declared with auth 'access' or 'refresh'. */
export function callerOf(ctx: MethodContext): Caller {
  if (!ctx.caller) throw new XrpcError(401, 'AuthMissing', 'Authentication Required');
  return ctx.caller;
}

/** DIDs and handles name accounts interchangeably in parameters (`at-identifier`). */
export function actorOf(ctx: MethodContext, actor: string): EmulatedAccount {
  const account = ctx.store.account(actor);
  if (!account) throw new XrpcError(400, 'InvalidRequest', 'Profile not found');
  return account;
}

/** What the AppView hydrates views for: the authenticated account, if any. */
export const viewOf = (ctx: MethodContext): ViewContext => ({ store: ctx.store, ...(ctx.caller ? { viewer: ctx.caller.account.did } : {}) });

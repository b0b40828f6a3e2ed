import type { z } from 'zod';
import type { Caller } from '../auth.js';
import type { ApiResult } from '../problems.js';
import type { RateLimitRule } from '../rate-limit.js';
import type { XStore } from '../store.js';
import { parseParams, type ParamShape } from '../validation.js';

/** Switchable X policies that a test or the sandbox may want to relax. */
export interface Policy {
  /** Self-serve rule: a reply needs the original author to have mentioned or quoted the replier. */
  replyRestriction: boolean;
}

export interface RouteContext {
  params: Record<string, string>;
  query: Record<string, string>;
  rawBody: string;
  caller: Caller;
  store: XStore;
  policy: Policy;
}

export interface ApiRoute {
  method: 'GET' | 'POST' | 'DELETE';
  /** OpenAPI path template, e.g. `/2/users/{id}/mentions`. */
  path: string;
  /** 'userOrApp' where X's spec also lists BearerToken security. */
  auth: 'user' | 'userOrApp';
  /** X's documented per-user limit for the endpoint (15-minute window). */
  rateLimit: RateLimitRule;
  /** Accepted query parameters (anything else is X's 400); declared so the surface can be checked against the spec. */
  query: ParamShape;
  /** JSON body schema, likewise declared for the spec check. */
  body?: z.ZodObject;
  handle(ctx: RouteContext): ApiResult;
}

export interface RouteDefinition<Q extends ParamShape> extends Omit<ApiRoute, 'handle' | 'query'> {
  query: Q;
  handle(ctx: RouteContext, query: z.infer<z.ZodObject<Q>>): ApiResult;
}

/** Query parameters are checked here, once for every route, before the handler sees them. */
export function defineRoute<Q extends ParamShape>(definition: RouteDefinition<Q>): ApiRoute {
  return { ...definition, handle: (ctx) => definition.handle(ctx, parseParams(definition.query, ctx.query)) };
}

/** The authenticated user; routes with auth 'user' are only reached with one. */
export function callerUser(ctx: RouteContext) {
  if (ctx.caller.kind !== 'user') throw new Error(`route needs a user context`);
  return ctx.caller.user;
}

export const FIFTEEN_MINUTES = 15 * 60;

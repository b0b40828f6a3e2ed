import { timingSafeEqual } from 'node:crypto';
import { parseOAuthHeader, verifyHmacSha1 } from './oauth.js';
import { unauthorized } from './problems.js';
import type { EmulatedUser, XStore } from './store.js';

export interface AppCredentials {
  appKey: string;
  appSecret: string;
  bearerToken: string;
}

export type Caller = { kind: 'user'; user: EmulatedUser } | { kind: 'app' };

export interface IncomingAuth {
  method: string;
  baseUri: string;
  authorization: string | undefined;
  params: [string, string][];
}

const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/**
 * Who is calling: an OAuth 1.0a user context signed with the app's consumer secret and a
 * registered user's token secret, or the app's Bearer token. Anything else is X's 401.
 */
export function authenticate(req: IncomingAuth, app: AppCredentials, store: XStore): Caller {
  const bearer = /^Bearer\s+(.+)$/i.exec(req.authorization ?? '')?.[1];
  if (bearer !== undefined) {
    if (sameSecret(decodeURIComponent(bearer), app.bearerToken)) return { kind: 'app' };
    throw unauthorized();
  }
  const oauth = parseOAuthHeader(req.authorization);
  if (!oauth || oauth.get('oauth_consumer_key') !== app.appKey) throw unauthorized();
  const user = store.userByAccessToken(oauth.get('oauth_token') ?? '');
  if (!user) throw unauthorized();
  const signed = { method: req.method, baseUri: req.baseUri, params: req.params, oauth };
  if (!verifyHmacSha1(signed, app.appSecret, user.accessSecret)) throw unauthorized();
  return { kind: 'user', user };
}

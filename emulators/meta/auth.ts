import { timingSafeEqual } from 'node:crypto';
import type { IncomingHttpHeaders } from 'node:http';
import { expiredToken, invalidToken, missingToken } from './graph-errors.js';
import type { InstagramAccount, PageProfile } from './store.js';

/** Who calls: the Page (a Page access token) or the Instagram account (an Instagram Login token). */
export type TokenKind = 'page' | 'instagram';

export interface Caller {
  kind: TokenKind;
  /** The Page id or the Instagram account id: what `me` means for this token. */
  ownerId: string;
}

/** Graph reads the token from `Authorization: Bearer|OAuth <token>` or the `access_token` parameter. */
export function readToken(headers: IncomingHttpHeaders, params: Record<string, unknown>): string | undefined {
  const header = /^(?:Bearer|OAuth)\s+(.+)$/i.exec(headers.authorization ?? '')?.[1];
  if (header !== undefined) return header.trim();
  const param = params.access_token;
  return typeof param === 'string' && param.length > 0 ? param : undefined;
}

const sameSecret = (a: string, b: string): boolean => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export interface TokenRegistry {
  page: PageProfile;
  instagram: InstagramAccount;
  /** When a token was made to expire (control `expireToken`); such a token answers code 190 subcode 463. */
  expiredAt: Map<TokenKind, number>;
}

export function authenticate(token: string | undefined, tokens: TokenRegistry, now: number): Caller {
  if (token === undefined) throw missingToken();
  const kind: TokenKind | undefined = sameSecret(token, tokens.page.accessToken)
    ? 'page'
    : sameSecret(token, tokens.instagram.accessToken)
      ? 'instagram'
      : undefined;
  if (kind === undefined) throw invalidToken();
  const expiredAt = tokens.expiredAt.get(kind);
  if (expiredAt !== undefined) throw expiredToken(expiredAt, now);
  return { kind, ownerId: kind === 'page' ? tokens.page.id : tokens.instagram.id };
}

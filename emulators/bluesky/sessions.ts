import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { XrpcError } from './xrpc.js';

/** Scopes of the PDS's session tokens: a full-access login, an app-password login, and the refresh token. */
export type AccessScope = 'com.atproto.access' | 'com.atproto.appPass';
const REFRESH_SCOPE = 'com.atproto.refresh';

/** The PDS lets a used refresh token be replayed this long, answering with the same next token (a lost response must not end the session). */
const REFRESH_GRACE_MS = 2 * 3600_000;

export interface SessionTokens {
  accessJwt: string;
  refreshJwt: string;
}

export interface SessionLifetimes {
  /** The PDS's is 2 hours. */
  accessSeconds: number;
  /** The PDS's is 90 days. */
  refreshSeconds: number;
}

interface Claims {
  scope: string;
  sub: string;
  aud: string;
  iat: number;
  exp: number;
  jti?: string;
}

interface StoredRefreshToken {
  did: string;
  accessScope: AccessScope;
  expiresAtMs: number;
  /** Set once used: replays within the grace period get a token with this id again. */
  nextId?: string;
}

const base64url = (value: string | Buffer): string => Buffer.from(value).toString('base64url');
const unverifiable = (): XrpcError => new XrpcError(400, 'InvalidToken', 'Token could not be verified');

/**
 * Session tokens as the PDS issues them: HS256 JWTs (`typ` at+jwt / refresh+jwt) carrying the DID as
 * `sub`, checked against the injectable clock. Refresh tokens rotate on use, with the PDS's grace period.
 */
export class Sessions {
  private readonly secret = randomBytes(32);
  private refreshTokens = new Map<string, StoredRefreshToken>();

  constructor(
    private readonly now: () => number,
    public lifetimes: SessionLifetimes,
    private readonly audience: string,
  ) {}

  issue(did: string, accessScope: AccessScope): SessionTokens {
    const jti = randomBytes(32).toString('base64');
    this.refreshTokens.set(jti, { did, accessScope, expiresAtMs: this.now() + this.lifetimes.refreshSeconds * 1000 });
    return this.tokens(did, accessScope, jti);
  }

  private tokens(did: string, accessScope: AccessScope, jti: string): SessionTokens {
    const iat = Math.floor(this.now() / 1000);
    return {
      accessJwt: this.sign('at+jwt', { scope: accessScope, sub: did, aud: this.audience, iat, exp: iat + this.lifetimes.accessSeconds }),
      refreshJwt: this.sign('refresh+jwt', { scope: REFRESH_SCOPE, sub: did, aud: this.audience, jti, iat, exp: iat + this.lifetimes.refreshSeconds }),
    };
  }

  /** The DID an access token speaks for; 400 ExpiredToken / InvalidToken as the PDS answers otherwise. */
  verifyAccess(token: string): { did: string } {
    const claims = this.verify(token, 'at+jwt');
    if (claims.scope !== 'com.atproto.access' && claims.scope !== 'com.atproto.appPass') throw new XrpcError(400, 'InvalidToken', 'Bad token scope');
    return { did: claims.sub };
  }

  /** The refresh token's id, when its signature and lifetime hold (it may still have been revoked: see rotate). */
  verifyRefresh(token: string): { did: string; jti: string } {
    const claims = this.verify(token, 'refresh+jwt');
    if (claims.scope !== REFRESH_SCOPE || claims.jti === undefined) throw new XrpcError(400, 'InvalidToken', 'Bad token scope');
    return { did: claims.sub, jti: claims.jti };
  }

  /** New tokens for a refresh token; the old one stays usable for the grace period, yielding the same successor. */
  rotate(jti: string): SessionTokens {
    const now = this.now();
    const stored = this.refreshTokens.get(jti);
    if (!stored || stored.expiresAtMs <= now) throw new XrpcError(400, 'ExpiredToken', 'Token has been revoked');
    const nextId = stored.nextId ?? randomBytes(32).toString('base64');
    stored.expiresAtMs = Math.min(stored.expiresAtMs, now + REFRESH_GRACE_MS);
    stored.nextId = nextId;
    if (!this.refreshTokens.has(nextId)) {
      this.refreshTokens.set(nextId, { did: stored.did, accessScope: stored.accessScope, expiresAtMs: now + this.lifetimes.refreshSeconds * 1000 });
    }
    return this.tokens(stored.did, stored.accessScope, nextId);
  }

  revoke(jti: string): void {
    this.refreshTokens.delete(jti);
  }

  private sign(typ: string, claims: Claims): string {
    const unsigned = `${base64url(JSON.stringify({ typ, alg: 'HS256' }))}.${base64url(JSON.stringify(claims))}`;
    return `${unsigned}.${createHmac('sha256', this.secret).update(unsigned).digest('base64url')}`;
  }

  private verify(token: string, typ: string): Claims {
    const [header, payload, signature] = token.split('.');
    if (header === undefined || payload === undefined || signature === undefined) throw unverifiable();
    const expected = createHmac('sha256', this.secret).update(`${header}.${payload}`).digest();
    const given = Buffer.from(signature, 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) throw unverifiable();
    const parsedHeader = JSON.parse(Buffer.from(header, 'base64url').toString('utf8')) as { typ?: string };
    if (parsedHeader.typ !== typ) throw new XrpcError(400, 'InvalidToken', 'Invalid token type');
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8')) as Claims;
    if (claims.exp * 1000 <= this.now()) throw new XrpcError(400, 'ExpiredToken', 'Token has expired');
    return claims;
  }
}

import { createHmac, timingSafeEqual } from 'node:crypto';

/** RFC 3986 unreserved-only encoding, as RFC 5849 §3.6 requires. */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Parses `Authorization: OAuth k="v", …` into its decoded parameters; undefined when not OAuth. */
export function parseOAuthHeader(header: string | undefined): Map<string, string> | undefined {
  if (!header || !/^OAuth\s/i.test(header)) return undefined;
  const params = new Map<string, string>();
  for (const match of header.slice(6).matchAll(/([A-Za-z0-9_.~%-]+)="([^"]*)"/g)) {
    const [, key = '', value = ''] = match;
    try {
      params.set(decodeURIComponent(key), decodeURIComponent(value));
    } catch {
      return undefined;
    }
  }
  return params;
}

export interface SignedRequest {
  method: string;
  /** Scheme, host (with port unless default) and path — RFC 5849 §3.4.1.2. */
  baseUri: string;
  /** Decoded query parameters and, for form-encoded bodies, body parameters. */
  params: [string, string][];
  oauth: Map<string, string>;
}

export function signatureBaseString(req: SignedRequest): string {
  const pairs = [...req.params, ...[...req.oauth].filter(([k]) => k !== 'oauth_signature' && k !== 'realm')]
    .map(([k, v]) => [percentEncode(k), percentEncode(v)] as const)
    .sort(([ak, av], [bk, bv]) => (ak === bk ? (av < bv ? -1 : av > bv ? 1 : 0) : ak < bk ? -1 : 1));
  const normalized = pairs.map(([k, v]) => `${k}=${v}`).join('&');
  return [req.method.toUpperCase(), percentEncode(req.baseUri), percentEncode(normalized)].join('&');
}

/** Recomputes the HMAC-SHA1 signature and compares it in constant time. */
export function verifyHmacSha1(req: SignedRequest, consumerSecret: string, tokenSecret: string): boolean {
  if (req.oauth.get('oauth_signature_method') !== 'HMAC-SHA1') return false;
  const given = Buffer.from(req.oauth.get('oauth_signature') ?? '', 'base64');
  const key = `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`;
  const expected = createHmac('sha1', key).update(signatureBaseString(req)).digest();
  return given.length === expected.length && timingSafeEqual(given, expected);
}

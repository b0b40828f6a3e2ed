import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:https';
import OAuth from 'oauth-1.0a';
import { afterEach, describe, expect, it } from 'vitest';
import { startXEmulator, type XEmulator } from '../../../emulators/x/index.js';
import { parseOAuthHeader, verifyHmacSha1 } from '../../../emulators/x/oauth.js';

const consumer = { key: 'consumer-key', secret: 'consumer secret/+' };
const token = { key: '42-token', secret: 'token&secret' };
const oauth = new OAuth({
  consumer,
  signature_method: 'HMAC-SHA1',
  hash_function: (base, key) => createHmac('sha1', key).update(base).digest('base64'),
});

/** Signs with an independent RFC 5849 implementation (oauth-1.0a), then verifies with the emulator's. */
function signedRequest(method: string, url: string, form: Record<string, string> = {}) {
  // authorize() merges the URL's query into `data`, so it gets a copy.
  const header = oauth.toHeader(oauth.authorize({ url, method, data: { ...form } }, token)).Authorization;
  const parsed = new URL(url);
  return {
    method,
    baseUri: `${parsed.protocol}//${parsed.host}${parsed.pathname}`,
    params: [...parsed.searchParams, ...Object.entries(form)],
    oauth: parseOAuthHeader(header) ?? new Map<string, string>(),
  };
}

describe('OAuth 1.0a signature verification (RFC 5849)', () => {
  it('accepts signatures over reserved characters, repeated keys and form bodies', () => {
    const get = signedRequest('GET', 'https://127.0.0.1:4443/2/tweets?ids=1%2C2&q=hello%20world%21%2A%27%28%29&a=2&a=1');
    expect(verifyHmacSha1(get, consumer.secret, token.secret)).toBe(true);
    const post = signedRequest('POST', 'https://127.0.0.1:4443/2/tweets', { status: 'café ☕ & more' });
    expect(verifyHmacSha1(post, consumer.secret, token.secret)).toBe(true);
  });

  it('rejects a wrong secret, a changed parameter, method or host', () => {
    const get = signedRequest('GET', 'https://127.0.0.1:4443/2/users/me?user.fields=name');
    expect(verifyHmacSha1(get, consumer.secret, 'other')).toBe(false);
    expect(verifyHmacSha1(get, 'other', token.secret)).toBe(false);
    expect(verifyHmacSha1({ ...get, params: [['user.fields', 'username']] }, consumer.secret, token.secret)).toBe(false);
    expect(verifyHmacSha1({ ...get, method: 'POST' }, consumer.secret, token.secret)).toBe(false);
    expect(verifyHmacSha1({ ...get, baseUri: 'https://127.0.0.1:4444/2/users/me' }, consumer.secret, token.secret)).toBe(false);
  });
});

describe('X emulator over the wire', () => {
  let x: XEmulator;
  afterEach(() => x.close());

  function get(path: string, signedPath: string): Promise<number> {
    const client = new OAuth({
      consumer: { key: x.credentials.appKey, secret: x.credentials.appSecret },
      signature_method: 'HMAC-SHA1',
      hash_function: (base, key) => createHmac('sha1', key).update(base).digest('base64'),
    });
    const auth = client.toHeader(
      client.authorize({ url: `${x.origin}${signedPath}`, method: 'GET' }, { key: x.credentials.accessToken, secret: x.credentials.accessSecret }),
    );
    return new Promise((resolve, reject) => {
      const req = request(`${x.origin}${path}`, { agent: new Agent({ ca: x.ca }), headers: { authorization: auth.Authorization } }, (res) => {
        res.resume();
        res.on('end', () => resolve(res.statusCode ?? 0));
      });
      req.on('error', reject);
      req.end();
    });
  }

  it('accepts a request signed for its exact query and rejects it once the query is changed', async () => {
    x = await startXEmulator();
    const path = `/2/users/${x.brand.id}/mentions?max_results=50`;
    expect(await get(path, path)).toBe(200);
    expect(await get(`/2/users/${x.brand.id}/mentions?max_results=60`, path)).toBe(401);
  });
});

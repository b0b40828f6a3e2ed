import { createHmac } from 'node:crypto';
import { Agent, request } from 'node:https';
import OAuth from 'oauth-1.0a';
import { TwitterApi } from 'twitter-api-v2';
import type { XEmulator } from '../../../emulators/x/index.js';

export interface UserTokens {
  accessToken: string;
  accessSecret: string;
}

/**
 * A twitter-api-v2 client aimed at the emulator the way Earshot aims its own: same client, only
 * the v2 prefix and the trusted CA differ. `setPrefix` is protected in the typings, hence the cast.
 */
export function clientFor(emulator: XEmulator, tokens: UserTokens = emulator.credentials): TwitterApi {
  const client = new TwitterApi(
    {
      appKey: emulator.credentials.appKey,
      appSecret: emulator.credentials.appSecret,
      accessToken: tokens.accessToken,
      accessSecret: tokens.accessSecret,
    },
    { httpAgent: new Agent({ ca: emulator.ca }) },
  );
  (client.v2 as unknown as { setPrefix(prefix: string): void }).setPrefix(emulator.baseUrl);
  return client;
}

export function appClientFor(emulator: XEmulator): TwitterApi {
  const client = new TwitterApi(emulator.credentials.bearerToken, { httpAgent: new Agent({ ca: emulator.ca }) });
  (client.v2 as unknown as { setPrefix(prefix: string): void }).setPrefix(emulator.baseUrl);
  return client;
}

export interface RawResponse {
  status: number;
  contentType: string;
  body: unknown;
}

function rawRequest(emulator: XEmulator, method: string, path: string, body: unknown, headers: Record<string, string>): Promise<RawResponse> {
  return new Promise((resolve, reject) => {
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = request(
      `${emulator.origin}${path}`,
      {
        method,
        agent: new Agent({ ca: emulator.ca }),
        headers: {
          ...headers,
          ...(payload === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(Buffer.byteLength(payload)) }),
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            contentType: res.headers['content-type'] ?? '',
            body: JSON.parse(Buffer.concat(chunks).toString('utf8')),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end(payload);
  });
}

/** Calls the emulator's HTTP control API (`/_emulator/...`) as the sandbox CLI would. */
export async function controlRequest(emulator: XEmulator, method: string, path: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const { status, body: json } = await rawRequest(emulator, method, `/_emulator${path}`, body, {});
  return { status, body: json };
}

/** An X API request signed by an independent OAuth 1.0a implementation, answered with status and raw JSON. */
export function signedRequest(
  emulator: XEmulator,
  method: string,
  pathAndQuery: string,
  body?: unknown,
  tokens: UserTokens = emulator.credentials,
): Promise<RawResponse> {
  const oauth = new OAuth({
    consumer: { key: emulator.credentials.appKey, secret: emulator.credentials.appSecret },
    signature_method: 'HMAC-SHA1',
    hash_function: (base, key) => createHmac('sha1', key).update(base).digest('base64'),
  });
  const signed = oauth.authorize({ url: `${emulator.origin}${pathAndQuery}`, method }, { key: tokens.accessToken, secret: tokens.accessSecret });
  return rawRequest(emulator, method, pathAndQuery, body, { authorization: oauth.toHeader(signed).Authorization });
}

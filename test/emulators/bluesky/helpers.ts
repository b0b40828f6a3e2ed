import { readFileSync } from 'node:fs';
import path from 'node:path';
import { AtpAgent, XRPCError } from '@atproto/api';
import type { BlueskyEmulator } from '../../../emulators/bluesky/index.js';

/** An AtpAgent logged in as the brand, exactly as Earshot's adapter will make one: only `service` points elsewhere. */
export async function brandAgent(bsky: BlueskyEmulator): Promise<AtpAgent> {
  const agent = new AtpAgent({ service: bsky.service });
  await agent.login({ identifier: bsky.credentials.identifier, password: bsky.credentials.password });
  return agent;
}

export interface RawResponse {
  status: number;
  headers: Headers;
  body: unknown;
}

export interface RawCall {
  params?: Record<string, string | number | boolean | string[]>;
  body?: unknown;
  token?: string;
}

/** An XRPC call over plain fetch, for the status, headers and body exactly as sent. */
export async function xrpc(bsky: BlueskyEmulator, method: 'GET' | 'POST', nsid: string, call: RawCall = {}): Promise<RawResponse> {
  const url = new URL(`/xrpc/${nsid}`, bsky.service);
  for (const [key, value] of Object.entries(call.params ?? {})) {
    for (const item of Array.isArray(value) ? value : [value]) url.searchParams.append(key, String(item));
  }
  const response = await fetch(url, {
    method,
    headers: {
      ...(call.token !== undefined ? { authorization: `Bearer ${call.token}` } : {}),
      ...(call.body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    ...(call.body !== undefined ? { body: JSON.stringify(call.body) } : {}),
    signal: AbortSignal.timeout(10_000),
  });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text.length > 0 ? (JSON.parse(text) as unknown) : undefined };
}

/** Calls the emulator's HTTP control API (`/_emulator/...`) as the sandbox CLI would. */
export async function controlRequest(bsky: BlueskyEmulator, method: string, pathAndQuery: string, body?: unknown): Promise<{ status: number; body: unknown }> {
  const response = await fetch(new URL(`/_emulator${pathAndQuery}`, bsky.service), {
    method,
    ...(body !== undefined ? { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) } : {}),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: await response.json() };
}

/** The rejection of a call that must fail. */
export async function failure(promise: Promise<unknown>): Promise<XRPCError> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof XRPCError) return error;
    throw error;
  }
  throw new Error('expected the call to fail');
}

/** The certificate global-setup.ts made, which this process trusts through NODE_EXTRA_CA_CERTS. */
export function testTls(): { key: string; cert: string } {
  const dir = process.env.EARSHOT_TEST_TLS_DIR;
  if (!dir) throw new Error('EARSHOT_TEST_TLS_DIR is unset: run the tests through vitest (global-setup.ts makes the certificate).');
  return { key: readFileSync(path.join(dir, 'key.pem'), 'utf8'), cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8') };
}

import { request as httpRequest, type IncomingHttpHeaders } from 'node:http';
import { Agent, request as httpsRequest } from 'node:https';
import type { MetaEmulator } from '../../../emulators/meta/index.js';

export interface GraphResponse {
  status: number;
  headers: IncomingHttpHeaders;
  /** The bytes as sent. */
  raw: string;
  body: unknown;
}

export interface GraphRequestOptions {
  /** The token to send; the Page token unless given; null sends none. */
  token?: string | null;
  /** Send the token as `Authorization: Bearer` instead of the `access_token` parameter. */
  bearer?: boolean;
  /** A JSON body, or form fields. */
  json?: unknown;
  form?: Record<string, string>;
}

/** Any request to the emulator's origin (Graph or control), over HTTP or HTTPS, answered with status, headers and parsed JSON. */
export function rawRequest(
  meta: MetaEmulator,
  method: string,
  pathAndQuery: string,
  body?: { contentType: string; text: string },
  headers: Record<string, string> = {},
): Promise<GraphResponse> {
  const url = new URL(pathAndQuery, meta.origin);
  const send = url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolve, reject) => {
    const req = send(
      url,
      {
        method,
        ...(meta.ca ? { agent: new Agent({ ca: meta.ca }) } : {}),
        headers: { ...headers, ...(body ? { 'content-type': body.contentType, 'content-length': String(Buffer.byteLength(body.text)) } : {}) },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          resolve({ status: res.statusCode ?? 0, headers: res.headers, raw, body: raw.length > 0 ? JSON.parse(raw) : undefined });
        });
      },
    );
    req.on('error', reject);
    req.end(body?.text);
  });
}

/** A Graph API call as an adapter makes it: `path` is relative to the versioned base (`/me/messages`). */
export function graph(meta: MetaEmulator, method: string, path: string, options: GraphRequestOptions = {}): Promise<GraphResponse> {
  const token = options.token === undefined ? meta.credentials.pageAccessToken : options.token;
  const url = new URL(`${meta.graphUrl}${path}`);
  const headers: Record<string, string> = {};
  if (token !== null && options.bearer) headers.authorization = `Bearer ${token}`;
  else if (token !== null) url.searchParams.set('access_token', token);
  const body =
    options.json !== undefined
      ? { contentType: 'application/json', text: JSON.stringify(options.json) }
      : options.form
        ? { contentType: 'application/x-www-form-urlencoded', text: new URLSearchParams(options.form).toString() }
        : undefined;
  return rawRequest(meta, method, `${url.pathname}${url.search}`, body, headers);
}

/** Calls the HTTP control API (`/_emulator/...`) as the sandbox does. */
export async function controlRequest(meta: MetaEmulator, method: string, path: string, json?: unknown): Promise<{ status: number; body: unknown }> {
  const { status, body } = await rawRequest(
    meta,
    method,
    `/_emulator${path}`,
    json === undefined ? undefined : { contentType: 'application/json', text: JSON.stringify(json) },
  );
  return { status, body };
}

import { type IncomingMessage, type Server, type ServerResponse, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EmulatorCore } from './core.js';
import type { SocketTransport } from './delivery/socket.js';
import { RESPONSE_URL_PREFIXES } from './response-urls.js';
import { UPLOAD_PREFIX } from './web-api/files.js';
import { type MethodTable, callMethod } from './web-api/router.js';

const API_PREFIX = '/api/';
const FILES_PREFIX = '/files-pri/';

async function readRaw(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** Method arguments from the query string plus a JSON, form-urlencoded or multipart body. */
async function readArguments(req: IncomingMessage, raw: Buffer, url: URL): Promise<Record<string, unknown>> {
  const values: Record<string, unknown> = Object.fromEntries(url.searchParams);
  const contentType = req.headers['content-type'] ?? '';
  if (raw.length === 0) return values;
  if (contentType.startsWith('application/json')) {
    const parsed = JSON.parse(raw.toString('utf8')) as unknown;
    return typeof parsed === 'object' && parsed !== null ? { ...values, ...(parsed as Record<string, unknown>) } : values;
  }
  if (contentType.startsWith('multipart/form-data')) {
    const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
    for (const [key, value] of form) values[key] = typeof value === 'string' ? value : Buffer.from(await value.arrayBuffer());
    return values;
  }
  return { ...values, ...Object.fromEntries(new URLSearchParams(raw.toString('utf8'))) };
}

/** The bytes of an upload: the file part of a multipart body, or the raw body. */
async function uploadedBytes(req: IncomingMessage, raw: Buffer): Promise<Buffer> {
  const contentType = req.headers['content-type'] ?? '';
  if (!contentType.startsWith('multipart/form-data')) return raw;
  const form = await new Response(new Uint8Array(raw), { headers: { 'content-type': contentType } }).formData();
  for (const value of form.values()) {
    if (typeof value !== 'string') return Buffer.from(await value.arrayBuffer());
  }
  const first: unknown = form.values().next().value;
  return Buffer.from(typeof first === 'string' ? first : '');
}

function send(res: ServerResponse, status: number, headers: Record<string, string>, body: string | Buffer): void {
  res.writeHead(status, headers);
  res.end(body);
}

function sendJson(res: ServerResponse, status: number, body: unknown): void {
  send(res, status, { 'content-type': 'application/json; charset=utf-8' }, JSON.stringify(body));
}

async function route(core: EmulatorCore, methods: MethodTable, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', 'http://127.0.0.1');
  const path = url.pathname;
  const raw = await readRaw(req);

  if (path.startsWith(API_PREFIX)) {
    let values: Record<string, unknown>;
    try {
      values = await readArguments(req, raw, url);
    } catch {
      sendJson(res, 200, { ok: false, error: 'invalid_json' });
      return;
    }
    const answer = await callMethod(core, methods, path.slice(API_PREFIX.length), values, req.headers.authorization);
    send(res, answer.status, answer.headers, answer.body);
    return;
  }

  if (req.method === 'POST' && path.startsWith(UPLOAD_PREFIX)) {
    const file = core.state.fileByUploadPath(path);
    if (!file || file.completed) {
      send(res, 404, { 'content-type': 'text/plain' }, 'Not Found');
      return;
    }
    file.content = await uploadedBytes(req, raw);
    file.length = file.content.length;
    send(res, 200, { 'content-type': 'text/plain; charset=utf-8' }, `OK - ${file.content.length}`);
    return;
  }

  if (req.method === 'POST' && RESPONSE_URL_PREFIXES.some((prefix) => path.startsWith(prefix))) {
    let body: unknown;
    try {
      body = JSON.parse(raw.toString('utf8'));
    } catch {
      body = Object.fromEntries(new URLSearchParams(raw.toString('utf8')));
    }
    const answer = core.responseUrls.handle(core, path, body);
    sendJson(res, answer.status, answer.body);
    return;
  }

  if (req.method === 'GET' && path.startsWith(FILES_PREFIX)) {
    if (req.headers.authorization !== `Bearer ${core.secrets.botToken}`) {
      send(res, 302, { location: `https://${core.state.team.domain}.slack.com/?redir=${encodeURIComponent(path)}` }, '');
      return;
    }
    const fileId = /^[A-Z0-9]+-([A-Z0-9]+)\//.exec(path.slice(FILES_PREFIX.length))?.[1];
    const file = fileId === undefined ? undefined : core.state.file(fileId);
    if (!file?.completed || file.content === null) {
      send(res, 404, { 'content-type': 'text/plain' }, 'Not Found');
      return;
    }
    send(res, 200, { 'content-type': file.mimetype, 'content-length': String(file.content.length) }, file.content);
    return;
  }

  send(res, 404, { 'content-type': 'text/plain' }, 'Not Found');
}

export interface ListeningServer {
  server: Server;
  baseUrl: string;
}

/** One plain-HTTP server on 127.0.0.1 for the Web API, uploads, response_urls and Socket Mode. */
export async function startServer(core: EmulatorCore, methods: MethodTable, socket: SocketTransport): Promise<ListeningServer> {
  const server = createServer((req, res) => {
    route(core, methods, req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'internal_error', detail: String(error) });
      else res.destroy();
    });
  });
  server.on('upgrade', (req, sock, head) => socket.handleUpgrade(req, sock, head));
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return { server, baseUrl: `http://127.0.0.1:${port}` };
}

import { once } from 'node:events';
import { connect } from 'node:net';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startMetaEmulator, type MetaEmulator } from '../../../emulators/meta/index.js';
import { graph, type GraphResponse } from './graph-client.js';
import { startReceiver, type Receiver } from './receiver.js';

let meta: MetaEmulator;
let receiver: Receiver;
let now = Date.parse('2026-03-01T10:00:00Z');

beforeEach(async () => {
  now = Date.parse('2026-03-01T10:00:00Z');
  receiver = await startReceiver();
  meta = await startMetaEmulator({ protocol: 'http', now: () => now, webhook: { url: receiver.url } });
});
afterEach(async () => {
  await meta.close();
  await receiver.close();
});

const errorOf = (response: GraphResponse) => (response.body as { error: Record<string, unknown> }).error;
const usageOf = (response: GraphResponse, header: 'x-app-usage' | 'x-business-use-case-usage'): unknown => JSON.parse(String(response.headers[header]));

const failure = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (error: unknown) => error,
  );

describe('Meta emulator fault injection', () => {
  it('answers a transient Graph error for the next matching request only, then recovers', async () => {
    meta.control.injectFault({ method: 'GET', path: '/:id/feed', kind: 'error', code: 2 });
    await expect(graph(meta, 'GET', '/me')).resolves.toMatchObject({ status: 200 });
    const failed = await graph(meta, 'GET', `/${meta.page.id}/feed`);
    expect(failed.status).toBe(500);
    expect(failed.body).toEqual({
      error: { message: 'An unexpected error has occurred. Please retry your request later.', type: 'OAuthException', code: 2, fbtrace_id: expect.any(String) },
    });
    expect(failed.headers['x-fb-trace-id']).toBe((failed.body as { error: { fbtrace_id: string } }).error.fbtrace_id);
    expect((await graph(meta, 'GET', `/${meta.page.id}/feed`)).status).toBe(200);
    expect(meta.control.requests({ path: '/:id/feed' }).map((r) => [r.status, r.errorCode])).toEqual([
      [500, 2],
      [200, undefined],
    ]);
  });

  it.each([
    [1, 500, 'An unknown error occurred'],
    [10, 403, '(#10) Application does not have permission for this action'],
    [200, 403, '(#200) Permissions error'],
    [368, 400, '(#368) The action attempted has been deemed abusive or is otherwise disallowed'],
  ])('answers code %i with status %i and Graph’s message', async (code, status, message) => {
    meta.control.injectFault({ path: '/*', kind: 'error', code });
    const answer = await graph(meta, 'POST', '/me/messages', { json: {} });
    expect(answer.status).toBe(status);
    expect(errorOf(answer)).toMatchObject({ code, message, type: 'OAuthException' });
  });

  it('answers a chosen subcode, status and message', async () => {
    meta.control.injectFault({ path: '/me', kind: 'error', code: 100, subcode: 2018001, status: 400, message: '(#100) No matching user found' });
    expect(errorOf(await graph(meta, 'GET', '/me'))).toMatchObject({ code: 100, error_subcode: 2018001, message: '(#100) No matching user found' });
  });

  it('answers a throttling error with usage headers at 100% and the time to regain access', async () => {
    meta.control.injectFault({ path: '/me', kind: 'rateLimit', code: 32, minutesToRegainAccess: 17, times: 2 });
    const page = await graph(meta, 'GET', '/me');
    expect([page.status, errorOf(page).code, errorOf(page).message]).toEqual([400, 32, '(#32) Page request limit reached']);
    expect(usageOf(page, 'x-app-usage')).toEqual({ call_count: 100, total_cputime: 100, total_time: 100 });
    expect(usageOf(page, 'x-business-use-case-usage')).toEqual({
      [meta.page.id]: [{ type: 'pages', call_count: 100, total_cputime: 100, total_time: 100, estimated_time_to_regain_access: 17 }],
    });
    const instagram = await graph(meta, 'GET', '/me', { token: meta.credentials.instagramAccessToken });
    expect(usageOf(instagram, 'x-business-use-case-usage')).toEqual({ [meta.instagram.id]: [expect.objectContaining({ type: 'instagram' })] });
    expect((await graph(meta, 'GET', '/me')).status).toBe(200);
  });

  it('reports usage on every answer and throttles a spent hourly budget until the hour ends', async () => {
    meta.control.configure({ rateLimitPerHour: 4 });
    const answers = [];
    for (let i = 0; i < 5; i += 1) answers.push(await graph(meta, 'GET', '/me'));
    expect(answers.map((a) => (usageOf(a, 'x-app-usage') as { call_count: number }).call_count)).toEqual([25, 50, 75, 100, 100]);
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200, 200, 400]);
    expect(errorOf(answers[4] as GraphResponse)).toMatchObject({ code: 32 });
    expect(usageOf(answers[4] as GraphResponse, 'x-business-use-case-usage')).toEqual({
      [meta.page.id]: [{ type: 'pages', call_count: 100, total_cputime: 100, total_time: 100, estimated_time_to_regain_access: 60 }],
    });
    // The Instagram account has its own budget; spent, it answers code 4.
    const instagram = { token: meta.credentials.instagramAccessToken };
    for (let i = 0; i < 4; i += 1) expect((await graph(meta, 'GET', '/me', instagram)).status).toBe(200);
    expect(errorOf(await graph(meta, 'GET', '/me', instagram))).toMatchObject({ code: 4, message: '(#4) Application request limit reached' });
    now += 3600_000;
    expect((await graph(meta, 'GET', '/me')).status).toBe(200);
  });

  it('commitThenDrop: the reply is posted and notified, but the client only sees a dropped connection', async () => {
    meta.control.createFacebookUser({ name: 'Jane Doe' });
    const post = meta.control.createPost({ message: 'Launch' });
    const question = meta.control.comment({ from: 'Jane Doe', on: post.id, message: 'Blue?' });
    // Delivered first: announced within the same batch window, the two would share one notification.
    await meta.control.settled();
    meta.control.injectFault({ method: 'POST', path: '/:id/comments', kind: 'commitThenDrop' });

    expect(await failure(graph(meta, 'POST', `/${question.id}/comments`, { form: { message: 'Yes!' } }))).toBeInstanceOf(Error);
    expect(meta.control.comments().map((c) => c.message)).toEqual(['Blue?', 'Yes!']);
    expect(meta.control.requests({ method: 'POST' })).toEqual([expect.objectContaining({ status: 200, outcome: 'dropped', body: { message: 'Yes!' } })]);
    await meta.control.settled();
    expect(receiver.received).toHaveLength(2);
  });

  it('hang: never answers; destroyAfterMs ends it like a network failure', async () => {
    meta.control.injectFault({ path: '/me', kind: 'hang', destroyAfterMs: 20 });
    expect(await failure(graph(meta, 'GET', '/me'))).toBeInstanceOf(Error);
    expect(meta.control.requests({ path: '/me' })).toEqual([expect.objectContaining({ status: null, outcome: 'hung' })]);
  });

  it('hang without a deadline keeps the request open, and close() still returns promptly', async () => {
    meta.control.injectFault({ path: '/me', kind: 'hang' });
    const pending = failure(graph(meta, 'GET', '/me'));
    await vi.waitFor(() => expect(meta.control.requests({ path: '/me' })).toHaveLength(1));
    await meta.close();
    expect(await pending).toBeInstanceOf(Error);
  });

  it('close() returns promptly while a connection is open but silent', async () => {
    const { hostname, port } = new URL(meta.origin);
    const socket = connect({ host: hostname, port: Number(port) });
    await once(socket, 'connect');
    const closedByServer = once(socket, 'close');
    await meta.close();
    await closedByServer;
  });

  it('delay: the request waits, then is answered normally', async () => {
    meta.control.injectFault({ path: '/me', kind: 'delay', delayMs: 1000 });
    const answer = graph(meta, 'GET', '/me');
    await vi.waitFor(() => expect(meta.control.requests({ path: '/me' })).toEqual([expect.objectContaining({ outcome: 'pending' })]), { interval: 10 });
    expect((await answer).status).toBe(200);
    expect(meta.control.requests({ path: '/me' })).toEqual([expect.objectContaining({ outcome: 'answered', status: 200 })]);
  });

  it('matches methods and version-less path patterns; clearFaults disarms', async () => {
    meta.control.injectFault({ method: 'POST', path: '/*', kind: 'error', code: 1, times: 5 });
    expect((await graph(meta, 'GET', '/me')).status).toBe(200);
    expect((await graph(meta, 'POST', '/me/messages', { json: {} })).status).toBe(500);
    meta.control.clearFaults();
    expect(errorOf(await graph(meta, 'POST', '/me/messages', { json: {} })).code).toBe(100);
  });
});

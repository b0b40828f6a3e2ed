import { AtpAgent, type AtpSessionData } from '@atproto/api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startBlueskyEmulator, type BlueskyEmulator } from '../../../emulators/bluesky/index.js';
import { brandAgent, failure, xrpc } from './helpers.js';

let bsky: BlueskyEmulator;
let now: number;
const HOUR = 3600_000;

beforeEach(async () => {
  now = Date.parse('2026-03-01T10:00:00Z');
  bsky = await startBlueskyEmulator({ now: () => now });
});
afterEach(() => bsky.close());

describe('Bluesky emulator sessions through @atproto/api', () => {
  it('logs in with the handle or the email and an app password, and answers getSession', async () => {
    const agent = await brandAgent(bsky);
    expect(agent.session).toMatchObject({ did: bsky.brand.did, handle: 'acme-support.bsky.social', active: true, email: bsky.credentials.email });
    expect(agent.did).toMatch(/^did:plc:[a-z2-7]{24}$/);
    expect(agent.pdsUrl?.toString()).toBe(`${bsky.service}/`);

    const byEmail = new AtpAgent({ service: bsky.service });
    await byEmail.login({ identifier: bsky.credentials.email.toUpperCase(), password: bsky.credentials.password });
    expect(byEmail.did).toBe(bsky.brand.did);
    const session = await byEmail.com.atproto.server.getSession();
    expect(session.data).toMatchObject({ did: bsky.brand.did, handle: bsky.brand.handle, active: true });
  });

  it('refuses a wrong password with 401 AuthenticationRequired and leaves no session', async () => {
    const agent = new AtpAgent({ service: bsky.service });
    const error = await failure(agent.login({ identifier: bsky.credentials.identifier, password: 'aaaa-bbbb-cccc-dddd' }));
    expect([error.status, error.error, error.message]).toEqual([401, 'AuthenticationRequired', 'Invalid identifier or password']);
    expect(agent.hasSession).toBe(false);
    const unknown = await failure(agent.login({ identifier: 'nobody.bsky.social', password: bsky.credentials.password }));
    expect(unknown.status).toBe(401);
  });

  it('answers 401 AuthMissing without a token', async () => {
    const response = await xrpc(bsky, 'GET', 'app.bsky.notification.listNotifications');
    expect(response).toMatchObject({ status: 401, body: { error: 'AuthMissing', message: 'Authentication Required' } });
  });

  it('expires the access token after its lifetime; the client refreshes and retries on its own', async () => {
    const agent = await brandAgent(bsky);
    const first = agent.session?.accessJwt;
    now += 2 * HOUR;
    await expect(agent.listNotifications()).resolves.toMatchObject({ success: true });
    expect(agent.session?.accessJwt).not.toBe(first);
    expect(bsky.control.requests({ nsid: '*.listNotifications' }).map((r) => [r.status, r.error])).toEqual([
      [400, 'ExpiredToken'],
      [200, undefined],
    ]);
    expect(bsky.control.requests({ nsid: 'com.atproto.server.refreshSession' }).map((r) => r.status)).toEqual([200]);
  });

  it('honours a configured token lifetime', async () => {
    bsky.control.configure({ accessTokenSeconds: 60 });
    const agent = await brandAgent(bsky);
    const token = agent.session?.accessJwt ?? '';
    now += 59_000;
    expect((await xrpc(bsky, 'GET', 'com.atproto.server.getSession', { token })).status).toBe(200);
    now += 1000;
    expect(await xrpc(bsky, 'GET', 'com.atproto.server.getSession', { token })).toMatchObject({
      status: 400,
      body: { error: 'ExpiredToken', message: 'Token has expired' },
    });
  });

  it('rotates refresh tokens; a used one still works for two hours (same successor), then is revoked', async () => {
    const agent = await brandAgent(bsky);
    const used = agent.session?.refreshJwt ?? '';
    const refresh = (token: string) => xrpc(bsky, 'POST', 'com.atproto.server.refreshSession', { token });
    const rotated = await refresh(used);
    expect(rotated.status).toBe(200);
    const next = rotated.body as { refreshJwt: string; accessJwt: string };
    expect(next.refreshJwt).not.toBe(used);

    now += HOUR;
    const replay = await refresh(used);
    expect(replay.status).toBe(200);
    const jti = (jwt: string) => (JSON.parse(Buffer.from(jwt.split('.')[1] ?? '', 'base64url').toString()) as { jti: string }).jti;
    expect(jti((replay.body as { refreshJwt: string }).refreshJwt)).toBe(jti(next.refreshJwt));

    now += HOUR;
    expect(await refresh(used)).toMatchObject({ status: 400, body: { error: 'ExpiredToken', message: 'Token has been revoked' } });
    expect((await refresh(next.refreshJwt)).status).toBe(200);
    expect(await refresh(next.accessJwt)).toMatchObject({ status: 400, body: { error: 'InvalidToken' } });
  });

  it('ends the session when the refresh token has expired too, so the adapter must log in again', async () => {
    const persisted: (AtpSessionData | undefined)[] = [];
    const agent = new AtpAgent({ service: bsky.service, persistSession: (_event, session) => void persisted.push(session) });
    await agent.login({ identifier: bsky.credentials.identifier, password: bsky.credentials.password });
    now += 91 * 24 * HOUR;
    const error = await failure(agent.listNotifications());
    expect([error.status, error.error]).toEqual([400, 'ExpiredToken']);
    expect(agent.hasSession).toBe(false);
    expect(persisted.at(-1)).toBeUndefined();
  });

  it('logout revokes the refresh token', async () => {
    const agent = await brandAgent(bsky);
    const refreshJwt = agent.session?.refreshJwt ?? '';
    await agent.logout();
    expect(await xrpc(bsky, 'POST', 'com.atproto.server.refreshSession', { token: refreshJwt })).toMatchObject({
      status: 400,
      body: { error: 'ExpiredToken' },
    });
  });

  it('limits createSession to 30 per 5 minutes per identifier, with the PDS rate-limit headers', async () => {
    const login = () => xrpc(bsky, 'POST', 'com.atproto.server.createSession', { body: { identifier: bsky.credentials.identifier, password: 'wrong' } });
    const first = await login();
    expect(first.status).toBe(401);
    expect(Object.fromEntries([...first.headers].filter(([name]) => name.startsWith('ratelimit-')))).toEqual({
      'ratelimit-limit': '30',
      'ratelimit-remaining': '29',
      'ratelimit-reset': String(now / 1000 + 300),
      'ratelimit-policy': '30;w=300',
    });
    for (let i = 2; i <= 30; i += 1) expect((await login()).status).toBe(401);

    const agent = new AtpAgent({ service: bsky.service });
    const limited = await failure(agent.login(bsky.credentials));
    expect([limited.status, limited.error, limited.message]).toEqual([429, 'RateLimitExceeded', 'Rate Limit Exceeded']);
    expect(limited.headers).toMatchObject({ 'ratelimit-remaining': '0', 'ratelimit-reset': String(now / 1000 + 300) });

    const other = new AtpAgent({ service: bsky.service });
    await expect(other.login({ identifier: bsky.credentials.email, password: bsky.credentials.password })).resolves.toMatchObject({ success: true });
    now += 300_000;
    await expect(agent.login(bsky.credentials)).resolves.toMatchObject({ success: true });
  });

  it('with rate limits off, counts nothing but still sends the headers', async () => {
    bsky.control.configure({ rateLimits: false });
    for (let i = 0; i < 31; i += 1) await brandAgent(bsky);
    const last = await xrpc(bsky, 'POST', 'com.atproto.server.createSession', { body: bsky.credentials });
    expect([last.status, last.headers.get('ratelimit-remaining')]).toEqual([200, '30']);
  });
});

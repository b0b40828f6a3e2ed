import { AtpAgent } from '@atproto/api';
import { afterEach, describe, expect, it } from 'vitest';
import { startBlueskyEmulator, type BlueskyEmulator } from '../../../emulators/bluesky/index.js';
import { failure, testTls } from './helpers.js';

let bsky: BlueskyEmulator | undefined;
afterEach(() => bsky?.close());

describe('Bluesky emulator over HTTPS', () => {
  it("serves @atproto/api over TLS when the certificate is trusted through NODE_EXTRA_CA_CERTS (Node's fetch honours it)", async () => {
    const tls = testTls();
    bsky = await startBlueskyEmulator({ tls });
    expect(bsky.service).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
    expect(bsky.ca).toBe(tls.cert);
    bsky.control.createUser({ handle: 'jane' });
    bsky.control.post('jane', { text: `@${bsky.brand.handle} hello over TLS` });

    const agent = new AtpAgent({ service: bsky.service });
    await agent.login(bsky.credentials);
    expect(agent.pdsUrl?.origin).toBe(bsky.service);
    expect((await agent.listNotifications()).data.notifications).toHaveLength(1);
  });

  it('refuses to talk over a certificate nobody trusts', async () => {
    bsky = await startBlueskyEmulator({ tls: true });
    const error = await failure(new AtpAgent({ service: bsky.service }).login(bsky.credentials));
    expect(error.status).toBe(1);
    expect(bsky.control.requests()).toEqual([]);
  });
});

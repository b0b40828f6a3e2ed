import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startXEmulator, type XEmulator } from '../../../emulators/x/index.js';
import type { DirectMessageChannel } from '../../../src/channels/social-channel.js';
import { createXChannel } from '../../../src/channels/x/x-channel.js';
import { createLogger } from '../../../src/log/create-logger.js';

/** The certificate global-setup.ts made, which this process trusts through NODE_EXTRA_CA_CERTS. */
function testTls(): { key: string; cert: string } {
  const dir = process.env.EARSHOT_TEST_TLS_DIR!;
  return { key: readFileSync(path.join(dir, 'key.pem'), 'utf8'), cert: readFileSync(path.join(dir, 'cert.pem'), 'utf8') };
}

describe('X direct messages through twitter-api-v2', () => {
  let x: XEmulator;
  let channel: DirectMessageChannel;
  const epoch = new Date(0);
  beforeEach(async () => {
    x = await startXEmulator({ tls: testTls() });
    const { appKey, appSecret, accessToken, accessSecret } = x.credentials;
    channel = createXChannel({
      apiUrl: x.baseUrl,
      credentials: { apiKey: appKey, apiSecret: appSecret, accessToken, accessSecret },
      logger: createLogger({ level: 'silent' }),
    }).directMessages;
  });
  afterEach(async () => {
    await x.close();
  });

  it('reads every DM since the cursor across pages, oldest first, and stops at the cursor', async () => {
    const jo = x.control.createUser({ username: 'jo', name: 'Jo' });
    x.control.createUser({ username: 'sam' });
    for (let i = 0; i < 120; i += 1) x.control.sendDm(i % 2 === 0 ? 'jo' : 'sam', { text: `message ${i}` });

    const first = await channel.fetchDirectMessages(x.brand.id, { notBefore: epoch });
    expect(first.messages.map((dm) => dm.text)).toEqual(Array.from({ length: 120 }, (_, i) => `message ${i}`));
    expect(first.newestId).toBe(x.control.dmEvents()[0]!.id);
    expect(first.messages[0]).toMatchObject({ fromAccount: false, participantId: jo.id, participant: { handle: 'jo', name: 'Jo' } });

    const sent = await channel.sendDirectMessage({ participantId: jo.id, text: 'we are on it' });
    x.control.sendDm('sam', { text: 'hello?' });
    const next = await channel.fetchDirectMessages(x.brand.id, { afterEventId: first.newestId, notBefore: epoch });
    expect(next.messages.map((dm) => [dm.text, dm.fromAccount])).toEqual([
      ['we are on it', true],
      ['hello?', false],
    ]);
    expect(next.messages[0]).toMatchObject({ id: sent.id, dmConversationId: sent.dmConversationId, participantId: jo.id });

    const none = await channel.fetchDirectMessages(x.brand.id, { afterEventId: next.newestId, notBefore: epoch });
    expect(none).toEqual({ messages: [], newestId: undefined, rejected: [] });
    const requests = x.control.requests({ method: 'GET', path: '/2/dm_events' });
    expect(requests).toHaveLength(4);
  });

  it('without a cursor, reads only DMs since `notBefore`', async () => {
    x.control.createUser({ username: 'jo' });
    x.control.sendDm('jo', { text: 'old' });
    const cutoff = new Date(Date.now() + 5);
    await new Promise((resolve) => setTimeout(resolve, 20));
    x.control.sendDm('jo', { text: 'new' });
    const fetched = await channel.fetchDirectMessages(x.brand.id, { notBefore: cutoff });
    expect(fetched.messages.map((dm) => dm.text)).toEqual(['new']);
    expect(fetched.newestId).toBe(x.control.dmEvents()[0]!.id);
  });

  it("finds the account's own DM an earlier attempt sent", async () => {
    const jo = x.control.createUser({ username: 'jo' });
    const before = new Date();
    expect(await channel.findOwnDirectMessage(x.brand.id, { participantId: jo.id, text: 'refund sent', notBefore: before })).toBeUndefined();
    x.control.sendDm('jo', { text: 'refund sent' });
    expect(await channel.findOwnDirectMessage(x.brand.id, { participantId: jo.id, text: 'refund sent', notBefore: before })).toBeUndefined();
    const sent = await channel.sendDirectMessage({ participantId: jo.id, text: 'refund sent' });
    expect(await channel.findOwnDirectMessage(x.brand.id, { participantId: jo.id, text: 'refund  sent', notBefore: before })).toEqual(sent);
  });
});

import { createServer } from 'node:net';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eventually, startHarness, type Harness } from '../support/earshot-harness.js';

describe('Earshot over Socket Mode', () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness('pglite', { slack: { delivery: { mode: 'socket' } } });
  });
  afterEach(async () => {
    await h?.stop();
  });

  it('answers buttons, modals and slash commands delivered as Socket Mode envelopes', async () => {
    const jo = h.x.control.createUser({ username: 'jo' });
    const mention = h.x.control.post(jo.id, { text: `@${h.x.brand.username} hello?` });
    await h.earshot.pollNow();
    const parent = await eventually(() => h.slack.state.messages(h.channelId)[0], 'the parent message');

    await h.slack.driver.clickButton({ user: 'carol', channel: h.channelId, ts: parent.ts, actionId: 'reply_open' });
    await eventually(() => h.slack.state.openViews(h.slack.users.carol!.id)[0], 'the reply modal');
    await h.slack.driver.submitView({ user: 'carol', values: { reply_text_input: '@jo hi! how can we help?' } });
    const posted = await eventually(() => h.x.control.posts({ author: h.x.brand.id })[0], 'the reply on X');
    expect(posted.referencedTweets).toEqual([{ type: 'replied_to', id: mention.id }]);

    const help = await h.slack.driver.slashCommand({ user: 'carol', channel: h.channelId, command: '/social', text: 'help' });
    expect(JSON.stringify(help.response)).toContain('signature');
  });
});

describe('Socket Mode health', () => {
  let h: Harness;
  afterEach(async () => {
    await h?.stop();
  });

  it('turns /healthz 503 naming slack once Socket Mode has been disconnected past the grace period, and 200 after it reconnects', async () => {
    const port = await freePort();
    h = await startHarness('pglite', { slack: { delivery: { mode: 'socket' } }, port, slackDisconnectGraceMs: 500 });
    const healthz = async () => {
      const response = await fetch(`http://127.0.0.1:${port}/healthz`);
      return { status: response.status, body: (await response.json()) as Record<string, unknown> };
    };
    expect(await healthz()).toMatchObject({ status: 200, body: { status: 'ok', slack: { status: 'connected' } } });

    h.slack.setSocketOutage(true);
    const down = await eventually(async () => {
      const health = await healthz();
      return health.status === 503 && health;
    }, '/healthz to report the lost Socket Mode connection');
    expect(down.body).toMatchObject({ status: 'unavailable', failing: ['slack'], slack: { status: 'disconnected' } });

    h.slack.setSocketOutage(false);
    await eventually(async () => (await healthz()).status === 200, 'Socket Mode to reconnect and /healthz to recover', 40_000);
  });
});

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (address && typeof address === 'object' ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

import type { AddressInfo } from 'node:net';
import { App } from '@slack/bolt';
import { afterEach, describe, expect, it } from 'vitest';
import { freePort } from '../../../emulators/sandbox/earshot-process.js';
import { startSlackEmulator, type SlackEmulator } from '../../../emulators/slack/index.js';
import { recordingLogger } from './helpers.js';

/** Several apps (replicas) on one emulator; each counts the messages it was given. */
let emulator: SlackEmulator | undefined;
const apps: App[] = [];
afterEach(async () => {
  await Promise.all(apps.splice(0).map((app) => app.stop()));
  await emulator?.close();
});

function countingApp(options: ConstructorParameters<typeof App>[0], received: string[]): App {
  const app = new App({ ...options, logger: recordingLogger() });
  app.message(async ({ message }) => {
    if ('text' in message && message.user !== undefined) received.push(message.text ?? '');
  });
  apps.push(app);
  return app;
}

const texts = Array.from({ length: 10 }, (_, index) => `message ${index}`);

describe('the Slack emulator with several replicas of an app', () => {
  it('HTTP: delivers each request to one Request URL in turn, passing over one that refuses connections', async () => {
    emulator = await startSlackEmulator({ delivery: { mode: 'http' } });
    const received: string[][] = [[], []];
    const urls: string[] = [];
    for (const mine of received) {
      const app = countingApp({ token: emulator.botToken, signingSecret: emulator.signingSecret, clientOptions: { slackApiUrl: emulator.apiUrl } }, mine);
      const server = await app.start(0);
      urls.push(`http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`);
    }
    emulator.setRequestUrls([urls[0]!, `http://127.0.0.1:${await freePort()}/slack/events`, urls[1]!]);

    for (const text of texts) {
      const { delivery } = await emulator.driver.postMessage({ user: 'alice', channel: 'social', text });
      expect(delivery).toMatchObject({ acked: true });
      expect(delivery!.attempts).toHaveLength(1); // the refused URL was passed over, not retried later
    }

    expect([...received[0]!, ...received[1]!].sort()).toEqual([...texts].sort());
    expect(received[0]!.length).toBeGreaterThan(0);
    expect(received[1]!.length).toBeGreaterThan(0);
  });

  it('Socket Mode: delivers each envelope on exactly one of the open connections, as Slack does', async () => {
    emulator = await startSlackEmulator({ delivery: { mode: 'socket' } });
    const received: string[][] = [[], []];
    for (const mine of received) {
      await countingApp(
        { token: emulator.botToken, appToken: emulator.appToken, socketMode: true, clientOptions: { slackApiUrl: emulator.apiUrl } },
        mine,
      ).start();
    }

    for (const text of texts) expect((await emulator.driver.postMessage({ user: 'alice', channel: 'social', text })).delivery).toMatchObject({ acked: true });

    expect([...received[0]!, ...received[1]!].sort()).toEqual([...texts].sort());
    expect(received[0]!.length).toBeGreaterThan(0);
    expect(received[1]!.length).toBeGreaterThan(0);
  });
});

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { App, LogLevel } from '@slack/bolt';

export interface BareBolt {
  /** Where Slack should deliver interactions (`POST /slack/events`). */
  requestUrl: string;
  stop(): Promise<void>;
}

/**
 * The floor for acknowledgement latency: a Bolt app with Earshot's receiver (HTTP, signed
 * requests checked) that only acknowledges the Reply button. Earshot can do no better than this.
 */
export async function startBareBolt(options: { signingSecret: string; botToken: string; slackApiUrl: string }): Promise<BareBolt> {
  const app = new App({
    token: options.botToken,
    signingSecret: options.signingSecret,
    clientOptions: { slackApiUrl: options.slackApiUrl },
    logLevel: LogLevel.ERROR,
    port: 0,
  });
  app.action('reply_open', async ({ ack }) => {
    await ack();
  });
  const server = (await app.start(0)) as Server;
  return {
    requestUrl: `http://127.0.0.1:${(server.address() as AddressInfo).port}/slack/events`,
    stop: () => app.stop().then(() => undefined),
  };
}

import { afterEach, describe, expect, it } from 'vitest';
import { type RunningApp, parentMessageBlocks, replyModal, startSocketApp } from './helpers.js';

let running: RunningApp | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

describe('Bolt (Socket Mode) driven by the emulator', () => {
  it('connects through apps.connections.open and receives message events', async () => {
    const texts: string[] = [];
    running = await startSocketApp((app) => {
      app.message(async ({ message }) => {
        if ('text' in message && message.user !== undefined) texts.push(message.text ?? '');
      });
    });
    expect(await running.emulator.waitForSocketConnection()).toBe(true);

    const result = await running.emulator.driver.postMessage({ user: 'alice', channel: 'social', text: 'Is the outage fixed?' });

    expect(result.delivery).toMatchObject({ acked: true, body: null });
    expect(texts).toEqual(['Is the outage fixed?']);
    expect(running.emulator.state.deliveries().at(-1)).toMatchObject({ kind: 'event', type: 'message', mode: 'socket', acked: true });
  });

  it('delivers block_actions whose trigger_id opens a modal, and view_submission errors come back in the ack', async () => {
    running = await startSocketApp((app) => {
      app.action('reply', async ({ ack, body, client }) => {
        await ack();
        if (body.type === 'block_actions') await client.views.open({ trigger_id: body.trigger_id, view: replyModal('conv_1') as never });
      });
      app.view('reply_modal', async ({ ack }) => {
        await ack({ response_action: 'errors', errors: { reply: 'Too long for X' } });
      });
    });
    const posted = await running.app.client.chat.postMessage({
      channel: running.emulator.channels.social as string,
      text: 'mention',
      blocks: parentMessageBlocks() as never,
    });

    const click = await running.emulator.driver.clickButton({ user: 'alice', channel: 'social', ts: posted.ts as string, actionId: 'reply' });
    await expect.poll(() => running?.emulator.state.openViews('alice').length).toBe(1);
    const submission = await running.emulator.driver.submitView({ user: 'alice', values: { text: 'x'.repeat(200) } });

    expect(click.delivery.acked).toBe(true);
    expect(submission).toMatchObject({ responseAction: 'errors', errors: { reply: 'Too long for X' } });
  });

  it('delivers slash commands as envelopes and returns the ack payload', async () => {
    running = await startSocketApp((app) => {
      app.command('/socialreport', async ({ ack, respond }) => {
        await ack({ response_type: 'ephemeral', text: 'Report for this week' });
        await respond({ response_type: 'in_channel', text: 'Answered within 1h: 92%' });
      });
    });

    const result = await running.emulator.driver.slashCommand({ user: 'dana', channel: 'social', command: '/socialreport', text: 'week' });
    await expect.poll(() => running?.emulator.state.messages('social').map((m) => m.text)).toContain('Answered within 1h: 92%');

    expect(result.response).toEqual({ response_type: 'ephemeral', text: 'Report for this week' });
    expect(running.emulator.state.ephemerals('dana').map((e) => e.text)).toEqual(['Report for this week']);
  });

  it('survives a "disconnect" request: the client reconnects and keeps receiving', async () => {
    const texts: string[] = [];
    running = await startSocketApp(
      (app) => {
        app.message(async ({ message }) => {
          if ('text' in message) texts.push(message.text ?? '');
        });
      },
      {},
      { clientPingTimeout: 200 },
    );

    running.emulator.requestSocketReconnect();
    const result = await running.emulator.driver.postMessage({ user: 'bob', channel: 'social', text: 'still there?' });

    expect(result.delivery?.acked).toBe(true);
    expect(texts).toEqual(['still there?']);
  });
});

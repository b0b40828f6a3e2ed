import { afterEach, describe, expect, it } from 'vitest';
import { AppResponseError } from '../../../emulators/slack/index.js';
import { type RunningApp, parentMessageBlocks, replyModal, startHttpApp } from './helpers.js';

let running: RunningApp | undefined;
afterEach(async () => {
  await running?.stop();
  running = undefined;
});

/** Posts Earshot-like parent message as the app, returns its ts. */
async function postParent(r: RunningApp): Promise<string> {
  const posted = await r.app.client.chat.postMessage({
    channel: r.emulator.channels.social as string,
    text: 'New mention from @jane',
    blocks: parentMessageBlocks() as never,
  });
  return posted.ts as string;
}

describe('Bolt (HTTP receiver) driven by the emulator', () => {
  it('delivers a thread message to app.message and app.event', async () => {
    const seen: string[] = [];
    running = await startHttpApp((app) => {
      app.message(/refund/, async ({ message }) => {
        seen.push(`message:${'text' in message ? message.text : ''}`);
      });
      app.event('message', async ({ event }) => {
        seen.push(`event:${'thread_ts' in event ? String(event.thread_ts) : ''}`);
      });
    });
    const parentTs = await postParent(running);
    await running.emulator.idle();
    seen.length = 0;

    const result = await running.emulator.driver.postMessage({
      user: 'alice',
      channel: 'social',
      text: 'Internal note: refund is on its way',
      threadTs: parentTs,
    });

    expect(result.delivery?.acked).toBe(true);
    expect(result.delivery?.status).toBe(200);
    expect(seen).toEqual(expect.arrayContaining(['message:Internal note: refund is on its way', `event:${parentTs}`]));
    const thread = running.emulator.state.thread('social', parentTs);
    expect(thread.map((m) => m.text)).toEqual(['New mention from @jane', 'Internal note: refund is on its way']);
    expect(thread[0]?.reply_count).toBe(1);
  });

  it('routes a button click to app.action, whose views.open uses the fresh trigger_id', async () => {
    running = await startHttpApp((app) => {
      app.action('reply', async ({ ack, body, client, action }) => {
        await ack();
        if (body.type !== 'block_actions' || action.type !== 'button') return;
        await client.views.open({ trigger_id: body.trigger_id, view: replyModal(action.value ?? '') as never });
      });
    });
    const ts = await postParent(running);

    const click = await running.emulator.driver.clickButton({ user: 'alice', channel: 'social', ts, actionId: 'reply' });

    expect(click.delivery.acked).toBe(true);
    expect(click.payload.actions).toEqual([expect.objectContaining({ action_id: 'reply', block_id: 'mention_actions', value: 'conv_1', type: 'button' })]);
    // Bolt acknowledges first and calls views.open afterwards, as Slack apps do.
    await expect.poll(() => running?.emulator.state.openViews('alice').length).toBe(1);
    const views = running.emulator.state.openViews('alice');
    expect(views[0]).toMatchObject({ callback_id: 'reply_modal', private_metadata: 'conv_1', type: 'modal' });
  });

  it('fails clearly when the message has no such button', async () => {
    running = await startHttpApp(() => undefined);
    const ts = await postParent(running);
    await expect(running.emulator.driver.clickButton({ user: 'alice', channel: 'social', ts, actionId: 'nope' })).rejects.toThrow(
      /no matching element with action_id "nope".*mention_actions\/reply \(button\)/,
    );
  });

  it('sends view_submission state values to app.view and returns response_action errors to the person', async () => {
    const submitted: unknown[] = [];
    running = await startHttpApp((app) => {
      app.action('reply', async ({ ack, body, client }) => {
        await ack();
        if (body.type === 'block_actions') await client.views.open({ trigger_id: body.trigger_id, view: replyModal('conv_1') as never });
      });
      app.view('reply_modal', async ({ ack, view }) => {
        submitted.push(view.state.values);
        const text = view.state.values.reply?.text?.value ?? '';
        if (text.includes('account number')) {
          await ack({ response_action: 'errors', errors: { reply: 'Private data must not be posted publicly' } });
          return;
        }
        await ack();
      });
    });
    const ts = await postParent(running);
    await running.emulator.driver.clickButton({ user: 'alice', channel: 'social', ts, actionId: 'reply' });
    await expect.poll(() => running?.emulator.state.openViews('alice').length).toBe(1);
    const bob = running.emulator.users.bob?.id as string;

    const rejected = await running.emulator.driver.submitView({ user: 'alice', values: { text: 'Your account number is 123', 'assignee/user': bob } });

    expect(rejected.responseAction).toBe('errors');
    expect(rejected.errors).toEqual({ reply: 'Private data must not be posted publicly' });
    expect(rejected.openViews).toHaveLength(1);
    expect(submitted[0]).toEqual({
      reply: { text: { type: 'plain_text_input', value: 'Your account number is 123' } },
      assignee: { user: { type: 'users_select', selected_user: bob } },
    });

    const accepted = await running.emulator.driver.submitView({ user: 'alice', values: { text: 'Sorry! Refund sent.' } });
    expect(accepted.responseAction).toBe('close');
    expect(running.emulator.state.openViews('alice')).toEqual([]);
  });

  it('answers a slash command through ack and records respond() posts to the response_url', async () => {
    running = await startHttpApp((app) => {
      app.command('/social', async ({ ack, respond, command }) => {
        await ack({ text: `Working on "${command.text}"…` });
        await respond({ text: 'Queue: 3 open mentions', response_type: 'ephemeral' });
      });
    });

    const result = await running.emulator.driver.slashCommand({ user: 'bob', channel: 'social', command: '/social', text: 'queue' });
    await expect.poll(() => running?.emulator.state.responseUrlPosts().length).toBe(1);

    expect(result.response).toMatchObject({ text: 'Working on "queue"…' });
    const posts = running.emulator.state.responseUrlPosts();
    expect(posts[0]).toMatchObject({ url: result.responseUrl, status: 200, body: { text: 'Queue: 3 open mentions' } });
    expect(running.emulator.state.ephemerals('bob').map((e) => [e.source, e.text])).toEqual([
      ['command_ack', 'Working on "queue"…'],
      ['response_url', 'Queue: 3 open mentions'],
    ]);
  });

  it('a button in a message only the person sees: block_actions says it is ephemeral, and respond() can replace it', async () => {
    const containers: unknown[] = [];
    running = await startHttpApp((app) => {
      app.command('/social', async ({ ack }) => {
        await ack({
          text: 'Report',
          blocks: [
            {
              type: 'actions',
              block_id: 'share',
              elements: [{ type: 'button', action_id: 'report_share', text: { type: 'plain_text', text: 'Share in channel' }, value: 'v1' }],
            },
          ],
        });
      });
      app.action('report_share', async ({ ack, body, respond }) => {
        await ack();
        containers.push('container' in body ? body.container : undefined);
        await respond({ replace_original: true, text: 'Shared in #social' });
      });
    });
    await running.emulator.driver.slashCommand({ user: 'bob', channel: 'social', command: '/social', text: 'report' });
    const [shown] = running.emulator.state.ephemerals('bob');

    await running.emulator.driver.clickButton({ user: 'bob', ephemeralTs: shown!.ts, actionId: 'report_share' });
    await expect.poll(() => running?.emulator.state.ephemerals('bob').map((e) => e.text)).toEqual(['Shared in #social']);
    expect(containers).toEqual([{ type: 'message', message_ts: shown!.ts, channel_id: running.emulator.channels.social, is_ephemeral: true }]);
  });

  it('delivers a message shortcut to app.shortcut with the message', async () => {
    const shortcuts: unknown[] = [];
    running = await startHttpApp((app) => {
      app.shortcut('send_publicly', async ({ ack, shortcut }) => {
        await ack();
        shortcuts.push(shortcut.type === 'message_action' ? shortcut.message.text : null);
      });
    });
    const parentTs = await postParent(running);
    const note = await running.emulator.driver.postMessage({ user: 'carol', channel: 'social', text: 'We refunded you today.', threadTs: parentTs });

    const result = await running.emulator.driver.messageShortcut({ user: 'carol', channel: 'social', ts: note.ts, callbackId: 'send_publicly' });

    expect(result.delivery.acked).toBe(true);
    expect(shortcuts).toEqual(['We refunded you today.']);
  });

  it('App Home: app_home_opened reaches the app, whose views.publish stores the home view for that user', async () => {
    running = await startHttpApp((app) => {
      app.event('app_home_opened', async ({ event, client }) => {
        await client.views.publish({
          user_id: event.user,
          view: { type: 'home', blocks: [{ type: 'header', text: { type: 'plain_text', text: 'My queue' } }] },
        });
      });
    });

    const opened = await running.emulator.driver.openAppHome('dana');
    await expect.poll(() => running?.emulator.state.homeView('dana')?.blocks[0]?.type).toBe('header');

    expect(opened.delivery?.acked).toBe(true);
    expect(running.emulator.state.homeView('alice')).toBeUndefined();
  });

  it('Bolt rejects a request signed with the wrong secret (401)', async () => {
    let handled = false;
    running = await startHttpApp(
      (app) => {
        app.command('/social', async ({ ack }) => {
          handled = true;
          await ack();
        });
      },
      { timings: { eventRetryDelaysMs: [0] } },
    );
    const forged = running.emulator.driver.withSigningSecret('not-the-signing-secret');

    const failure = await forged.slashCommand({ user: 'alice', channel: 'social', command: '/social' }).catch((error: unknown) => error);
    const event = await forged.postMessage({ user: 'alice', channel: 'social', text: 'hello' });

    expect(failure).toBeInstanceOf(AppResponseError);
    expect((failure as AppResponseError).status).toBe(401);
    expect(event.delivery?.acked).toBe(false);
    expect(event.delivery?.attempts.map((a) => a.status)).toEqual([401, 401]);
    expect(handled).toBe(false);
  });
});

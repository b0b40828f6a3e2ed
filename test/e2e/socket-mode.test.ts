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

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '../support/test-databases.js';
import { eventually, parentMessages, startHarness, visibleText, type Harness } from '../support/earshot-harness.js';

describe.each(databaseKinds)('mentions become Slack threads (%s)', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(kind);
  });
  afterEach(async () => {
    await h?.stop();
  });

  it('posts a new mention as a parent message, and a follow-up in the same X conversation into its thread', async () => {
    const jo = h.x.control.createUser({ username: 'jo_customer', name: 'Jo Customer', followersCount: 1234 });
    const mention = h.x.control.post(jo.id, { text: `@${h.x.brand.username} my order #123 never arrived` });
    await h.earshot.pollNow();

    const parent = await eventually(() => parentMessages(h)[0], 'the parent message');
    const shown = visibleText(parent);
    expect(shown).toContain('Jo Customer');
    expect(shown).toContain('@jo_customer');
    expect(shown).toContain('my order #123 never arrived');
    expect(shown).toContain(`https://x.com/jo_customer/status/${mention.id}`);
    expect(shown).toContain('reply_open');

    h.x.control.post(jo.id, { text: `@${h.x.brand.username} it was due Monday`, replyToId: mention.id });
    await h.earshot.pollNow();
    const followUp = await eventually(
      () => h.slack.state.thread(h.channelId, parent.ts).find((message) => message.ts !== parent.ts),
      'the follow-up in the thread',
    );
    expect(visibleText(followUp)).toContain('it was due Monday');
    expect(parentMessages(h)).toHaveLength(1);
  });

  it('shows a reply the brand made elsewhere (in the X app) in the thread as outbound, never as a new mention', async () => {
    const jo = h.x.control.createUser({ username: 'jo' });
    const mention = h.x.control.post(jo.id, { text: `@${h.x.brand.username} are you open today?` });
    await h.earshot.pollNow();
    const parent = await eventually(() => parentMessages(h)[0], 'the parent message');

    h.x.control.postAsBrand({ text: '@jo yes, until 6pm!', replyToId: mention.id });
    await h.earshot.pollNow();
    const outbound = await eventually(
      () => h.slack.state.thread(h.channelId, parent.ts).find((message) => message.ts !== parent.ts),
      'the brand reply in the thread',
    );
    expect(visibleText(outbound)).toContain('yes, until 6pm!');
    expect(visibleText(outbound)).toContain('outside Earshot');
    expect(parentMessages(h)).toHaveLength(1);
    // The parent names the latest reply the customer read: the brand's, not an earlier one from Slack.
    await eventually(
      () => visibleText(h.slack.state.message(h.channelId, parent.ts)!).includes(`Replied by @${h.x.brand.username} on X`),
      'the parent naming the brand reply',
    );
  });

  it('never makes a second thread for the same post: overlapping polls, a restart, and a lost cursor', { timeout: 120_000 }, async () => {
    const jo = h.x.control.createUser({ username: 'jo' });
    h.x.control.post(jo.id, { text: `@${h.x.brand.username} hello` });
    await Promise.all([h.earshot.pollNow(), h.earshot.pollNow()]);
    await eventually(() => parentMessages(h)[0], 'the parent message');

    await h.earshot.stop();
    const db = await h.database.open();
    await db.prisma.pollCursor.deleteMany();
    await db.close();
    await h.restart();
    await h.earshot.pollNow();
    await h.slack.idle();

    expect(parentMessages(h)).toHaveLength(1);
  });

  it('reopens a resolved conversation when the customer writes again', async () => {
    const jo = h.x.control.createUser({ username: 'jo' });
    const mention = h.x.control.post(jo.id, { text: `@${h.x.brand.username} thanks, all good` });
    await h.earshot.pollNow();
    const parent = await eventually(() => parentMessages(h)[0], 'the parent message');

    await h.slack.driver.clickButton({ user: 'alice', channel: h.channelId, ts: parent.ts, actionId: 'resolve' });
    await eventually(() => visibleText(h.slack.state.message(h.channelId, parent.ts)!).includes('Resolved'), 'the parent to show Resolved');
    expect(visibleText(h.slack.state.message(h.channelId, parent.ts)!)).toContain('"action_id":"reopen"');

    h.x.control.post(jo.id, { text: `@${h.x.brand.username} actually, one more thing`, replyToId: mention.id });
    await h.earshot.pollNow();
    await eventually(() => visibleText(h.slack.state.message(h.channelId, parent.ts)!).includes('Open'), 'the parent to show Open again');
    expect(visibleText(h.slack.state.message(h.channelId, parent.ts)!)).toContain('"action_id":"resolve"');
    expect(parentMessages(h)).toHaveLength(1);
  });

  it('keeps a resolved conversation resolved when the customer only says thanks, and reopens for anything else', async () => {
    const jo = h.x.control.createUser({ username: 'jo' });
    const mention = h.x.control.post(jo.id, { text: `@${h.x.brand.username} is the store open on Sunday?` });
    await h.earshot.pollNow();
    const parent = await eventually(() => parentMessages(h)[0], 'the parent message');
    const parentText = () => visibleText(h.slack.state.message(h.channelId, parent.ts)!);
    await h.slack.driver.clickButton({ user: 'alice', channel: h.channelId, ts: parent.ts, actionId: 'resolve' });
    await eventually(() => parentText().includes('Resolved'), 'the parent to show Resolved');

    h.x.control.post(jo.id, { text: `@${h.x.brand.username} thanks so much! 🙏`, replyToId: mention.id });
    await h.earshot.pollNow();
    const thanks = await eventually(
      () => h.slack.state.thread(h.channelId, parent.ts).find((message) => visibleText(message).includes('thanks so much')),
      'the thanks in the thread',
    );
    expect(visibleText(thanks)).toContain('Just thanks: not reopened');
    await h.slack.idle();
    expect(parentText()).toContain('Resolved');

    h.x.control.post(jo.id, { text: `@${h.x.brand.username} thanks, but the door was locked`, replyToId: mention.id });
    await h.earshot.pollNow();
    await eventually(() => parentText().includes('Open'), 'the parent to show Open again');
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { BlueskyEmulator } from '../../emulators/bluesky/index.js';
import { databaseKinds } from '../support/test-databases.js';
import { eventually, startHarness, visibleText, type Harness } from '../support/earshot-harness.js';

/** A Bluesky account watched beside X: its mentions become Slack threads, and replies from Slack land on Bluesky once. */
describe.each(databaseKinds)('Bluesky in Slack (%s)', (kind) => {
  let h: Harness;
  let bsky: BlueskyEmulator;
  beforeEach(async () => {
    h = await startHarness(kind, { bluesky: true });
    bsky = h.bluesky!;
  });
  afterEach(async () => {
    await h?.stop();
  });

  const brandPosts = () => bsky.control.posts({ author: bsky.brand.did });
  const threadReplies = (parentTs: string) => h.slack.state.thread(h.channelId, parentTs).filter((message) => message.ts !== parentTs);

  /** Jane mentions the brand in a reply to Sam's post: a thread whose root is Sam's post. */
  async function mentionInSlack() {
    bsky.control.createUser({ handle: 'jane', displayName: 'Jane' });
    bsky.control.createUser({ handle: 'sam' });
    const root = bsky.control.post('sam', { text: 'My parcel never came either' });
    const mention = bsky.control.post('jane', { text: `@${bsky.brand.handle} same here, where is my order?`, replyTo: root.uri });
    await h.earshot.pollNow();
    const parent = await eventually(
      () => h.slack.state.messages(h.channelId).find((message) => !message.thread_ts || message.thread_ts === message.ts),
      'the parent message',
    );
    return { root, mention, parent };
  }

  async function replyFromSlack(parentTs: string, text: string) {
    await h.slack.driver.clickButton({ user: 'alice', channel: h.channelId, ts: parentTs, actionId: 'reply_open' });
    const modal = await eventually(() => h.slack.state.openViews(h.slack.users.alice!.id)[0], 'the reply modal');
    await h.slack.driver.submitView({ user: 'alice', values: { reply_text_input: text } });
    return modal;
  }

  it('a mention becomes a thread showing Bluesky; the reply from Slack lands once, in the thread, with a mention', async () => {
    const { root, mention, parent } = await mentionInSlack();
    const shown = visibleText(parent);
    expect(shown).toContain('Bluesky');
    expect(shown).toContain('same here, where is my order?');
    expect(shown).toContain(`https://bsky.app/profile/jane.bsky.social/post/${mention.rkey}`);

    const modal = await replyFromSlack(parent.ts, '@jane.bsky.social it ships tomorrow, sorry for the wait');
    expect(modal.title?.text).toBe('Reply on Bluesky');
    const posted = await eventually(() => brandPosts()[0], 'the reply on Bluesky');
    expect(posted.text).toBe('@jane.bsky.social it ships tomorrow, sorry for the wait');
    expect(posted.reply).toEqual({ root: { uri: root.uri, cid: root.cid }, parent: { uri: mention.uri, cid: mention.cid } });
    expect(bsky.control.notifications({ recipient: 'jane' }).some((notification) => notification.uri === posted.uri)).toBe(true);

    const notice = await eventually(() => threadReplies(parent.ts).find((message) => message.text.includes('Replied publicly')), 'the confirmation');
    expect(visibleText(notice)).toContain(`post/${posted.rkey}`);
    await h.slack.idle();
    expect(brandPosts()).toHaveLength(1);
    expect(bsky.control.requests({ nsid: 'com.atproto.server.createSession' })).toHaveLength(1);
    expect(h.logs.join('')).not.toContain(bsky.credentials.password);
  });

  it("a customer's deleted post is noted once in its thread and on the parent, whose text stays", async () => {
    const { mention, parent } = await mentionInSlack();
    bsky.control.deleteRecord(mention.uri);
    await h.earshot.pollNow();

    const isNotice = (message: { text: string }) => message.text.includes('The customer deleted this post on Bluesky');
    await eventually(() => threadReplies(parent.ts).find(isNotice), 'the deletion notice in the thread');
    const updated = await eventually(() => {
      const shown = h.slack.state.messages(h.channelId).find((message) => message.ts === parent.ts);
      return shown && visibleText(shown).includes('deleted on Bluesky by the customer') ? shown : undefined;
    }, 'the parent showing the deletion');
    expect(visibleText(updated)).toContain('same here, where is my order?');
    expect(visibleText(updated)).not.toContain(`post/${mention.rkey}`);

    await h.earshot.pollNow();
    await h.slack.idle();
    expect(threadReplies(parent.ts).filter(isNotice)).toHaveLength(1);
  });

  it('a pasted link naming the customer by handle finds their conversation', async () => {
    const { mention } = await mentionInSlack();
    const link = `https://bsky.app/profile/Jane.bsky.social/post/${mention.rkey}`;
    const result = await h.slack.driver.slashCommand({ user: 'alice', channel: h.channelId, command: '/social', text: `take <${link}>` });
    expect(visibleText(result.response ?? {})).toContain('(@jane.bsky.social)');
    const conversation = await h.earshot.database.prisma.conversation.findFirstOrThrow();
    expect(conversation.assigneeSlackUserId).toBe(h.slack.users.alice!.id);
  });

  it('a restart resumes the kept Bluesky session instead of logging in, unless Bluesky refuses it', async () => {
    await mentionInSlack();
    const logins = () => bsky.control.requests({ nsid: 'com.atproto.server.createSession' }).length;
    const mentionAfterRestart = async (text: string) => {
      await h.earshot.stop();
      await h.restart();
      bsky.control.post('sam', { text: `@${bsky.brand.handle} ${text}` });
      await h.earshot.pollNow();
      await eventually(() => h.slack.state.messages(h.channelId).find((message) => visibleText(message).includes(text)), `the mention "${text}" in Slack`);
    };
    expect(logins()).toBe(1);

    await mentionAfterRestart('is the shop open on Sunday?');
    expect(logins()).toBe(1);
    const kept = await h.earshot.database.prisma.networkSession.findMany();
    expect(kept).toHaveLength(1);
    expect(kept[0]!.sealed).not.toContain(bsky.brand.did);

    bsky.control.injectFault({
      nsid: 'com.atproto.server.refreshSession',
      kind: 'status',
      status: 400,
      body: { error: 'ExpiredToken', message: 'Token has expired' },
    });
    await mentionAfterRestart('and on Monday?');
    expect(logins()).toBe(2);
  });

  it('a reply whose answer was lost is looked up on Bluesky, not posted twice', async () => {
    const { mention, parent } = await mentionInSlack();
    bsky.control.injectFault({ nsid: 'com.atproto.repo.createRecord', kind: 'commitThenDrop' });
    const text = '@jane.bsky.social sorted, sorry for the wait';
    await replyFromSlack(parent.ts, text);

    await eventually(() => threadReplies(parent.ts).find((message) => message.text.includes('Replied publicly')), 'the confirmation');
    const replies = brandPosts().filter((post) => post.text === text);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.reply?.parent.uri).toBe(mention.uri);
    expect(bsky.control.requests({ nsid: 'com.atproto.repo.createRecord' })).toHaveLength(1);
    const message = await h.earshot.database.prisma.message.findFirstOrThrow({ where: { direction: 'outbound' } });
    expect(message).toMatchObject({ deliveryState: 'sent', externalId: replies[0]!.uri, failureKind: null });
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '../support/test-databases.js';
import { eventually, startHarness, visibleText, type Harness } from '../support/earshot-harness.js';

describe.each(databaseKinds)('replying publicly from Slack (%s)', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(kind);
  });
  afterEach(async () => {
    await h?.stop();
  });

  async function mentionInSlack(text = 'where is my parcel?') {
    const jo = h.x.control.createUser({ username: 'jo', name: 'Jo' });
    const mention = h.x.control.post(jo.id, { text: `@${h.x.brand.username} ${text}` });
    await h.earshot.pollNow();
    const parent = await eventually(
      () => h.slack.state.messages(h.channelId).find((message) => !message.thread_ts || message.thread_ts === message.ts),
      'the parent message',
    );
    return { jo, mention, parent };
  }

  async function openReplyModal(user: string, parentTs: string) {
    const alice = h.slack.users[user]!;
    await h.slack.driver.clickButton({ user, channel: h.channelId, ts: parentTs, actionId: 'reply_open' });
    return eventually(() => h.slack.state.openViews(alice.id)[0], 'the reply modal');
  }

  const brandPosts = () => h.x.control.posts({ author: h.x.brand.id });
  const threadReplies = (parentTs: string) => h.slack.state.thread(h.channelId, parentTs).filter((message) => message.ts !== parentTs);

  it('Reply → modal → exactly one post on X in reply to the mention → confirmation in the thread and the parent updated', async () => {
    const { mention, parent } = await mentionInSlack();
    const modal = await openReplyModal('alice', parent.ts);
    expect(JSON.stringify(modal.blocks)).toContain('@jo ');

    const submitted = await h.slack.driver.submitView({ user: 'alice', values: { reply_text_input: '@jo it ships tomorrow, sorry for the wait' } });
    expect(submitted.responseAction).toBe('close');

    const posted = await eventually(() => brandPosts()[0], 'the reply on X');
    expect(posted.text).toBe('@jo it ships tomorrow, sorry for the wait');
    expect(posted.referencedTweets).toEqual([{ type: 'replied_to', id: mention.id }]);

    const alice = h.slack.users.alice!.id;
    const notice = await eventually(() => threadReplies(parent.ts).find((message) => message.text.includes('Replied publicly')), 'the confirmation');
    expect(visibleText(notice)).toContain(`<@${alice}>`);
    expect(visibleText(notice)).toContain(`status/${posted.id}`);
    await eventually(() => visibleText(h.slack.state.message(h.channelId, parent.ts)!).includes('Replied by'), 'the parent status');

    const db = await h.database.open();
    const conversation = await db.prisma.conversation.findFirstOrThrow();
    expect(conversation.firstResponseAt).not.toBeNull();
    expect(conversation.status).toBe('replied');
    await db.close();
    await h.slack.idle();
    expect(brandPosts()).toHaveLength(1);

    const written = h.logs.join('');
    expect(written).toContain('public reply queued');
    for (const secret of [h.slack.botToken, h.slack.signingSecret, h.x.credentials.accessSecret, h.x.credentials.appSecret, h.x.credentials.accessToken]) {
      expect(written).not.toContain(secret);
    }
  });

  it("counts characters as X does while the reply is typed, and signs it with the replier's signature", async () => {
    const { parent } = await mentionInSlack();
    await h.slack.driver.slashCommand({ user: 'alice', channel: h.channelId, command: '/social', text: 'signature ^AL' });
    const modal = await openReplyModal('alice', parent.ts);
    expect(JSON.stringify(modal.blocks)).toContain('Signed ^AL');

    await h.slack.driver.selectOption({
      user: 'alice',
      viewId: modal.id,
      actionId: 'reply_text_input',
      value: `@jo see https://example.com/${'a'.repeat(100)}`,
    });
    // The link counts 23 as on X: "@jo see " (8) + 23 + " ^AL" (4).
    await eventually(() => JSON.stringify(h.slack.state.openViews(h.slack.users.alice!.id)[0]?.blocks).includes('35/280 characters'), 'the live count');

    await h.slack.driver.submitView({ user: 'alice', values: { reply_text_input: '@jo all fixed' } });
    const posted = await eventually(() => brandPosts()[0], 'the reply on X');
    expect(posted.text).toBe('@jo all fixed ^AL');
  });

  it('keeps thread messages as internal notes, and "Send publicly" posts one as the reply', async () => {
    const { parent } = await mentionInSlack();
    const note = await h.slack.driver.postMessage({ user: 'bob', channel: h.channelId, threadTs: parent.ts, text: 'we can refund the shipping' });
    const db = await h.database.open();
    await eventually(() => db.prisma.message.findFirst({ where: { direction: 'note' } }), 'the stored note');
    expect(brandPosts()).toHaveLength(0);

    await h.slack.driver.messageShortcut({ user: 'bob', channel: h.channelId, ts: note.ts, callbackId: 'send_publicly' });
    const modal = await eventually(() => h.slack.state.openViews(h.slack.users.bob!.id)[0], 'the prefilled modal');
    expect(JSON.stringify(modal.blocks)).toContain('@jo we can refund the shipping');
    await h.slack.driver.submitView({ user: 'bob' });

    const posted = await eventually(() => brandPosts()[0], 'the reply on X');
    expect(posted.text).toBe('@jo we can refund the shipping');
    await db.close();
  });

  it('"Send publicly" on one of Earshot\'s own messages is refused with a hint, and prefills notes as plain text', async () => {
    const { parent } = await mentionInSlack();
    await h.slack.driver.messageShortcut({ user: 'bob', channel: h.channelId, ts: parent.ts, callbackId: 'send_publicly' });
    await eventually(() => h.slack.state.ephemerals('bob').find((message) => message.text.includes('click *Reply* on the conversation')), 'the hint');
    expect(h.slack.state.openViews(h.slack.users.bob!.id)).toHaveLength(0);

    const note = await h.slack.driver.postMessage({
      user: 'bob',
      channel: h.channelId,
      threadTs: parent.ts,
      text: 'see <https://acme.com/help|our help page> &amp; thanks',
    });
    await h.slack.driver.messageShortcut({ user: 'bob', channel: h.channelId, ts: note.ts, callbackId: 'send_publicly' });
    const modal = await eventually(() => h.slack.state.openViews(h.slack.users.bob!.id)[0], 'the prefilled modal');
    expect(JSON.stringify(modal.blocks)).toContain('@jo see https://acme.com/help & thanks');
  });

  it("keeps a note written in a new thread before Earshot has recorded it as the conversation's thread", async () => {
    const { parent } = await mentionInSlack();
    const { prisma } = h.earshot.database;
    const conversation = await eventually(() => prisma.conversation.findFirst({ where: { slackThreadTs: parent.ts } }), 'the recorded thread');
    // The moment between Slack showing the parent and Earshot storing its ts.
    await prisma.conversation.update({ where: { id: conversation.id }, data: { slackThreadTs: null } });

    await h.slack.driver.postMessage({ user: 'bob', channel: h.channelId, threadTs: parent.ts, text: 'I know this customer' });
    const note = await eventually(() => prisma.message.findFirst({ where: { direction: 'note' } }), 'the stored note');
    expect(note).toMatchObject({ conversationId: conversation.id, text: 'I know this customer', slackUserId: h.slack.users.bob!.id });
  });

  it('refuses private data in the modal and posts nothing', async () => {
    const { parent } = await mentionInSlack();
    await openReplyModal('alice', parent.ts);
    const submitted = await h.slack.driver.submitView({ user: 'alice', values: { reply_text_input: '@jo your card 4242 4242 4242 4242 was refunded' } });
    expect(submitted.responseAction).toBe('errors');
    expect(Object.values(submitted.errors ?? {}).join(' ')).toMatch(/card/i);
    expect(Object.values(submitted.errors ?? {}).join(' ')).toMatch(/private/i);
    await h.slack.idle();
    expect(brandPosts()).toHaveLength(0);
  });

  it('refuses a reply over 280 characters as X counts them', async () => {
    const { parent } = await mentionInSlack();
    await openReplyModal('alice', parent.ts);
    const submitted = await h.slack.driver.submitView({ user: 'alice', values: { reply_text_input: `@jo ${'😀'.repeat(140)}` } });
    expect(submitted.responseAction).toBe('errors');
    expect(Object.values(submitted.errors ?? {}).join(' ')).toMatch(/280/);
    expect(brandPosts()).toHaveLength(0);
  });

  it('X answers 503 once: the reply is retried and posted exactly once', async () => {
    const { parent } = await mentionInSlack();
    h.x.control.injectFault({ method: 'POST', path: '/2/tweets', kind: 'status', status: 503 });
    await openReplyModal('alice', parent.ts);
    await h.slack.driver.submitView({ user: 'alice', values: { reply_text_input: '@jo on it' } });
    await eventually(() => threadReplies(parent.ts).find((message) => message.text.includes('Replied publicly')), 'the confirmation');
    expect(brandPosts()).toHaveLength(1);
    expect(h.x.control.requests({ method: 'POST', path: '/2/tweets' })).toHaveLength(2);
  });

  it('the connection drops after X stored the reply: Earshot looks it up instead of posting twice', async () => {
    const { parent } = await mentionInSlack();
    h.x.control.injectFault({ method: 'POST', path: '/2/tweets', kind: 'commitThenDrop' });
    await openReplyModal('alice', parent.ts);
    await h.slack.driver.submitView({ user: 'alice', values: { reply_text_input: '@jo sorted' } });
    await eventually(() => threadReplies(parent.ts).find((message) => message.text.includes('Replied publicly')), 'the confirmation');
    expect(brandPosts()).toHaveLength(1);
    expect(h.x.control.requests({ method: 'POST', path: '/2/tweets' })).toHaveLength(1);
  });

  it('a refusal by X is shown in the thread in plain words with a Retry button that works', async () => {
    const { parent } = await mentionInSlack();
    h.x.control.injectFault({
      method: 'POST',
      path: '/2/tweets',
      kind: 'status',
      status: 403,
      body: { title: 'Forbidden', type: 'about:blank', status: 403, detail: 'Something went wrong on our side.' },
    });
    await openReplyModal('alice', parent.ts);
    await h.slack.driver.submitView({ user: 'alice', values: { reply_text_input: '@jo thanks!' } });
    const failure = await eventually(
      () => threadReplies(parent.ts).find((message) => visibleText(message).includes('X refused the reply')),
      'the failure notice',
    );
    expect(visibleText(failure)).toContain('reply_retry');
    expect(brandPosts()).toHaveLength(0);

    await h.slack.driver.clickButton({ user: 'alice', channel: h.channelId, ts: failure.ts, actionId: 'reply_retry' });
    await eventually(() => visibleText(h.slack.state.message(h.channelId, failure.ts)!).includes('Replied publicly'), 'the notice turned into a confirmation');
    expect(brandPosts()).toHaveLength(1);
  });

  it('a reply X refuses as a duplicate offers its text for editing, not a Retry that would be refused forever', async () => {
    const { parent } = await mentionInSlack();
    h.x.control.injectFault({
      method: 'POST',
      path: '/2/tweets',
      kind: 'status',
      status: 403,
      body: { title: 'Forbidden', type: 'about:blank', status: 403, detail: 'You are not allowed to create a Tweet with duplicate content.' },
    });
    await openReplyModal('alice', parent.ts);
    await h.slack.driver.submitView({ user: 'alice', values: { reply_text_input: '@jo thanks!' } });
    const failure = await eventually(() => threadReplies(parent.ts).find((message) => visibleText(message).includes('duplicate')), 'the failure notice');
    expect(visibleText(failure)).not.toContain('reply_retry');

    await h.slack.driver.clickButton({ user: 'alice', channel: h.channelId, ts: failure.ts, actionId: 'draft_retry' });
    const modal = await eventually(
      () => h.slack.state.openViews(h.slack.users.alice!.id).find((view) => view.callback_id === 'reply_submit'),
      'the reply modal with the text',
    );
    expect(JSON.stringify(modal.blocks)).toContain('@jo thanks!');
    await h.slack.driver.submitView({ user: 'alice', values: { reply_text_input: '@jo thanks, and sorry for the wait!' } });
    expect((await eventually(() => brandPosts()[0], 'the edited reply on X')).text).toBe('@jo thanks, and sorry for the wait!');
  });

  it('Slack answers 429 to chat.postMessage: the parent still arrives', async () => {
    h.slack.faults.rateLimit('chat.postMessage', { retryAfterSeconds: 1 });
    const { parent } = await mentionInSlack();
    expect(visibleText(parent)).toContain('where is my parcel?');
    expect(h.slack.state.messages(h.channelId)).toHaveLength(1);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '../support/test-databases.js';
import { eventually, startHarness, visibleText, type Harness } from '../support/earshot-harness.js';

describe.each(databaseKinds)('taking conversations private (%s)', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(kind);
  });
  afterEach(async () => {
    await h?.stop();
  });

  async function mentionInSlack(text = 'I was charged twice this month') {
    const jo = h.x.control.createUser({ username: 'jo', name: 'Jo' });
    const mention = h.x.control.post(jo.id, { text: `@${h.x.brand.username} ${text}` });
    await h.earshot.pollNow();
    const parent = await eventually(
      () => h.slack.state.messages(h.channelId).find((message) => !message.thread_ts || message.thread_ts === message.ts),
      'the parent message',
    );
    return { jo, mention, parent };
  }

  async function openModal(user: string, parentTs: string, actionId: string) {
    const person = h.slack.users[user]!;
    await h.slack.driver.clickButton({ user, channel: h.channelId, ts: parentTs, actionId });
    return eventually(() => h.slack.state.openViews(person.id)[0], `the modal opened by ${actionId}`);
  }

  async function takePrivate(parentTs: string) {
    const modal = await openModal('alice', parentTs, 'private_open');
    const submitted = await h.slack.driver.submitView({ user: 'alice' });
    expect(submitted.responseAction).toBe('close');
    return modal;
  }

  const brandPosts = () => h.x.control.posts({ author: h.x.brand.id });
  const dmsFromBrand = () => h.x.control.dmEvents().filter((event) => event.senderId === h.x.brand.id);
  const threadReplies = (parentTs: string) => h.slack.state.thread(h.channelId, parentTs).filter((message) => message.ts !== parentTs);
  const findInThread = (parentTs: string, needle: string) => threadReplies(parentTs).filter((message) => visibleText(message).includes(needle));

  it('a sent Take private form is stored before the form closes: the invitation and the first DM are already queued', async () => {
    const { parent } = await mentionInSlack();
    await takePrivate(parent.ts);
    const stored = await h.earshot.database.prisma.message.findMany({ where: { direction: 'outbound' }, select: { visibility: true } });
    expect(stored.map((message) => message.visibility).sort()).toEqual(['private', 'public']);
  });

  it('Take private → one public invitation on X, one DM; the DM conversation continues in the same thread, and Reply sends DMs', async () => {
    const { jo, mention, parent } = await mentionInSlack();
    const modal = await takePrivate(parent.ts);
    const shown = JSON.stringify(modal.blocks);
    expect(shown).toContain("@jo We've sent you a direct message");
    expect(shown).toContain('Direct message to @jo');

    const invitation = await eventually(() => brandPosts()[0], 'the public invitation on X');
    expect(invitation.text).toBe("@jo We've sent you a direct message so we can look at your account privately.");
    expect(invitation.referencedTweets).toEqual([{ type: 'replied_to', id: mention.id }]);
    const dm = await eventually(() => dmsFromBrand()[0], 'the DM on X');
    expect(dm.recipientId).toBe(jo.id);
    expect(dm.text).toMatch(/^Hi Jo, thanks for getting in touch/);

    await eventually(() => findInThread(parent.ts, 'Replied publicly')[0], 'the public reply in the thread');
    const sentNotice = await eventually(() => findInThread(parent.ts, '🔒 DM sent by')[0], 'the DM in the thread');
    expect(visibleText(sentNotice)).toContain(`<@${h.slack.users.alice!.id}>`);
    await eventually(() => visibleText(h.slack.state.message(h.channelId, parent.ts)!).includes('🔒 Private'), 'the parent marked private');
    expect(JSON.stringify(h.slack.state.message(h.channelId, parent.ts)!.blocks)).not.toContain('private_open');

    // The customer answers by DM: it appears in the same thread.
    h.x.control.sendDm('jo', { text: 'my account number is 12345678' });
    await h.earshot.pollNow();
    const answer = await eventually(() => findInThread(parent.ts, 'DM from @jo')[0], "the customer's DM in the thread");
    expect(visibleText(answer)).toContain('my account number is 12345678');

    // Reply from Slack: a DM (account details allowed), nothing public.
    const replyModal = await openModal('bob', parent.ts, 'reply_open');
    expect(JSON.stringify(replyModal.blocks)).toContain('Direct message to @jo');
    expect(replyModal.title?.text).not.toContain('Reply on X');
    const submitted = await h.slack.driver.submitView({
      user: 'bob',
      values: { reply_text_input: 'Thanks! Account 12345678 is refunded, card 4242 4242 4242 4242.' },
    });
    expect(submitted.responseAction).toBe('close');
    await eventually(() => dmsFromBrand().find((event) => event.text.startsWith('Thanks! Account 12345678')), 'the DM reply on X');
    await eventually(() => findInThread(parent.ts, `🔒 DM sent by <@${h.slack.users.bob!.id}>`)[0], 'the DM reply in the thread');

    // A later DM poll sees Earshot's own DMs: nothing is stored or shown twice.
    await h.earshot.pollNow();
    await h.slack.idle();
    expect(brandPosts()).toHaveLength(1);
    expect(dmsFromBrand()).toHaveLength(2);
    expect(findInThread(parent.ts, '🔒 DM sent by')).toHaveLength(2);
    expect(findInThread(parent.ts, 'DM from @jo')).toHaveLength(1);

    const db = await h.database.open();
    const conversation = await db.prisma.conversation.findFirstOrThrow({ include: { messages: true } });
    expect(conversation.visibility).toBe('private');
    expect(conversation.dmConversationId).toBe(dm.dmConversationId);
    const privateMessages = conversation.messages.filter((message) => message.visibility === 'private');
    expect(privateMessages.map((message) => message.externalId).sort()).toEqual(
      h.x.control
        .dmEvents()
        .map((event) => `dm:${event.id}`)
        .sort(),
    );
    const actions = (await db.prisma.auditEntry.findMany({ orderBy: { id: 'asc' } })).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['conversation.taken_private', 'reply.queued', 'reply.sent', 'dm.queued', 'dm.sent', 'dm.received']));
    await db.close();
  });

  it('a DM from someone without an open conversation starts a new private conversation; "Send publicly" refuses there', async () => {
    h.x.control.createUser({ username: 'sam', name: 'Sam Lee' });
    h.x.control.sendDm('sam', { text: 'Hi, my invoice 2024-118 shows the wrong address' });
    await h.earshot.pollNow();
    const parent = await eventually(
      () => h.slack.state.messages(h.channelId).find((message) => !message.thread_ts || message.thread_ts === message.ts),
      'the parent message',
    );
    expect(visibleText(parent)).toContain('my invoice 2024-118');
    expect(visibleText(parent)).toContain('🔒 Private');

    // "Send publicly" on a note in a private conversation explains and opens nothing.
    await h.slack.idle();
    const note = await h.slack.driver.postMessage({ user: 'bob', channel: h.channelId, threadTs: parent.ts, text: 'we fixed the address' });
    await h.slack.driver.messageShortcut({ user: 'bob', channel: h.channelId, ts: note.ts, callbackId: 'send_publicly' });
    const refusal = await eventually(() => h.slack.state.ephemerals('bob').find((message) => message.text.includes('private')), 'the refusal');
    expect(refusal.text).toContain('direct message');
    expect(h.slack.state.openViews(h.slack.users.bob!.id)).toHaveLength(0);

    await openModal('bob', parent.ts, 'reply_open');
    await h.slack.driver.submitView({ user: 'bob', values: { reply_text_input: 'Fixed: the invoice now shows your new address.' } });
    await eventually(() => dmsFromBrand()[0], 'the DM reply');
    await eventually(() => findInThread(parent.ts, '🔒 DM sent by')[0], 'the DM in the thread');
    expect(brandPosts()).toHaveLength(0);

    // Opened last: an embedded (PGlite) database opened twice does not see the other copy's later writes.
    const db = await h.database.open();
    const conversation = await db.prisma.conversation.findFirstOrThrow();
    const event = h.x.control.dmEvents().at(-1)!;
    expect(conversation.visibility).toBe('private');
    expect(conversation.externalConversationId).toBe(event.dmConversationId);
    expect(conversation.dmConversationId).toBe(event.dmConversationId);
    expect(await db.prisma.conversation.count()).toBe(1);
    await db.close();
  });

  it('the connection drops after X stored the DM: Earshot looks it up instead of sending twice', async () => {
    const { parent } = await mentionInSlack();
    h.x.control.injectFault({ method: 'POST', path: '/2/dm_conversations/with/:id/messages', kind: 'commitThenDrop' });
    await takePrivate(parent.ts);
    await eventually(() => findInThread(parent.ts, '🔒 DM sent by')[0], 'the DM in the thread');
    await h.slack.idle();
    expect(dmsFromBrand()).toHaveLength(1);
    expect(h.x.control.requests({ method: 'POST', path: '/2/dm_conversations/with/:id/messages' })).toHaveLength(1);
    expect(brandPosts()).toHaveLength(1);
  });

  it('X refuses the DM: plain words and a Retry button in the thread; X rate-limits it: sent after the reset', async () => {
    const { parent } = await mentionInSlack();
    h.x.control.injectFault({
      method: 'POST',
      path: '/2/dm_conversations/with/:id/messages',
      kind: 'status',
      status: 403,
      body: { title: 'Forbidden', type: 'about:blank', status: 403, detail: 'You cannot send messages to this user.' },
    });
    await takePrivate(parent.ts);
    const failure = await eventually(() => findInThread(parent.ts, 'was not sent')[0], 'the failure notice');
    expect(visibleText(failure)).toContain('private_retry');
    expect(visibleText(failure)).toMatch(/follow the account/);
    expect(dmsFromBrand()).toHaveLength(0);

    h.x.control.injectFault({ method: 'POST', path: '/2/dm_conversations/with/:id/messages', kind: 'rateLimit', resetInSeconds: 2 });
    await h.slack.driver.clickButton({ user: 'alice', channel: h.channelId, ts: failure.ts, actionId: 'private_retry' });
    await eventually(() => visibleText(h.slack.state.message(h.channelId, failure.ts)!).includes('🔒 DM sent by'), 'the notice turned into the sent DM');
    expect(dmsFromBrand()).toHaveLength(1);
    expect(h.x.control.requests({ method: 'POST', path: '/2/dm_conversations/with/:id/messages' })).toHaveLength(3);
    // While X's DM limit was exhausted, the thread said so instead of staying silent.
    expect(h.slack.state.edits(h.channelId, failure.ts).some((revision) => visibleText(revision).includes("X's limit on direct messages"))).toBe(true);
    const db = await h.database.open();
    const actions = (await db.prisma.auditEntry.findMany()).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['dm.failed', 'dm.retried', 'dm.sent']));
    await db.close();
  });
});

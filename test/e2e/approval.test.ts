import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '../support/test-databases.js';
import { eventually, startHarness, visibleText, type Harness } from '../support/earshot-harness.js';

// bob is learning (through the "trainees" user group), alice and dana approve, carol is a manager.
describe.each(databaseKinds)('reply approval (%s)', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(kind, {
      slack: { usergroups: [{ handle: 'trainees', name: 'Trainees', members: ['bob'] }] },
      env: ({ slack }) => ({
        ROLE_LEARNING: slack.usergroups.trainees!.id,
        ROLE_APPROVERS: `${slack.users.alice!.id},${slack.users.dana!.id}`,
        ROLE_MANAGERS: slack.users.carol!.id,
        APPROVAL_TOPICS: 'lawsuit|recall|injury',
      }),
    });
  });
  afterEach(async () => {
    await h?.stop();
  });

  const userId = (name: string) => h.slack.users[name]!.id;
  const brandPosts = () => h.x.control.posts({ author: h.x.brand.id });
  const threadReplies = (parentTs: string) => h.slack.state.thread(h.channelId, parentTs).filter((message) => message.ts !== parentTs);
  const draftIn = (parentTs: string) => threadReplies(parentTs).find((message) => visibleText(message).includes('draft_approve'));

  async function mentionInSlack(text = 'where is my parcel?') {
    const jo = h.x.control.createUser({ username: 'jo', name: 'Jo' });
    const mention = h.x.control.post(jo.id, { text: `@${h.x.brand.username} ${text}` });
    await h.earshot.pollNow();
    const parent = await eventually(
      () => h.slack.state.messages(h.channelId).find((message) => !message.thread_ts || message.thread_ts === message.ts),
      'the parent message',
    );
    return { mention, parent };
  }

  async function reply(user: string, parentTs: string, text: string) {
    await h.slack.driver.clickButton({ user, channel: h.channelId, ts: parentTs, actionId: 'reply_open' });
    await eventually(() => h.slack.state.openViews(userId(user)).find((view) => view.callback_id === 'reply_submit'), 'the reply modal');
    return h.slack.driver.submitView({ user, values: { reply_text_input: text } });
  }

  async function heldDraft(user: string, text: string) {
    const { parent, mention } = await mentionInSlack();
    const submitted = await reply(user, parent.ts, text);
    const draft = await eventually(() => draftIn(parent.ts), 'the draft in the thread');
    return { parent, mention, submitted, draft };
  }

  /** Read once, at the end of a test: PGlite's files are only consistent while Earshot is idle. */
  async function auditActions() {
    await h.slack.idle();
    const db = await h.database.open();
    try {
      return await db.prisma.auditEntry.findMany({ orderBy: { id: 'asc' } });
    } finally {
      await db.close();
    }
  }

  /** The bot's DMs with a person, as that person sees them. */
  async function directMessages(name: string) {
    const web = new WebClient(h.slack.botToken, { slackApiUrl: h.slack.apiUrl, retryConfig: { retries: 0 } });
    const { channel } = await web.conversations.open({ users: userId(name) });
    return { channel: channel!.id!, messages: () => h.slack.state.messages(channel!.id!) };
  }

  it("a learning member's reply is held: approvers are notified in the thread, X gets nothing until one approves, then exactly the draft", async () => {
    const { parent, mention, submitted, draft } = await heldDraft('bob', '@jo it ships tomorrow');
    expect(submitted.responseAction).toBe('update');
    expect(JSON.stringify(submitted.openViews.at(-1)?.blocks)).toContain('learning responder');

    const shown = visibleText(draft);
    expect(shown).toContain(`<@${userId('bob')}>`);
    expect(shown).toContain('@jo it ships tomorrow');
    expect(shown).toContain('learning responder');
    for (const approver of ['alice', 'dana', 'carol']) expect(draft.text + JSON.stringify(draft.blocks)).toContain(`<@${userId(approver)}>`);
    expect(shown).toContain('draft_edit');
    expect(shown).toContain('draft_reject');
    await eventually(() => visibleText(h.slack.state.message(h.channelId, parent.ts)!).includes('Awaiting approval'), 'the parent awaiting approval');

    await h.slack.idle();
    expect(brandPosts()).toHaveLength(0);
    expect(h.x.control.requests({ method: 'POST', path: '/2/tweets' })).toHaveLength(0);

    await h.slack.driver.clickButton({ user: 'alice', channel: h.channelId, ts: draft.ts, actionId: 'draft_approve' });
    const posted = await eventually(() => brandPosts()[0], 'the approved reply on X');
    expect(posted.text).toBe('@jo it ships tomorrow');
    expect(posted.referencedTweets).toEqual([{ type: 'replied_to', id: mention.id }]);
    const notice = await eventually(() => {
      const current = h.slack.state.message(h.channelId, draft.ts)!;
      return visibleText(current).includes('Replied publicly') && current;
    }, 'the draft turned into the reply notice');
    expect(visibleText(notice)).toContain(`approved by <@${userId('alice')}>`);
    expect(visibleText(notice)).not.toContain('draft_approve');
    await eventually(() => visibleText(h.slack.state.message(h.channelId, parent.ts)!).includes('Replied by'), 'the parent replied');

    const actions = (await auditActions()).map((entry) => entry.action);
    expect(actions).toEqual(expect.arrayContaining(['draft.held', 'draft.approved', 'reply.sent']));
    expect(actions).not.toContain('reply.queued');
  });

  it('two approvers click Approve at once: one post on X, and the other is told it was already approved', async () => {
    const { draft } = await heldDraft('bob', '@jo on its way');
    await Promise.all([
      h.slack.driver.clickButton({ user: 'alice', channel: h.channelId, ts: draft.ts, actionId: 'draft_approve' }),
      h.slack.driver.clickButton({ user: 'dana', channel: h.channelId, ts: draft.ts, actionId: 'draft_approve' }),
    ]);
    await eventually(() => visibleText(h.slack.state.message(h.channelId, draft.ts)!).includes('Replied publicly'), 'the reply notice');
    const answers = await eventually(() => {
      const found = ['alice', 'dana'].flatMap((name) => h.slack.state.ephemerals(name).filter((message) => message.text.includes('already approved')));
      return found.length > 0 && found;
    }, 'the "already approved" answer');
    await h.slack.idle();
    expect(answers).toHaveLength(1);
    expect(brandPosts()).toHaveLength(1);
    expect(h.x.control.requests({ method: 'POST', path: '/2/tweets' })).toHaveLength(1);
    expect((await auditActions()).filter((entry) => entry.action === 'draft.approved')).toHaveLength(1);
  });

  it('a rejected draft never reaches X; the thread says why and the author gets a DM with the reason, their text and a way to try again', async () => {
    const { draft } = await heldDraft('bob', '@jo we messed up big time');
    await h.slack.driver.clickButton({ user: 'dana', channel: h.channelId, ts: draft.ts, actionId: 'draft_reject' });
    const modal = await eventually(
      () => h.slack.state.openViews(userId('dana')).find((view) => view.callback_id === 'draft_reject_submit'),
      'the reject modal',
    );
    const empty = await h.slack.driver.submitView({ user: 'dana', viewId: modal.id, values: { draft_reject_reason: '  ' } });
    expect(empty.responseAction).toBe('errors');
    const submitted = await h.slack.driver.submitView({
      user: 'dana',
      viewId: modal.id,
      values: { draft_reject_reason: 'Too casual: apologise and offer a refund' },
    });
    expect(submitted.responseAction).toBe('close');

    const rejected = await eventually(() => {
      const current = h.slack.state.message(h.channelId, draft.ts)!;
      return visibleText(current).includes('Rejected by') && current;
    }, 'the draft marked rejected');
    expect(visibleText(rejected)).toContain(`<@${userId('dana')}>`);
    expect(visibleText(rejected)).toContain('Too casual');
    expect(visibleText(rejected)).not.toContain('draft_approve');

    const bob = await directMessages('bob');
    const dm = await eventually(() => bob.messages()[0], "bob's DM");
    expect(visibleText(dm)).toContain('Too casual: apologise and offer a refund');
    expect(visibleText(dm)).toContain('@jo we messed up big time');
    await h.slack.driver.clickButton({ user: 'bob', channel: bob.channel, ts: dm.ts, actionId: 'draft_retry' });
    const again = await eventually(() => h.slack.state.openViews(userId('bob')).find((view) => view.callback_id === 'reply_submit'), 'the reply modal again');
    expect(JSON.stringify(again.blocks)).toContain('@jo we messed up big time');

    await h.slack.idle();
    expect(brandPosts()).toHaveLength(0);
    const db = await h.database.open();
    const message = await db.prisma.message.findFirstOrThrow({ where: { direction: 'outbound' } });
    expect(message).toMatchObject({
      deliveryState: 'rejected',
      rejectionReason: 'Too casual: apologise and offer a refund',
      reviewedBySlackUserId: userId('dana'),
    });
    expect((await db.prisma.conversation.findFirstOrThrow()).status).not.toBe('awaiting_approval');
    const entry = await db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'draft.rejected' } });
    expect(JSON.stringify(entry.details)).not.toContain('messed up');
    await db.close();
  });

  it("an approver's edit is what X receives, after the same checks as any reply", async () => {
    const { draft } = await heldDraft('bob', '@jo it is coming lol');
    await h.slack.driver.clickButton({ user: 'alice', channel: h.channelId, ts: draft.ts, actionId: 'draft_edit' });
    const modal = await eventually(() => h.slack.state.openViews(userId('alice')).find((view) => view.callback_id === 'reply_submit'), 'the edit modal');
    expect(JSON.stringify(modal.blocks)).toContain('@jo it is coming lol');

    const leaky = await h.slack.driver.submitView({ user: 'alice', values: { reply_text_input: '@jo refunded to card 4242 4242 4242 4242' } });
    expect(leaky.responseAction).toBe('errors');

    const submitted = await h.slack.driver.submitView({ user: 'alice', values: { reply_text_input: '@jo it arrives tomorrow, sorry for the wait' } });
    expect(submitted.responseAction).toBe('close');
    const posted = await eventually(() => brandPosts()[0], 'the edited reply on X');
    expect(posted.text).toBe('@jo it arrives tomorrow, sorry for the wait');
    // The words are alice's: the reply is credited to her, from bob's draft.
    await eventually(
      () =>
        threadReplies(draft.thread_ts!).find((message) =>
          message.text.includes(`Replied publicly by <@${userId('alice')}> (edited from <@${userId('bob')}>'s draft)`),
        ),
      'the reply credited to its editor',
    );
    await h.slack.idle();
    expect(brandPosts()).toHaveLength(1);
    const entries = await auditActions();
    expect(entries.map((entry) => entry.action)).toEqual(expect.arrayContaining(['draft.edited', 'draft.approved']));
    const refusal = entries.find((entry) => entry.action === 'reply.refused');
    expect(refusal?.surface).toBe('draft_edit_modal');
    expect(JSON.stringify(refusal?.details)).toContain('payment_card');
    expect(JSON.stringify(refusal?.details)).not.toContain('4242 4242');
  });

  it("an approver's edit about a sensitive topic waits for another approver: nobody publishes their own words by editing", async () => {
    const { draft } = await heldDraft('bob', '@jo sorry, checking');
    await h.slack.driver.clickButton({ user: 'alice', channel: h.channelId, ts: draft.ts, actionId: 'draft_edit' });
    await eventually(() => h.slack.state.openViews(userId('alice')).find((view) => view.callback_id === 'reply_submit'), 'the edit modal');
    const submitted = await h.slack.driver.submitView({ user: 'alice', values: { reply_text_input: '@jo the recall does not cover your model' } });
    expect(submitted.responseAction).toBe('update');
    expect(JSON.stringify(submitted.openViews.at(-1)?.blocks)).toContain('sensitive topic: recall');
    await eventually(() => visibleText(draftIn(draft.thread_ts!)!).includes(`<@${userId('alice')}>`), "the draft, now alice's");

    await h.slack.driver.clickButton({ user: 'alice', channel: h.channelId, ts: draft.ts, actionId: 'draft_approve' });
    await eventually(
      () => h.slack.state.ephemerals('alice').find((message) => message.text.includes('Someone else must approve your draft')),
      'the refusal to the editor',
    );
    await h.slack.idle();
    expect(brandPosts()).toHaveLength(0);

    await h.slack.driver.clickButton({ user: 'dana', channel: h.channelId, ts: draft.ts, actionId: 'draft_approve' });
    expect((await eventually(() => brandPosts()[0], 'the reply on X')).text).toBe('@jo the recall does not cover your model');
    await eventually(
      () =>
        threadReplies(draft.thread_ts!).find((message) => message.text.includes(`(edited from <@${userId('bob')}>'s draft, approved by <@${userId('dana')}>)`)),
      'the reply credited to alice, approved by dana',
    );
  });

  it('a sensitive topic is held even for a manager, who cannot approve their own draft; a learning member cannot approve either', async () => {
    const { draft, submitted } = await heldDraft('carol', '@jo about the recall: your model is not affected');
    expect(submitted.responseAction).toBe('update');
    expect(visibleText(draft)).toContain('sensitive topic: recall');

    await h.slack.driver.clickButton({ user: 'carol', channel: h.channelId, ts: draft.ts, actionId: 'draft_approve' });
    await eventually(
      () => h.slack.state.ephemerals('carol').find((message) => message.text.includes('Someone else must approve your draft')),
      'the refusal to the author',
    );
    await h.slack.driver.clickButton({ user: 'bob', channel: h.channelId, ts: draft.ts, actionId: 'draft_approve' });
    await eventually(
      () => h.slack.state.ephemerals('bob').find((message) => message.text.includes('While you are learning, drafts are reviewed by approvers')),
      'the refusal to a learning member',
    );
    await h.slack.idle();
    expect(brandPosts()).toHaveLength(0);

    await h.slack.driver.clickButton({ user: 'dana', channel: h.channelId, ts: draft.ts, actionId: 'draft_approve' });
    const posted = await eventually(() => brandPosts()[0], 'the reply on X');
    expect(posted.text).toBe('@jo about the recall: your model is not affected');
  });

  it('"Send publicly" on a learning member\'s note is held the same way', async () => {
    const { parent } = await mentionInSlack();
    const note = await h.slack.driver.postMessage({ user: 'bob', channel: h.channelId, threadTs: parent.ts, text: 'we can refund the shipping' });
    await h.slack.driver.messageShortcut({ user: 'bob', channel: h.channelId, ts: note.ts, callbackId: 'send_publicly' });
    await eventually(() => h.slack.state.openViews(userId('bob'))[0], 'the prefilled modal');
    const submitted = await h.slack.driver.submitView({ user: 'bob' });
    expect(submitted.responseAction).toBe('update');
    const draft = await eventually(() => draftIn(parent.ts), 'the draft in the thread');
    expect(visibleText(draft)).toContain('@jo we can refund the shipping');
    await h.slack.idle();
    expect(brandPosts()).toHaveLength(0);
  });

  it('an approver outside the topics publishes directly', async () => {
    const { parent } = await mentionInSlack();
    const submitted = await reply('dana', parent.ts, '@jo it ships tomorrow');
    expect(submitted.responseAction).toBe('close');
    await eventually(() => brandPosts()[0], 'the reply on X');
    expect(draftIn(parent.ts)).toBeUndefined();
  });

  it('Take private by a learning member: the public invitation and the direct messages wait for approval too', async () => {
    const { parent } = await mentionInSlack();
    await h.slack.driver.clickButton({ user: 'bob', channel: h.channelId, ts: parent.ts, actionId: 'private_open' });
    await eventually(() => h.slack.state.openViews(userId('bob'))[0], 'the take-private modal');
    const submitted = await h.slack.driver.submitView({ user: 'bob' });
    expect(submitted.responseAction).toBe('close');

    const drafts = () => threadReplies(parent.ts).filter((message) => visibleText(message).includes('draft_approve'));
    await eventually(() => drafts().length === 2, 'the held invitation and the held direct message in the thread');
    await eventually(() => h.slack.state.ephemerals('bob').find((message) => message.text.includes('and your direct message')), 'the notice to bob');
    const [invitationDraft, dmDraft] = ['Draft reply', 'Draft direct message'].map((label) =>
      drafts().find((message) => visibleText(message).includes(label))!,
    );
    expect(visibleText(dmDraft!)).not.toContain('draft_edit');
    await h.slack.idle();
    expect(brandPosts()).toHaveLength(0);
    const brandDms = () => h.x.control.dmEvents().filter((event) => event.senderId === h.x.brand.id);
    expect(brandDms()).toHaveLength(0);

    await h.slack.driver.clickButton({ user: 'alice', channel: h.channelId, ts: invitationDraft!.ts, actionId: 'draft_approve' });
    expect((await eventually(() => brandPosts()[0], 'the approved invitation on X')).text).toContain('@jo');
    await h.slack.driver.clickButton({ user: 'dana', channel: h.channelId, ts: dmDraft!.ts, actionId: 'draft_approve' });
    await eventually(() => brandDms()[0], 'the approved DM on X');

    // A later direct message from the Reply button is held the same way.
    await reply('bob', parent.ts, 'your refund is on its way');
    await eventually(() => drafts().some((message) => visibleText(message).includes('your refund is on its way')), 'the held direct message');
    await h.slack.idle();
    expect(brandDms()).toHaveLength(1);
  });
});

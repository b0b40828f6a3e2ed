import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '../support/test-databases.js';
import { eventually, parentMessages, startHarness, visibleText, type Harness } from '../support/earshot-harness.js';

describe.each(databaseKinds)('handing conversations off (%s)', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(kind);
  });
  afterEach(async () => {
    await h?.stop();
  });

  const userId = (name: string) => h.slack.users[name]!.id;
  const parentShows = (ts: string, text: string) => visibleText(h.slack.state.message(h.channelId, ts)!).includes(text);

  async function mentionInSlack(username = 'jo', text = 'where is my parcel?') {
    const author = h.x.control.createUser({ username });
    h.x.control.post(author.id, { text: `@${h.x.brand.username} ${text}` });
    const before = parentMessages(h).length;
    await h.earshot.pollNow();
    const parent = await eventually(() => parentMessages(h)[before], 'the parent message');
    return { author, parent };
  }

  /** The bot's DMs with a person, as that person sees them. */
  async function directMessages(name: string) {
    const web = new WebClient(h.slack.botToken, { slackApiUrl: h.slack.apiUrl, retryConfig: { retries: 0 } });
    const { channel } = await web.conversations.open({ users: userId(name) });
    return { channel: channel!.id!, messages: () => h.slack.state.messages(channel!.id!) };
  }

  async function openAssignModal(user: string, parentTs: string) {
    await h.slack.driver.clickButton({ user, channel: h.channelId, ts: parentTs, actionId: 'assign_open' });
    return eventually(() => h.slack.state.openViews(userId(user)).find((view) => view.callback_id === 'assign_submit'), 'the assign modal');
  }

  it('Assign → a person: a DM with a link to the thread, the hand-off in the thread, the assignee on the parent', async () => {
    const { parent } = await mentionInSlack();
    const modal = await openAssignModal('alice', parent.ts);
    const shown = JSON.stringify(modal.blocks);
    expect(shown).toContain('users_select');
    expect(shown).toContain(h.slack.usergroups.billing!.id);

    const nobody = await h.slack.driver.submitView({ user: 'alice', values: { assign_note: 'anyone?' } });
    expect(nobody.responseAction).toBe('errors');
    expect(nobody.errors).toEqual({ assign_user: 'Choose a person or a team.' });

    const submitted = await h.slack.driver.submitView({ user: 'alice', values: { assign_user: userId('bob'), assign_note: 'they ordered twice' } });
    expect(submitted.responseAction).toBe('close');

    const bob = await directMessages('bob');
    const dm = await eventually(() => bob.messages()[0], "bob's DM");
    expect(visibleText(dm)).toContain(`<@${userId('alice')}> handed you`);
    expect(visibleText(dm)).toMatch(/<https?:\/\/[^|>]+\|open the thread>/);
    expect(visibleText(dm)).toContain('they ordered twice');

    const note = await eventually(
      () => h.slack.state.thread(h.channelId, parent.ts).find((message) => message.text.includes('handed this to')),
      'the hand-off in the thread',
    );
    expect(note.text).toContain(`<@${userId('bob')}>`);
    await eventually(() => parentShows(parent.ts, `Assigned to <@${userId('bob')}>`), 'the assignee on the parent');

    const db = await h.database.open();
    const audit = await db.prisma.auditEntry.findFirstOrThrow({ where: { action: 'conversation.assigned' } });
    expect(audit).toMatchObject({ actorSlackUserId: userId('alice'), surface: 'assign_modal' });
    await db.close();
  });

  it('Assign → a team: each member gets "Take it"; the first click wins, the second is told who has it', async () => {
    const { parent } = await mentionInSlack();
    const billing = h.slack.usergroups.billing!;
    await openAssignModal('alice', parent.ts);
    await h.slack.driver.submitView({ user: 'alice', values: { assign_team: billing.id } });
    await eventually(() => parentShows(parent.ts, `<!subteam^${billing.id}>`), 'the team on the parent');

    const carol = await directMessages('carol');
    const dana = await directMessages('dana');
    const carolDm = await eventually(() => carol.messages()[0], "carol's DM");
    const danaDm = await eventually(() => dana.messages()[0], "dana's DM");
    expect(visibleText(carolDm)).toContain('take_conversation');
    expect((await directMessages('bob')).messages()).toHaveLength(0);

    await h.slack.driver.clickButton({ user: 'dana', channel: dana.channel, ts: danaDm.ts, actionId: 'take_conversation' });
    await eventually(() => visibleText(h.slack.state.message(dana.channel, danaDm.ts)!).includes('You took it'), "dana's DM to say she has it");
    expect(visibleText(h.slack.state.message(dana.channel, danaDm.ts)!)).not.toContain('take_conversation');
    expect(visibleText(h.slack.state.message(dana.channel, danaDm.ts)!)).toContain('open the thread');

    await h.slack.driver.clickButton({ user: 'carol', channel: carol.channel, ts: carolDm.ts, actionId: 'take_conversation' });
    await eventually(
      () => visibleText(h.slack.state.message(carol.channel, carolDm.ts)!).includes(`<@${userId('dana')}> already took it`),
      'carol to be told dana has it',
    );
    await eventually(() => parentShows(parent.ts, `Assigned to <@${userId('dana')}>`), 'dana on the parent');

    const db = await h.database.open();
    const conversation = await db.prisma.conversation.findFirstOrThrow();
    expect(conversation.assigneeSlackUserId).toBe(userId('dana'));
    expect(await db.prisma.auditEntry.count({ where: { action: 'conversation.taken', surface: 'team_notification' } })).toBe(1);
    await db.close();
  });

  it("Take it and Unassign from the parent's overflow menu", async () => {
    const { parent } = await mentionInSlack();
    await overflow('bob', parent.ts, 'Take it (assign to me)');
    await eventually(() => parentShows(parent.ts, `Assigned to <@${userId('bob')}>`), 'bob on the parent');

    await overflow('alice', parent.ts, 'Unassign');
    await eventually(() => !parentShows(parent.ts, 'Assigned to'), 'the assignee to go from the parent');
    expect(visibleText(h.slack.state.message(h.channelId, parent.ts)!)).not.toContain('"Unassign"');

    const db = await h.database.open();
    expect(
      await db.prisma.auditEntry.findMany({ where: { surface: 'parent_overflow' }, orderBy: { id: 'asc' }, select: { action: true, actorSlackUserId: true } }),
    ).toEqual([
      { action: 'conversation.taken', actorSlackUserId: userId('bob') },
      { action: 'conversation.unassigned', actorSlackUserId: userId('alice') },
    ]);
    await db.close();
  });

  it("Ignore / spam: the author's next mention starts no thread; Not spam undoes it", async () => {
    const { author, parent } = await mentionInSlack('spammer', 'buy followers now');
    await overflow('alice', parent.ts, 'Ignore / spam');
    // A sync that was already running may show the mark a moment before the resolution: the next one shows both.
    await eventually(() => parentShows(parent.ts, 'marked as spam') && parentShows(parent.ts, 'Resolved'), 'the parent to show spam, resolved');

    // The spammer writes again, and someone else too: only the other one gets a thread.
    h.x.control.post(author.id, { text: `@${h.x.brand.username} cheap followers, again` });
    const other = h.x.control.createUser({ username: 'kim' });
    h.x.control.post(other.id, { text: `@${h.x.brand.username} is the shop open on Sunday?` });
    await h.earshot.pollNow();
    await eventually(() => parentMessages(h).find((message) => message.text.includes('open on Sunday')), "the other customer's thread");
    await new Promise((resolve) => setTimeout(resolve, 1_000)); // the spammer's sync, queued first, has run by now
    await h.slack.idle();
    expect(parentMessages(h)).toHaveLength(2);
    expect(parentMessages(h).some((message) => message.text.includes('cheap followers'))).toBe(false);

    await overflow('alice', parent.ts, 'Not spam');
    await eventually(() => !parentShows(parent.ts, 'marked as spam'), 'the spam mark to go');
    expect(parentShows(parent.ts, 'Ignore / spam')).toBe(true);

    // Opened once all is done: an embedded (PGlite) database opened meanwhile would not see later writes.
    const db = await h.database.open();
    expect(await db.prisma.conversation.count({ where: { author: { handle: 'spammer' } } })).toBe(2);
    const authorRow = await db.prisma.author.findFirstOrThrow({ where: { handle: 'spammer' } });
    expect(authorRow.spamMarkedAt).toBeNull();
    expect((await db.prisma.auditEntry.findMany({ where: { action: { contains: 'spam' } }, select: { action: true } })).map((entry) => entry.action)).toEqual([
      'author.marked_spam',
      'author.unmarked_spam',
    ]);
    await db.close();
  });

  it('shows "… is replying" on the parent while the reply modal is open, and takes it off when it is closed', async () => {
    const { parent } = await mentionInSlack();
    await h.slack.driver.clickButton({ user: 'alice', channel: h.channelId, ts: parent.ts, actionId: 'reply_open' });
    await eventually(() => h.slack.state.openViews(userId('alice'))[0], 'the reply modal');
    await eventually(() => parentShows(parent.ts, `<@${userId('alice')}> is replying`), 'the collision notice');

    await h.slack.driver.closeView({ user: 'alice' });
    await eventually(() => !parentShows(parent.ts, 'is replying'), 'the notice to go');

    const db = await h.database.open();
    const conversation = await db.prisma.conversation.findFirstOrThrow();
    expect(conversation.replyingSlackUserId).toBeNull();
    await db.close();
  });

  /** Chooses in the parent's overflow menu the option whose label is `label`. */
  async function overflow(user: string, parentTs: string, label: string) {
    const message = h.slack.state.message(h.channelId, parentTs)!;
    const options = (message.blocks ?? [])
      .flatMap((block) =>
        Array.isArray(block.elements) ? (block.elements as Array<{ type?: string; options?: Array<{ text: { text: string }; value: string }> }>) : [],
      )
      .flatMap((element) => (element.type === 'overflow' ? (element.options ?? []) : []));
    const option = options.find((candidate) => candidate.text.text === label);
    if (!option) throw new Error(`no "${label}" in the overflow menu: ${options.map((candidate) => candidate.text.text).join(', ')}`);
    await h.slack.driver.selectOption({ user, channel: h.channelId, ts: parentTs, actionId: 'conversation_overflow', value: option.value });
  }
});

import { afterEach, describe, expect, it } from 'vitest';
import { ERASED_TEXT } from '../../src/forget/forget-customer.js';
import { ERASE_PENDING_DIGEST, ERASED_THREAD_DIGEST, eraseSlackThread } from '../../src/forget/erase-slack-thread.js';
import { createLogger } from '../../src/log/create-logger.js';
import { buildSocialReport, reportScope } from '../../src/reports/build-report.js';
import { conversationRows } from '../../src/reports/report-queries.js';
import { REMOVAL_NOTICE } from '../../src/slack/blocks/forget-messages.js';
import { syncConversationThread } from '../../src/slack/sync/sync-conversation-thread.js';
import { WebClient } from '@slack/web-api';
import { eventually, type Harness, parentMessages, socialAnswer, startHarness, visibleText } from '../support/earshot-harness.js';
import { databaseKinds } from '../support/test-databases.js';

describe.each(databaseKinds)('/social forget (%s)', (kind) => {
  let h: Harness;
  afterEach(async () => {
    await h?.stop();
  });

  const userId = (name: string) => h.slack.users[name]!.id;
  const prisma = () => h.earshot.database.prisma;
  const silentLogger = createLogger({ level: 'silent' });

  const query = async (user: string, text: string) => visibleText(await socialAnswer(h, user, text));

  /** Jo's conversation: a post, Alice's public reply, Jo's follow-up, and Bob's note; and Bo's conversation. */
  async function conversations() {
    const jo = h.x.control.createUser({ username: 'jo', name: 'Jo Smith', followersCount: 321 });
    const mention = h.x.control.post(jo.id, { text: `@${h.x.brand.username} where is my parcel? I live at 3 Elm Street` });
    await h.earshot.pollNow();
    const parent = await eventually(() => parentMessages(h)[0], 'the parent message');
    await h.slack.driver.clickButton({ user: 'alice', channel: h.channelId, ts: parent.ts, actionId: 'reply_open' });
    await eventually(() => h.slack.state.openViews(userId('alice'))[0], 'the reply modal');
    await h.slack.driver.submitView({ user: 'alice', values: { reply_text_input: '@jo it ships tomorrow, Jo' } });
    await eventually(() => h.x.control.posts({ author: h.x.brand.id })[0], 'the reply on X');
    h.x.control.post(jo.id, { text: `@${h.x.brand.username} thanks, my number is 415 555 0100`, replyToId: mention.id });
    await h.earshot.pollNow();
    await h.slack.driver.postMessage({ user: 'bob', channel: h.channelId, threadTs: parent.ts, text: 'Jo Smith is a regular, be nice' });
    // The hand-off notice in the thread names the customer too.
    await h.slack.driver.slashCommand({
      user: 'alice',
      channel: h.channelId,
      command: '/social',
      text: `assign E-1 <@${userId('carol')}|carol> Jo Smith again`,
    });
    await eventually(() => h.slack.state.thread(h.channelId, parent.ts).find((message) => visibleText(message).includes('handed')), 'the hand-off notice');
    // …and so does the DM Carol got about it.
    const carolDm = await directMessages('carol');
    await eventually(() => carolDm.messages().find((message) => visibleText(message).includes('Jo Smith again')), "Carol's hand-off DM");
    const bo = h.x.control.createUser({ username: 'bo', name: 'Bo' });
    h.x.control.post(bo.id, { text: `@${h.x.brand.username} love the store` });
    await h.earshot.pollNow();
    await eventually(async () => (await prisma().message.count({ where: { slackTs: { not: null } } })) === 5, 'every message in Slack');
    return { parent, carolDm };
  }

  /** The bot's DMs with a person, as that person sees them. */
  async function directMessages(name: string) {
    const web = new WebClient(h.slack.botToken, { slackApiUrl: h.slack.apiUrl, retryConfig: { retries: 0 } });
    const { channel } = await web.conversations.open({ users: userId(name) });
    return { channel: channel!.id!, messages: () => h.slack.state.messages(channel!.id!) };
  }

  /** Everything the job queue keeps, finished and archived jobs included, as text. */
  async function jobQueueText(): Promise<string> {
    const rows = await prisma().$queryRawUnsafe<Array<{ text: string }>>(
      `SELECT coalesce(data::text, '') || ' ' || coalesce(output::text, '') AS text FROM pgboss.job
       UNION ALL SELECT coalesce(data::text, '') || ' ' || coalesce(output::text, '') FROM pgboss.archive`,
    );
    return rows.map((row) => row.text).join('\n');
  }

  const now = Date.now();
  const period = { from: new Date(now - 86_400_000), to: new Date(now + 86_400_000), previousFrom: new Date(now - 3 * 86_400_000), label: 'the test' };

  async function report() {
    const options = { period, filters: {}, defaultChannelId: h.channelId, timeZone: 'UTC' };
    const rows = await conversationRows(prisma(), reportScope(options), period);
    return { figures: await buildSocialReport(prisma(), options), rows: rows.map(({ authorHandle, ...row }) => row) };
  }

  it('erases the customer’s posts and personal data, replaces the Slack messages, and keeps the report the same', async () => {
    h = await startHarness(kind, { env: ({ slack }) => ({ ROLE_MANAGERS: slack.users.alice!.id }) });
    const { parent, carolDm } = await conversations();
    // Free text an earlier failure and review left on Alice's reply quotes the customer too.
    const reply = await prisma().message.findFirstOrThrow({ where: { direction: 'outbound' } });
    await prisma().message.update({
      where: { id: reply.id },
      data: {
        lastError: 'X said: duplicate of "Jo Smith, 3 Elm Street"',
        approvalReason: 'sensitive topic: parcel',
        rejectionReason: 'do not repeat her address at 3 Elm Street',
      },
    });
    const before = await report();
    const messagesBefore = await prisma().message.findMany({
      orderBy: { id: 'asc' },
      select: { id: true, direction: true, createdAt: true, postedAt: true, deliveryState: true, slackUserId: true },
    });
    const conversationBefore = await prisma().conversation.findFirstOrThrow({ where: { ref: 1 } });

    expect(await query('bob', 'forget @jo')).toContain('only for managers');
    expect(await query('alice', 'forget @nobody')).toContain('Earshot has nothing from @nobody');
    expect(h.slack.state.openViews(userId('alice'))).toHaveLength(0);

    const asked = await h.slack.driver.slashCommand({ user: 'alice', channel: h.channelId, command: '/social', text: 'forget @JO' });
    expect(asked.response ?? '').toBe('');
    const modal = await eventually(() => h.slack.state.openViews(userId('alice'))[0], 'the confirmation modal');
    const shown = visibleText(modal);
    expect(shown).toContain('1 conversation and 2 posts of @JO will be erased from Earshot');
    expect(shown).toContain(REMOVAL_NOTICE);
    expect(shown).toContain('note in E-1');
    expect(shown).toContain('must delete them by hand');
    expect(shown).toContain('CSV files and report exports already downloaded');
    expect(shown).toContain('X itself, which keeps the customer’s public posts');
    expect(await prisma().author.count({ where: { forgottenAt: { not: null } } })).toBe(0);

    const submitted = await h.slack.driver.submitView({ user: 'alice' });
    expect(submitted.responseAction).toBe('update');
    expect(visibleText(submitted.openViews[0]!)).toContain('Erasing…');
    await eventually(
      () => h.slack.state.openViews(userId('alice')).find((view) => visibleText(view).includes('Erased: 1 conversation (E-1), 4 messages')),
      'the outcome in the modal',
    );

    const author = await prisma().author.findFirstOrThrow({ where: { forgottenAt: { not: null } } });
    expect(author).toMatchObject({ handle: 'forgotten', name: null, profileImage: null, followerCount: null });
    expect(author.externalId).toMatch(/^forgotten:[0-9a-f-]{36}$/);
    const erased = await prisma().message.findMany({ where: { conversationId: conversationBefore.id } });
    expect(erased).toHaveLength(4);
    for (const message of erased) {
      expect(message).toMatchObject({
        text: ERASED_TEXT,
        payload: null,
        authorHandle: null,
        authorName: null,
        externalId: null,
        inReplyToExternalId: null,
        lastError: null,
        approvalReason: null,
        rejectionReason: null,
      });
    }
    expect(await prisma().handoff.findMany({ where: { conversationId: conversationBefore.id }, select: { note: true } })).toEqual([{ note: null }]);
    // The job queue keeps ids only: no job, finished or archived, carries the customer's words.
    for (const secret of ['Jo Smith', 'parcel', 'Elm Street', '415 555']) expect(await jobQueueText()).not.toContain(secret);
    expect(
      await prisma().message.findMany({
        orderBy: { id: 'asc' },
        select: { id: true, direction: true, createdAt: true, postedAt: true, deliveryState: true, slackUserId: true },
      }),
    ).toEqual(messagesBefore);
    const conversationAfter = await prisma().conversation.findFirstOrThrow({ where: { ref: 1 } });
    expect(conversationAfter).toMatchObject({
      status: conversationBefore.status,
      firstResponseAt: conversationBefore.firstResponseAt,
      waitingSince: conversationBefore.waitingSince,
      createdAt: conversationBefore.createdAt,
    });
    expect(conversationAfter.externalConversationId).toMatch(/^forgotten:/);
    expect(await report()).toEqual(before);

    // Every message Earshot posted in the thread now says it was removed; Bob's note is his to delete.
    await eventually(
      () =>
        h.slack.state
          .thread(h.channelId, parent.ts)
          .filter((message) => message.user !== userId('bob'))
          .every((message) => message.text === REMOVAL_NOTICE),
      'the removal notices',
    );
    const thread = h.slack.state.thread(h.channelId, parent.ts);
    expect(thread.filter((message) => message.text === REMOVAL_NOTICE)).toHaveLength(4);
    expect(thread.find((message) => message.user === userId('bob'))?.text).toBe('Jo Smith is a regular, be nice');
    for (const secret of ['parcel', 'Elm Street', '415 555', 'ships tomorrow', '@jo', 'Jo Smith again'])
      expect(thread.map(visibleText).join('\n')).not.toContain(secret);
    // Carol's hand-off DM is replaced too.
    await eventually(() => carolDm.messages().every((message) => message.text === REMOVAL_NOTICE), "Carol's DM replaced");
    expect(carolDm.messages().map(visibleText).join('\n')).not.toContain('Jo Smith');
    expect(visibleText(parentMessages(h).find((message) => message.ts !== parent.ts)!)).toContain('love the store');

    // Audited with references and counts, never the handle.
    const audit = await prisma().auditEntry.findFirstOrThrow({ where: { action: 'customer.forgotten' } });
    expect(audit).toMatchObject({
      conversationId: conversationBefore.id,
      actorSlackUserId: userId('alice'),
      surface: 'forget_modal',
      details: { conversationRefs: ['E-1'], conversations: 1, messages: 4 },
    });
    expect(JSON.stringify(await prisma().auditEntry.findMany({ select: { details: true } })).toLowerCase()).not.toMatch(/"jo"|@jo|jo smith|parcel/);
    expect(await query('carol', 'audit E-1')).toContain('Customer’s data erased (data request)');

    // Nothing finds them any more.
    expect(await query('carol', 'search @jo')).toContain('No conversation matches.');
    expect(await query('carol', 'history @jo')).toContain('No conversations with @jo yet.');
    expect(await query('carol', 'search parcel')).toContain('No conversation matches.');
    expect(await query('alice', 'forget @jo')).toContain('Earshot has nothing from @jo');

    // Erasing again is harmless, and a later thread sync does not bring anything back.
    const slack = new WebClient(h.slack.botToken, { slackApiUrl: h.slack.apiUrl });
    await eraseSlackThread({ prisma: prisma(), slack, logger: silentLogger }, conversationBefore.id);
    await syncConversationThread({ prisma: prisma(), slack, defaultChannelId: h.channelId, logger: silentLogger }, conversationBefore.id);
    expect(h.slack.state.thread(h.channelId, parent.ts).filter((message) => message.text === REMOVAL_NOTICE)).toHaveLength(4);
    expect(h.slack.state.message(h.channelId, parent.ts)?.text).toBe(REMOVAL_NOTICE);

    // A crash after the commit but before the thread was erased: the restart's reconciliation erases it.
    await slack.chat.update({ channel: h.channelId, ts: parent.ts, text: 'where is my parcel?' });
    await prisma().conversation.update({ where: { id: conversationBefore.id }, data: { slackParentDigest: ERASE_PENDING_DIGEST } });
    await h.earshot.stop();
    await h.restart();
    await eventually(() => h.slack.state.message(h.channelId, parent.ts)?.text === REMOVAL_NOTICE, 'the parent erased after the restart');
    await eventually(
      async () => (await prisma().conversation.findFirstOrThrow({ where: { ref: 1 } })).slackParentDigest === ERASED_THREAD_DIGEST,
      'the thread marked erased',
    );
  });
});

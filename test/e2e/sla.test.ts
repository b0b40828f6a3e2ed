import { WebClient } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { buildSocialReport } from '../../src/reports/build-report.js';
import { resolvePeriod } from '../../src/reports/report-period.js';
import { notifySlaReminder } from '../../src/slack/notify/notify-sla-reminder.js';
import { databaseKinds } from '../support/test-databases.js';
import { eventually, parentMessages, startHarness, visibleText, type Harness, type HarnessOptions } from '../support/earshot-harness.js';

const minute = 60_000;
const plus = (instant: Date, minutes: number) => new Date(instant.getTime() + minutes * minute);

describe.each(databaseKinds)('business hours, SLA reminders and the out-of-hours reply (%s)', (kind) => {
  let h: Harness;
  /** Earshot's clock; each test moves it. */
  let clock = new Date();
  afterEach(async () => {
    await h?.stop();
  });

  async function start(env: Record<string, string>, options: Omit<HarnessOptions, 'env' | 'now'> = {}) {
    clock = new Date();
    h = await startHarness(kind, { ...options, env, now: () => clock });
  }

  const userId = (name: string) => h.slack.users[name]!.id;
  const prisma = () => h.earshot.database.prisma;
  const threadReplies = (parentTs: string) => h.slack.state.thread(h.channelId, parentTs).filter((message) => message.ts !== parentTs);
  const reminders = (parentTs: string) => threadReplies(parentTs).filter((message) => message.text.includes('over the 30-minute SLA'));
  const brandPosts = () => h.x.control.posts({ author: h.x.brand.id });

  async function mentionInSlack(username = 'jo', text = 'where is my parcel?') {
    const author = h.x.control.user(username) ?? h.x.control.createUser({ username });
    const post = h.x.control.post(author.id, { text: `@${h.x.brand.username} ${text}` });
    const before = parentMessages(h).length;
    await h.earshot.pollNow();
    const parent = await eventually(() => parentMessages(h)[before], 'the parent message');
    const conversation = await prisma().conversation.findFirstOrThrow({ where: { author: { handle: username } }, orderBy: { ref: 'desc' } });
    return { author, post, parent, conversation };
  }

  /** The bot's DMs with a person, as that person sees them. */
  async function directMessages(name: string) {
    const web = new WebClient(h.slack.botToken, { slackApiUrl: h.slack.apiUrl, retryConfig: { retries: 0 } });
    const { channel } = await web.conversations.open({ users: userId(name) });
    return () => h.slack.state.messages(channel!.id!);
  }

  async function waitingSinceOf(conversationId: string): Promise<Date> {
    const { waitingSince } = await prisma().conversation.findUniqueOrThrow({ where: { id: conversationId } });
    expect(waitingSince).not.toBeNull();
    return waitingSince!;
  }

  /** Runs the check at `at` and lets every job it queued finish. */
  async function checkAt(at: Date) {
    clock = at;
    await h.earshot.checkSlaNow();
    const unfinished = `SELECT count(*)::int AS n FROM pgboss.job WHERE name = 'slack-sla-reminder' AND state IN ('created', 'retry', 'active')`;
    await eventually(async () => ((await h.earshot.database.executeSql(unfinished)).rows[0] as { n: number }).n === 0, 'the reminder jobs to finish');
    await h.slack.idle();
  }

  it('reminds the thread and the assignee once per wait, after SLA_MINUTES, and again after the customer writes again', async () => {
    await start({ SLA_MINUTES: '30' });
    const { author, parent, conversation } = await mentionInSlack();
    await h.slack.driver.clickButton({ user: 'alice', channel: h.channelId, ts: parent.ts, actionId: 'assign_open' });
    await eventually(() => h.slack.state.openViews(userId('alice')).find((view) => view.callback_id === 'assign_submit'), 'the assign modal');
    await h.slack.driver.submitView({ user: 'alice', values: { assign_user: userId('bob') } });
    const bobDms = await directMessages('bob');
    await eventually(() => bobDms().length === 1, "bob's hand-off DM");
    const waitingSince = await waitingSinceOf(conversation.id);

    await checkAt(plus(waitingSince, 29));
    expect(reminders(parent.ts)).toHaveLength(0);
    expect((await prisma().conversation.findUniqueOrThrow({ where: { id: conversation.id } })).slaRemindedFor).toBeNull();

    await checkAt(plus(waitingSince, 31));
    const [reminder] = await eventually(() => reminders(parent.ts).length === 1 && reminders(parent.ts), 'the reminder in the thread');
    expect(reminder!.text).toBe(`⏰ E-${conversation.ref} has waited 31 min — over the 30-minute SLA. <@${userId('bob')}>`);
    const dm = await eventually(() => bobDms().find((message) => message.text.includes('SLA')), "bob's reminder DM");
    expect(visibleText(dm)).toContain(`E-${conversation.ref} has waited 31 min`);
    expect(visibleText(dm)).toMatch(/<https?:\/\/[^|>]+\|open the thread>/);

    await checkAt(plus(waitingSince, 45));
    expect(reminders(parent.ts)).toHaveLength(1);
    expect(bobDms().filter((message) => message.text.includes('SLA'))).toHaveLength(1);
    const audit = await prisma().auditEntry.findMany({ where: { action: 'sla.reminded' } });
    expect(audit).toHaveLength(1);
    expect(audit[0]).toMatchObject({
      conversationId: conversation.id,
      actorSlackUserId: null,
      surface: 'sla',
      details: { slaMinutes: 30, waitedMinutes: 31, businessHours: false },
    });

    // The team answers: the wait is over, and no check reminds of it.
    await h.slack.driver.clickButton({ user: 'bob', channel: h.channelId, ts: parent.ts, actionId: 'reply_open' });
    await eventually(() => h.slack.state.openViews(userId('bob'))[0], 'the reply modal');
    await h.slack.driver.submitView({ user: 'bob', values: { reply_text_input: '@jo it ships tomorrow' } });
    const answer = await eventually(() => brandPosts()[0], 'the reply on X');
    await eventually(async () => (await prisma().conversation.findUniqueOrThrow({ where: { id: conversation.id } })).waitingSince === null, 'the wait to end');
    await checkAt(plus(waitingSince, 120));
    expect(reminders(parent.ts)).toHaveLength(1);

    // The customer writes again: a new wait, which gets its own reminder once over the SLA.
    h.x.control.post(author.id, { text: `@${h.x.brand.username} and the tracking number?`, replyToId: answer.id });
    await h.earshot.pollNow();
    const secondWait = await eventually(
      async () => (await prisma().conversation.findUniqueOrThrow({ where: { id: conversation.id } })).waitingSince,
      'a new wait',
    );
    expect(secondWait.getTime()).toBeGreaterThan(waitingSince.getTime());
    await checkAt(plus(secondWait, 29));
    expect(reminders(parent.ts)).toHaveLength(1);
    await checkAt(plus(secondWait, 40));
    await eventually(() => reminders(parent.ts).length === 2, 'the second reminder');
    expect(reminders(parent.ts)[1]!.text).toContain('has waited 40 min');
    expect(await prisma().auditEntry.count({ where: { action: 'sla.reminded' } })).toBe(2);
  });

  it('after a crash between the claim and the posts, a retry posts what is missing, once', async () => {
    await start({ SLA_MINUTES: '30' });
    const { parent, conversation } = await mentionInSlack();
    await h.earshot.database.prisma.conversation.update({ where: { id: conversation.id }, data: { assigneeSlackUserId: userId('bob') } });
    const waitingSince = await waitingSinceOf(conversation.id);
    // The claim was made (as by a replica that crashed right after it), nothing was posted.
    await prisma().conversation.update({ where: { id: conversation.id }, data: { slaRemindedFor: waitingSince } });
    clock = plus(waitingSince, 35);
    const web = new WebClient(h.slack.botToken, { slackApiUrl: h.slack.apiUrl, retryConfig: { retries: 0 } });
    const deps = { prisma: prisma(), slack: web, botUserId: async () => h.slack.botUserId, minutes: 30, calendar: undefined, now: () => clock };
    const job = { conversationId: conversation.id, waitingSince: waitingSince.toISOString() };

    // The check does not queue a claimed wait again; the job's retry finishes it, and a second retry finds it done.
    await checkAt(clock);
    expect(reminders(parent.ts)).toHaveLength(0);
    await notifySlaReminder(deps, job);
    await notifySlaReminder(deps, job);
    const bobDms = await directMessages('bob');
    expect(reminders(parent.ts)).toHaveLength(1);
    expect(bobDms().filter((message) => message.text.includes('SLA'))).toHaveLength(1);
  });

  it('counts business hours only: a mention on Friday evening is due on Monday at 09:30, and the team is mentioned', async () => {
    // X's clock (and so the mention's time) runs from Friday 27 November 2026, 18:00 in Paris.
    const fridayEvening = Date.parse('2026-11-27T17:00:00Z');
    const offset = fridayEvening - Date.now();
    await start({ SLA_MINUTES: '30', BUSINESS_HOURS: 'Mon-Fri 09:00-17:00', BUSINESS_TIMEZONE: 'Europe/Paris' }, { x: { now: () => Date.now() + offset } });
    const billing = h.slack.usergroups.billing!.id;
    const { parent, conversation } = await mentionInSlack();
    await h.slack.driver.slashCommand({
      user: 'alice',
      channel: h.channelId,
      command: '/social',
      text: `assign E-${conversation.ref} <!subteam^${billing}|@billing>`,
    });
    await eventually(
      async () => (await prisma().conversation.findUniqueOrThrow({ where: { id: conversation.id } })).assigneeSlackTeamId === billing,
      'the team assignment',
    );
    const waitingSince = await waitingSinceOf(conversation.id);
    expect(waitingSince.getTime() - fridayEvening).toBeGreaterThanOrEqual(0);
    expect(waitingSince.getTime() - fridayEvening).toBeLessThan(10 * minute);

    await checkAt(new Date('2026-11-28T11:00:00Z')); // Saturday noon: hours later, but no business minute yet
    await checkAt(new Date('2026-11-30T08:29:00Z')); // Monday 09:29 in Paris
    expect(reminders(parent.ts)).toHaveLength(0);

    await checkAt(new Date('2026-11-30T08:31:00Z')); // Monday 09:31
    const [reminder] = await eventually(() => reminders(parent.ts).length === 1 && reminders(parent.ts), 'the reminder');
    expect(reminder!.text).toBe(`⏰ E-${conversation.ref} has waited 31 min — over the 30-minute SLA (business hours). <!subteam^${billing}>`);
    const audit = await prisma().auditEntry.findFirstOrThrow({ where: { action: 'sla.reminded' } });
    expect(audit.details).toMatchObject({ dueAt: '2026-11-30T08:30:00.000Z', businessHours: true });
  });

  it('sends no automatic reply by default', async () => {
    await start({ SLA_MINUTES: '30', BUSINESS_HOURS: 'Mon-Fri 09:00-17:00', BUSINESS_TIMEZONE: 'Europe/Paris' });
    clock = new Date('2026-11-28T11:00:00Z'); // Saturday
    await mentionInSlack();
    await h.slack.idle();
    expect(brandPosts()).toHaveLength(0);
    expect(await prisma().message.count({ where: { direction: 'outbound' } })).toBe(0);
  });

  describe('with OUT_OF_HOURS_REPLY', () => {
    const reply = 'Thanks for your message! We are closed now and will answer from 9:00 (Paris time).';
    const env = { BUSINESS_HOURS: 'Mon-Fri 09:00-17:00', BUSINESS_TIMEZONE: 'Europe/Paris', OUT_OF_HOURS_REPLY: reply, REPORT_MANAGERS: 'U0NOBODY' };

    it('answers a new mention outside hours once, marked as automatic, without counting it as a response', async () => {
      await start(env);
      clock = new Date('2026-11-28T11:00:00Z'); // Saturday
      const { post, parent, conversation } = await mentionInSlack();
      const automatic = await eventually(() => brandPosts()[0], 'the automatic reply on X');
      expect(automatic.text).toBe(`@jo ${reply}`);
      expect(automatic.referencedTweets).toEqual([{ type: 'replied_to', id: post.id }]);
      const notice = await eventually(
        () => threadReplies(parent.ts).find((message) => message.text.includes('Automatic out-of-hours reply sent')),
        'the notice in the thread',
      );
      expect(visibleText(notice)).toContain(`status/${automatic.id}`);
      expect(visibleText(notice)).toContain('not by the team');

      const stored = await prisma().conversation.findUniqueOrThrow({ where: { id: conversation.id } });
      expect(stored).toMatchObject({ firstResponseAt: null, status: 'new' });
      expect(stored.waitingSince).not.toBeNull();
      const message = await prisma().message.findFirstOrThrow({ where: { direction: 'outbound' } });
      expect(message).toMatchObject({ automated: true, slackUserId: null, deliveryState: 'sent' });
      expect(await prisma().auditEntry.findFirst({ where: { action: 'reply.automated' } })).toMatchObject({
        conversationId: conversation.id,
        actorSlackUserId: null,
        surface: 'out_of_hours',
      });

      // The same customer again within 12 hours: no second automatic reply.
      await mentionInSlack('jo', 'hello? anyone?');
      await h.slack.idle();
      expect(brandPosts()).toHaveLength(1);

      // Reports: no response, no responder, still waiting.
      const report = await buildSocialReport(prisma(), {
        period: resolvePeriod({ kind: 'days', days: 7 }, new Date(Date.now() + minute), 'Europe/Paris'),
        filters: {},
        defaultChannelId: h.channelId,
        timeZone: 'Europe/Paris',
      });
      expect(report.current).toMatchObject({ conversations: 2, answered: 0, firstResponseMedianSeconds: null });
      expect(report.responders.rows).toEqual([]);
      expect(report.backlog).toMatchObject({ open: 2, waiting: 2 });
    });

    it('stays quiet inside business hours', async () => {
      await start(env);
      clock = new Date('2026-11-30T10:00:00Z'); // Monday 11:00 in Paris
      await mentionInSlack();
      await h.slack.idle();
      expect(brandPosts()).toHaveLength(0);
      expect(await prisma().message.count({ where: { automated: true } })).toBe(0);
    });
  });
});

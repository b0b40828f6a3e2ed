import { WebClient } from '@slack/web-api';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log/create-logger.js';
import { csvColumns } from '../../src/reports/report-csv.js';
import { defaultReportSettings, encodeShareValue, postWeeklyDigest, shareReport } from '../../src/reports/report-service.js';
import { resolvePeriod } from '../../src/reports/report-period.js';
import { databaseKinds } from '../support/test-databases.js';
import { eventually, startHarness, visibleText, type Harness } from '../support/earshot-harness.js';

/** A mention that Alice answers publicly from Slack: one conversation, answered. */
async function answeredMentionIn(h: Harness) {
  const jo = h.x.control.createUser({ username: 'jo', name: 'Jo' });
  h.x.control.post(jo.id, { text: `@${h.x.brand.username} where is my parcel?` });
  await h.earshot.pollNow();
  const parent = await eventually(
    () => h.slack.state.messages(h.channelId).find((message) => !message.thread_ts || message.thread_ts === message.ts),
    'the parent message',
  );
  await h.slack.driver.clickButton({ user: 'alice', channel: h.channelId, ts: parent.ts, actionId: 'reply_open' });
  await eventually(() => h.slack.state.openViews(h.slack.users.alice!.id)[0], 'the reply modal');
  await h.slack.driver.submitView({ user: 'alice', values: { reply_text_input: '@jo it ships tomorrow' } });
  await eventually(() => h.x.control.posts({ author: h.x.brand.id })[0], 'the reply on X');
  const db = await h.database.open();
  try {
    await eventually(async () => (await db.prisma.conversation.findFirst())?.firstResponseAt, 'the first response recorded');
  } finally {
    await db.close();
  }
  return { parent };
}

describe.each(databaseKinds)('/socialreport (%s)', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    // Alice by id, and the billing team (Carol, Dana) by user group.
    h = await startHarness(kind, { env: ({ slack }) => ({ REPORT_MANAGERS: `${slack.users.alice!.id},${slack.usergroups.billing!.id}` }) });
  });
  afterEach(async () => {
    await h?.stop();
  });

  const answeredMention = () => answeredMentionIn(h);
  const reportsFor = (user: string) => h.slack.state.ephemerals(user).filter((message) => message.source === 'response_url');

  it('answers the caller privately through response_url with the figures and a Share button', async () => {
    await answeredMention();
    const { response } = await h.slack.driver.slashCommand({ user: 'alice', channel: h.channelId, command: '/socialreport', text: '' });
    expect(response).toBeNull(); // acknowledged at once; the report follows

    const report = await eventually(() => reportsFor('alice')[0], 'the report');
    const text = visibleText(report);
    expect(text).toContain('Social report · last 7 days');
    expect(text).toMatch(/\*Conversations\*\\n1\\n/);
    expect(text).toContain('100% (1 of 1)'); // response rate
    expect(text).toContain(`<@${h.slack.users.alice!.id}>: 1 reply, 1 conversation handled`);
    expect(text).toContain('How these are counted');
    expect(text).toContain('report_share');
    expect(h.slack.state.responseUrlPosts().every((post) => post.status === 200)).toBe(true);
    // Nothing was posted in the channel: the report is for the caller only.
    expect(h.slack.state.messages(h.channelId).filter((message) => visibleText(message).includes('Social report'))).toHaveLength(0);

    // A member of a manager user group may run it too.
    await h.slack.driver.slashCommand({ user: 'carol', channel: h.channelId, command: '/socialreport', text: 'today' });
    expect(visibleText(await eventually(() => reportsFor('carol')[0], "Carol's report"))).toContain('Social report · today');
  });

  it('politely refuses people who are not report managers, and explains mistakes at once', async () => {
    await h.slack.driver.slashCommand({ user: 'bob', channel: h.channelId, command: '/socialreport', text: '30d' });
    const refusal = await eventually(() => reportsFor('bob')[0], 'the refusal');
    expect(refusal.text).toContain('reports are only for managers');
    expect(refusal.blocks ?? []).toHaveLength(0);

    await h.slack.driver.slashCommand({ user: 'alice', channel: h.channelId, command: '/socialreport', text: 'last-week' });
    const mistake = h.slack.state.ephemerals('alice').find((message) => message.source === 'command_ack');
    expect(mistake?.text).toContain("I don't understand “last-week”");

    await h.slack.driver.slashCommand({ user: 'alice', channel: h.channelId, command: '/socialreport', text: 'business-hours' });
    expect((await eventually(() => reportsFor('alice')[0], 'the business-hours answer')).text).toContain('Business hours are not set up');
  });

  it('uploads one CSV row per conversation (and the chart) to the channel with `csv`, or by DM where it cannot post', async () => {
    await answeredMention();
    await h.slack.driver.slashCommand({ user: 'alice', channel: h.channelId, command: '/socialreport', text: '7d csv' });
    const csv = await eventually(() => h.slack.state.files().find((file) => file.name.endsWith('.csv')), 'the CSV file');
    expect(csv.channels).toEqual([h.channelId]);
    const lines = csv.content!.toString('utf8').trim().split('\r\n');
    expect(lines[0]).toBe(csvColumns.join(','));
    expect(lines).toHaveLength(2);
    const cells = lines[1]!.split(',');
    expect(cells[0]).toBe('E-1');
    expect(cells[2]).toBe('jo');
    expect(cells[6]).toBe(h.slack.users.alice!.id);
    expect(Number(cells[5])).toBeGreaterThanOrEqual(0);
    expect(cells[8]).toBe('replied');
    const chart = h.slack.state.files().find((file) => file.name.endsWith('.png'));
    expect(chart?.content?.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(chart?.channels).toEqual([h.channelId]);

    // #general: the bot is not a member, so the file goes to a direct message with the person.
    const general = h.slack.state.channel('general').id;
    await h.slack.driver.slashCommand({ user: 'alice', channel: general, command: '/socialreport', text: 'csv' });
    const dm = await eventually(() => h.slack.state.files().filter((file) => file.name.endsWith('.csv'))[1], 'the CSV by DM');
    expect(h.slack.state.channel(dm.channels[0]!).kind).toBe('im');
    await eventually(() => reportsFor('alice').find((message) => message.text.includes('direct message')), 'the note about the DM');
  });
});

describe.each(databaseKinds)('/socialreport posted in a channel: weekly digest and Share (%s)', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(kind, {
      env: ({ slack }) => ({ REPORT_DIGEST_CHANNEL: slack.channels.social!, REPORT_DIGEST_CRON: '30 8 * * 1', BUSINESS_TIMEZONE: 'Europe/Paris' }),
    });
  });
  afterEach(async () => {
    await h?.stop();
  });

  it('schedules the weekly digest with pg-boss when REPORT_DIGEST_CHANNEL is set, and posts it with the chart in its thread', async () => {
    await answeredMentionIn(h);
    const db = await h.database.open();
    try {
      const schedules = await db.executeSql('select name, cron, timezone, data from pgboss.schedule', []);
      expect(schedules.rows).toEqual([{ name: 'report-weekly-digest', cron: '30 8 * * 1', timezone: 'Europe/Paris', data: { kind: 'weekly' } }]);

      // What the scheduled job runs.
      const slack = new WebClient(h.slack.botToken, { slackApiUrl: h.slack.apiUrl, retryConfig: { retries: 0 } });
      const settings = { ...defaultReportSettings, digestChannelId: h.channelId, timeZone: 'Europe/Paris' };
      await postWeeklyDigest({ prisma: db.prisma, slack, settings, defaultChannelId: h.channelId, logger: createLogger({ level: 'silent' }) });
    } finally {
      await db.close();
    }
    const digest = h.slack.state.messages(h.channelId).find((message) => visibleText(message).includes('Weekly digest · last 7 days'));
    expect(digest).toBeDefined();
    expect(visibleText(digest!)).toContain('100% (1 of 1)');
    const chart = h.slack.state.files().find((file) => file.name.endsWith('.png'));
    expect(chart?.threadTs).toBe(digest!.ts);
  });

  it('"Share in channel" posts the same report in the channel, saying who shared it', async () => {
    await answeredMentionIn(h);
    const bob = h.slack.users.bob!.id;
    const answers: string[] = [];
    const db = await h.database.open();
    try {
      // What the button's listener runs, with the value the ephemeral report carries.
      const slack = new WebClient(h.slack.botToken, { slackApiUrl: h.slack.apiUrl, retryConfig: { retries: 0 } });
      const value = encodeShareValue({ period: resolvePeriod({ kind: 'days', days: 7 }, new Date(), 'UTC'), filters: {}, businessHours: false });
      const deps = { prisma: db.prisma, slack, settings: defaultReportSettings, defaultChannelId: h.channelId, logger: createLogger({ level: 'silent' }) };
      const respond = async (message: { text: string }) => void answers.push(message.text);
      await shareReport(deps, { userId: bob, channelId: h.channelId, value, respond });
      // #general: Earshot is not a member; the person is told how to fix it.
      await shareReport(deps, { userId: bob, channelId: h.slack.state.channel('general').id, value, respond });
    } finally {
      await db.close();
    }
    const shared = h.slack.state.messages(h.channelId).find((message) => visibleText(message).includes('Social report · last 7 days'));
    expect(visibleText(shared!)).toContain(`shared by <@${bob}>`);
    expect(visibleText(shared!)).toContain('100% (1 of 1)');
    expect(visibleText(shared!)).not.toContain('report_share');
    expect(answers).toEqual([expect.stringContaining('Invite @Earshot')]);
  });
});

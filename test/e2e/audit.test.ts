import { afterEach, describe, expect, it } from 'vitest';
import { auditCsvHeader } from '../../src/audit/audit-csv.js';
import { auditEntriesInPeriod } from '../../src/audit/export-audit-log.js';
import { eventually, type Harness, socialAnswer, startHarness, visibleText } from '../support/earshot-harness.js';
import { databaseKinds } from '../support/test-databases.js';

describe.each(databaseKinds)('audit trail (%s)', (kind) => {
  let h: Harness;
  afterEach(async () => {
    await h?.stop();
  });

  const start = async () => {
    // Alice is a manager (ROLE_MANAGERS); Bob is not.
    h = await startHarness(kind, { env: ({ slack }) => ({ ROLE_MANAGERS: slack.users.alice!.id }) });
  };
  const userId = (name: string) => h.slack.users[name]!.id;
  const prisma = () => h.earshot.database.prisma;

  /** Runs `/social <text>` (acknowledged at once, answered through the response_url). */
  const query = (user: string, text: string) => socialAnswer(h, user, text);

  /** Runs a `/social` mutation (answered in the acknowledgement). */
  async function social(user: string, text: string) {
    const result = await h.slack.driver.slashCommand({ user, channel: h.channelId, command: '/social', text });
    return visibleText(result.response ?? {});
  }

  async function conversationInSlack() {
    const jo = h.x.control.createUser({ username: 'jo', name: 'Jo' });
    h.x.control.post(jo.id, { text: `@${h.x.brand.username} where is my parcel? call me on 415 555 0100` });
    await h.earshot.pollNow();
    const parent = await eventually(
      () => h.slack.state.messages(h.channelId).find((message) => !message.thread_ts || message.thread_ts === message.ts),
      'the parent message',
    );
    const conversation = await eventually(() => prisma().conversation.findFirst(), 'the conversation');
    return { parent, ref: `E-${conversation.ref}`, conversation };
  }

  it('/social audit shows anyone the whole history, oldest first, in plain words, and no customer text', async () => {
    await start();
    const { parent, ref } = await conversationInSlack();
    expect(await social('alice', `assign ${ref} <@${userId('bob')}|bob> please call them back`)).toContain(`assigned to <@${userId('bob')}>`);

    // A reply the private-data guard refuses is audited by kind, never with the text or the handle.
    await h.slack.driver.clickButton({ user: 'bob', channel: h.channelId, ts: parent.ts, actionId: 'reply_open' });
    await eventually(() => h.slack.state.openViews(userId('bob'))[0], 'the reply modal');
    const refused = await h.slack.driver.submitView({ user: 'bob', values: { reply_text_input: '@jo is 415 555 0199 your number?' } });
    expect(refused.responseAction).toBe('errors');
    const refusal = await eventually(() => prisma().auditEntry.findFirst({ where: { action: 'reply.refused' } }), 'the refusal');
    expect(refusal.details).toEqual({ problems: ['private_data:phone'] });
    const handoff = await prisma().auditEntry.findFirstOrThrow({ where: { action: 'conversation.assigned' } });
    expect(JSON.stringify(handoff.details)).not.toContain('call them back');
    await h.slack.driver.closeView({ user: 'bob' });

    await social('bob', `resolve ${ref}`);

    const answer = visibleText(await query('carol', `audit ${ref.replace('E-', '')}`));
    expect(answer).toContain(`Audit trail of`);
    const order = ['Conversation started', 'Handed over', 'Public reply refused', 'Resolved'].map((phrase) => answer.indexOf(phrase));
    expect(order.every((position) => position >= 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(answer).toContain('Earshot · *Conversation started* · _X_');
    expect(answer).toContain(`<@${userId('alice')}> · *Handed over* · _/social_ · to <@${userId('bob')}> · with a note`);
    expect(answer).toContain('problem: a phone number');
    expect(answer).toContain('<!date^');
    for (const secret of ['parcel', '415 555', 'call them back']) expect(answer).not.toContain(secret);

    expect(visibleText(await query('carol', 'audit E-999'))).toContain('I found no conversation for E-999');
  });

  it('shows the newest entries of a long history within Slack’s limits, and how to export the rest', async () => {
    await start();
    const { conversation, ref } = await conversationInSlack();
    const base = Date.now() - 3_600_000;
    await prisma().auditEntry.createMany({
      data: Array.from({ length: 700 }, (_, index) => ({
        conversationId: conversation.id,
        actorSlackUserId: userId('bob'),
        action: 'conversation.taken',
        surface: 'button',
        createdAt: new Date(base + index * 1000),
      })),
    });
    await prisma().auditEntry.create({
      data: { conversationId: conversation.id, actorSlackUserId: userId('alice'), action: 'conversation.resolved', surface: 'button' },
    });
    const answer = await query('bob', `audit ${ref}`);
    expect(answer.blocks!.length).toBeLessThanOrEqual(50);
    const text = visibleText(answer);
    expect(text).toMatch(/\d+ earlier entries are not shown/);
    expect(text).toContain('/social audit export ');
    expect(text).toContain('*Resolved*');
    expect(answer.text).toMatch(/the newest \d+ of 702 entries/);
  });

  it('exports the audit log as CSV to managers only, page by page, and audits the export', async () => {
    await start();
    const { ref } = await conversationInSlack();
    expect(await social('alice', `take ${ref}`)).toContain('is yours now');

    expect(visibleText(await query('bob', 'audit export'))).toContain('only for managers');
    expect(h.slack.state.files()).toHaveLength(0);

    expect(visibleText(await query('alice', 'audit export'))).toContain('The audit log for last 30 days (2 entries) is in your direct messages');
    const file = await eventually(() => h.slack.state.files().find((candidate) => candidate.name.endsWith('.csv')), 'the CSV');
    expect(file.name).toMatch(/^earshot-audit-\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}\.csv$/);
    const dm = file.channels[0]!;
    expect(dm).not.toBe(h.channelId);
    expect(h.slack.state.channel(dm).members).toContain(userId('alice'));
    const csv = file.content!.toString('utf8');
    expect(csv.startsWith(auditCsvHeader())).toBe(true);
    const lines = csv.trimEnd().split('\r\n');
    expect(lines).toHaveLength(3);
    expect(lines[1]).toMatch(new RegExp(`^\\d+,\\d{4}-\\d{2}-\\d{2}T[\\d:.]+Z,${ref},,conversation\\.created,x,"\\{""postId"":""\\d+""\\}"$`));
    expect(lines[2]).toMatch(new RegExp(`,${ref},${userId('alice')},conversation\\.taken,slash_command,`));

    const exported = await prisma().auditEntry.findFirstOrThrow({ where: { action: 'audit.exported' } });
    expect(exported).toMatchObject({ actorSlackUserId: userId('alice'), conversationId: null, surface: 'slash_command', details: { rows: 2 } });

    // A period before anything happened: just the header.
    await query('alice', 'audit export 2020-01-01..2020-01-31');
    const empty = await eventually(
      () => h.slack.state.files().find((candidate) => candidate.name === 'earshot-audit-2020-01-01_2020-01-31.csv'),
      'the empty CSV',
    );
    expect(empty.content!.toString('utf8')).toBe(auditCsvHeader());
    expect(await social('alice', 'audit export nonsense')).toContain("I don't understand “nonsense”");

    // Keyset pagination: small pages return every entry once, in id order.
    const period = { from: new Date(0), to: new Date(Date.now() + 60_000) };
    const pages: bigint[][] = [];
    for await (const page of auditEntriesInPeriod(prisma(), period, 2)) pages.push(page.map((row) => row.id));
    const ids = pages.flat();
    expect(pages.every((page) => page.length <= 2)).toBe(true);
    expect(ids).toEqual((await prisma().auditEntry.findMany({ orderBy: { id: 'asc' }, select: { id: true } })).map((row) => row.id));
    expect(pages.length).toBeGreaterThan(1);
  });

  it('is append-only: an update or a delete of an audit entry fails', async () => {
    await start();
    await conversationInSlack();
    const entry = await prisma().auditEntry.findFirstOrThrow();
    await expect(prisma().auditEntry.update({ where: { id: entry.id }, data: { action: 'nothing.happened' } })).rejects.toThrow(/append-only/);
    await expect(prisma().auditEntry.delete({ where: { id: entry.id } })).rejects.toThrow(/append-only/);
    await expect(prisma().auditEntry.deleteMany()).rejects.toThrow(/append-only/);
    await expect(h.earshot.database.executeSql('TRUNCATE "AuditEntry"', [])).rejects.toThrow(/append-only/);
    // Conversations cannot be deleted from under their audit trail either.
    await expect(prisma().conversation.delete({ where: { id: entry.conversationId! } })).rejects.toThrow();
    expect(await prisma().auditEntry.findUniqueOrThrow({ where: { id: entry.id } })).toEqual(entry);
  });
});

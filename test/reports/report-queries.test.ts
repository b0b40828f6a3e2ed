import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Database } from '../../src/db/database.js';
import type { BusinessHours } from '../../src/domain/business-hours.js';
import type { Platform } from '../../src/generated/prisma/enums.js';
import { buildSocialReport } from '../../src/reports/build-report.js';
import { resolvePeriod } from '../../src/reports/report-period.js';
import { conversationRows, dailySeries, periodFigures } from '../../src/reports/report-queries.js';
import { reportMessage } from '../../src/slack/blocks/report-message.js';
import { createMigratedDatabase, databaseKinds } from '../support/test-databases.js';

const SOCIAL = 'C0SOCIAL';
const BILLING_CHANNEL = 'C0BILLING';
const BILLING_TEAM = 'S0BILLING';
const ALICE = 'U0ALICE';
const BOB = 'U0BOB';

const at = (iso: string) => new Date(iso);

/** Builds conversations by hand: every timestamp chosen so that each figure is known exactly. */
class Dataset {
  private sequence = 0;
  private accountId = '';
  constructor(
    private readonly prisma: Database['prisma'],
    private readonly platform: Platform = 'x',
  ) {}

  async init(): Promise<void> {
    const account = await this.prisma.socialAccount.create({ data: { platform: this.platform, externalId: 'brand', handle: 'acme' } });
    this.accountId = account.id;
  }

  async conversation(spec: {
    startedAt: string;
    handle?: string;
    status?: 'new' | 'open' | 'assigned' | 'replied' | 'resolved';
    visibility?: 'public' | 'private';
    resolvedAt?: string;
    channelId?: string;
    threadTs?: string;
    assignee?: string;
    assigneeTeam?: string;
    routedTo?: { channelId: string; teamId: string };
    spamAuthor?: boolean;
  }): Promise<string> {
    const n = ++this.sequence;
    const author = await this.prisma.author.create({
      data: {
        platform: this.platform,
        externalId: `author-${n}`,
        handle: spec.handle ?? `customer${n}`,
        ...(spec.spamAuthor ? { spamMarkedAt: at('2026-01-01T00:00:00Z') } : {}),
      },
    });
    const rule = spec.routedTo
      ? await this.prisma.routingRule.create({
          data: {
            position: n,
            pattern: 'invoice',
            slackChannelId: spec.routedTo.channelId,
            slackUsergroupId: spec.routedTo.teamId,
            createdBySlackUserId: ALICE,
          },
        })
      : undefined;
    const conversation = await this.prisma.conversation.create({
      data: {
        platform: this.platform,
        externalConversationId: `conv-${n}`,
        accountId: this.accountId,
        authorId: author.id,
        createdAt: at(spec.startedAt),
        status: spec.status ?? 'open',
        visibility: spec.visibility ?? 'public',
        resolvedAt: spec.resolvedAt ? at(spec.resolvedAt) : null,
        slackChannelId: spec.routedTo?.channelId ?? spec.channelId ?? SOCIAL,
        slackThreadTs: spec.threadTs ?? `17000000${String(n).padStart(2, '0')}.000100`,
        assigneeSlackUserId: spec.assignee ?? null,
        assigneeSlackTeamId: spec.assigneeTeam ?? null,
        routingRuleId: rule?.id ?? null,
      },
    });
    await this.inbound(conversation.id, spec.startedAt);
    return conversation.id;
  }

  async inbound(conversationId: string, postedAt: string): Promise<void> {
    const n = ++this.sequence;
    await this.prisma.message.create({
      data: {
        conversationId,
        direction: 'inbound',
        platform: this.platform,
        externalId: `post-${n}`,
        text: 'hello @acme',
        deliveryState: 'received',
        postedAt: at(postedAt),
        createdAt: at(postedAt),
      },
    });
  }

  /** A reply by a person (null: posted in the X app), sent unless said otherwise. */
  async reply(
    conversationId: string,
    slackUserId: string | null,
    postedAt: string,
    options: { visibility?: 'public' | 'private'; state?: 'sent' | 'failed' } = {},
  ): Promise<void> {
    const n = ++this.sequence;
    const sent = (options.state ?? 'sent') === 'sent';
    await this.prisma.message.create({
      data: {
        conversationId,
        direction: 'outbound',
        visibility: options.visibility ?? 'public',
        platform: this.platform,
        externalId: sent ? `reply-${n}` : null,
        text: 'we are on it',
        slackUserId,
        deliveryState: options.state ?? 'sent',
        postedAt: sent ? at(postedAt) : null,
        createdAt: at(postedAt),
      },
    });
    if (sent) {
      const conversation = await this.prisma.conversation.findUniqueOrThrow({ where: { id: conversationId } });
      if (!conversation.firstResponseAt) await this.prisma.conversation.update({ where: { id: conversationId }, data: { firstResponseAt: at(postedAt) } });
    }
  }

  /** Earshot's out-of-hours acknowledgement: sent on X, but no team reply. */
  async automatedReply(conversationId: string, postedAt: string): Promise<void> {
    const n = ++this.sequence;
    await this.prisma.message.create({
      data: {
        conversationId,
        direction: 'outbound',
        platform: this.platform,
        externalId: `automatic-${n}`,
        text: '@customer we are closed now',
        automated: true,
        deliveryState: 'sent',
        postedAt: at(postedAt),
        createdAt: at(postedAt),
      },
    });
  }

  async audit(conversationId: string, action: string, surface = 'button', createdAt = '2026-03-06T00:00:00Z'): Promise<void> {
    await this.prisma.auditEntry.create({
      data: { conversationId, action, surface, actorSlackUserId: ALICE, createdAt: at(createdAt), details: { reason: 'card number' } },
    });
  }
}

describe.each(databaseKinds)('report figures computed in SQL (%s)', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;

  // The week of Monday 2 March 2026 (UTC), compared with the week before.
  const period = resolvePeriod({ kind: 'range', from: '2026-03-02', to: '2026-03-08' }, at('2026-03-10T12:00:00Z'), 'UTC');
  const scope = { filters: {}, defaultChannelId: SOCIAL };

  beforeAll(async () => {
    ({ db, dispose } = await createMigratedDatabase(kind));
    const data = new Dataset(db.prisma);
    await data.init();

    // Previous week.
    const p1 = await data.conversation({ startedAt: '2026-02-23T10:00:00Z', status: 'resolved', resolvedAt: '2026-02-23T14:00:00Z' });
    await data.reply(p1, ALICE, '2026-02-23T11:00:00Z'); // 1 h
    await data.inbound(p1, '2026-03-03T12:00:00Z'); // a follow-up posted this week: an inbound post of this week
    await data.conversation({ startedAt: '2026-02-24T10:00:00Z', status: 'open', threadTs: '1771927200.000100' }); // never answered

    // This week.
    const c1 = await data.conversation({ startedAt: '2026-03-02T10:00:00Z', status: 'resolved', resolvedAt: '2026-03-02T12:00:00Z' });
    await data.inbound(c1, '2026-03-02T10:05:00Z');
    await data.reply(c1, ALICE, '2026-03-02T10:10:00Z'); // 10 min

    const c2 = await data.conversation({ startedAt: '2026-03-03T09:00:00Z', status: 'replied' });
    await data.reply(c2, BOB, '2026-03-03T09:30:00Z'); // 30 min
    await data.reply(c2, ALICE, '2026-03-03T10:00:00Z');
    await data.audit(c2, 'conversation.assigned', 'routing_rule'); // automatic: not a hand-off
    await data.audit(c2, 'conversation.assigned', 'assign_modal');

    const c3 = await data.conversation({ startedAt: '2026-03-04T08:00:00Z', status: 'resolved', visibility: 'private', resolvedAt: '2026-03-04T14:00:00Z' });
    await data.reply(c3, ALICE, '2026-03-04T10:00:00Z', { visibility: 'private' }); // 2 h, by direct message

    const c4 = await data.conversation({
      startedAt: '2026-03-05T12:00:00Z',
      status: 'replied',
      routedTo: { channelId: BILLING_CHANNEL, teamId: BILLING_TEAM },
    });
    await data.reply(c4, null, '2026-03-06T14:00:00Z'); // 26 h, in the X app

    const c5 = await data.conversation({ startedAt: '2026-03-06T16:30:00Z', status: 'assigned', assignee: BOB });
    await data.automatedReply(c5, '2026-03-06T16:31:00Z'); // out of hours, automatic: neither a response nor the end of the wait
    await data.reply(c5, BOB, '2026-03-06T16:40:00Z', { state: 'failed' }); // failed: not a response
    await data.audit(c5, 'reply.refused');
    await data.audit(c5, 'reply.refused');
    await data.audit(c5, 'conversation.taken_private');

    await data.conversation({ startedAt: '2026-03-07T10:00:00Z', status: 'resolved', resolvedAt: '2026-03-07T10:00:00Z', spamAuthor: true }); // spam: left out
  });

  afterAll(async () => {
    await dispose?.();
  });

  it('counts volume, response rate, first-response median and 90th percentile, within 1 h / 24 h, resolution, hand-offs, private, refusals', async () => {
    const { current, previous } = await periodFigures(db.prisma, scope, period);
    expect(current).toEqual({
      inboundPosts: 7,
      conversations: 5,
      answered: 4,
      responseRate: 0.8,
      // 600, 1800, 7200, 93600 s
      firstResponseMedianSeconds: 4500,
      firstResponseP90Seconds: 67680,
      answeredWithin1h: 0.4,
      answeredWithin24h: 0.6,
      resolved: 2,
      resolutionMedianSeconds: 14400,
      handoffs: 1,
      takenPrivate: 2,
      refusals: 2,
    });
    expect(previous).toEqual({
      inboundPosts: 2,
      conversations: 2,
      answered: 1,
      responseRate: 0.5,
      firstResponseMedianSeconds: 3600,
      firstResponseP90Seconds: 3600,
      answeredWithin1h: 0.5,
      answeredWithin24h: 0.5,
      resolved: 1,
      resolutionMedianSeconds: 14400,
      handoffs: 0,
      takenPrivate: 0,
      refusals: 0,
    });
  });

  it('breaks the period down per person, per channel and per team, and finds the backlog and the oldest waiting thread', async () => {
    const report = await buildSocialReport(db.prisma, { period, filters: {}, defaultChannelId: SOCIAL, timeZone: 'UTC' });
    expect(report.responders).toEqual({
      total: 3,
      rows: [
        { slackUserId: ALICE, replies: 3, conversations: 3, firstResponses: 2, firstResponseMedianSeconds: 3900 },
        { slackUserId: null, network: 'x', replies: 1, conversations: 1, firstResponses: 1, firstResponseMedianSeconds: 93600 },
        { slackUserId: BOB, replies: 1, conversations: 1, firstResponses: 1, firstResponseMedianSeconds: 1800 },
      ],
    });
    expect(report.channels).toEqual({
      total: 2,
      rows: [
        { key: SOCIAL, conversations: 4, answered: 3, firstResponseMedianSeconds: 1800 },
        { key: BILLING_CHANNEL, conversations: 1, answered: 1, firstResponseMedianSeconds: 93600 },
      ],
    });
    expect(report.teams).toEqual({ total: 1, rows: [{ key: BILLING_TEAM, conversations: 1, answered: 1, firstResponseMedianSeconds: 93600 }] });
    expect(report.networks).toEqual({ total: 1, rows: [{ key: 'x', conversations: 5, answered: 4, firstResponseMedianSeconds: 4500 }] });
    expect(report.backlog).toEqual({
      open: 4,
      waiting: 2,
      oldestWaiting: { ref: 2, channelId: SOCIAL, threadTs: '1771927200.000100', waitingSince: at('2026-02-24T10:00:00Z') },
    });

    const text = JSON.stringify(reportMessage(report).blocks);
    expect(text).toContain('▲ +30 pts (was 50%) · better'); // response rate 80% vs 50%
    expect(text).toContain('▲ +15m (was 1h) · worse'); // median first response 1h 15m vs 1h
    expect(text).toContain('▼ −10 pts (was 50%) · worse'); // within 1 h: 40% vs 50%
    expect(text).toContain('https://slack.com/archives/C0SOCIAL/p1771927200000100');
  });

  it('narrows to a channel, a person or a team', async () => {
    const figures = async (filters: object) => (await periodFigures(db.prisma, { ...scope, filters }, period)).current;
    expect(await figures({ channelId: BILLING_CHANNEL })).toMatchObject({ conversations: 1, inboundPosts: 1, firstResponseMedianSeconds: 93600 });
    // Bob replied in c2 and is the assignee of c5 (whose reply failed).
    expect(await figures({ userId: BOB })).toMatchObject({ conversations: 2, answered: 1, refusals: 2, handoffs: 1 });
    expect(await figures({ teamId: BILLING_TEAM })).toMatchObject({ conversations: 1, answered: 1 });
  });

  it('gives one daily point per day and one CSV row per conversation', async () => {
    const days = await dailySeries(db.prisma, scope, period, 'UTC');
    expect(days).toEqual([
      { day: '2026-03-02', inbound: 1, medianFirstResponseSeconds: 600 },
      { day: '2026-03-03', inbound: 1, medianFirstResponseSeconds: 1800 },
      { day: '2026-03-04', inbound: 1, medianFirstResponseSeconds: 7200 },
      { day: '2026-03-05', inbound: 1, medianFirstResponseSeconds: 93600 },
      { day: '2026-03-06', inbound: 1, medianFirstResponseSeconds: null },
      { day: '2026-03-07', inbound: 0, medianFirstResponseSeconds: null },
      { day: '2026-03-08', inbound: 0, medianFirstResponseSeconds: null },
    ]);
    const rows = await conversationRows(db.prisma, scope, period);
    expect(rows.map((row) => [row.ref, row.firstResponseSeconds, row.responderSlackUserId, row.status, row.visibility, row.assignee, row.channelId])).toEqual([
      [3, 600, ALICE, 'resolved', 'public', null, SOCIAL],
      [4, 1800, BOB, 'replied', 'public', null, SOCIAL],
      [5, 7200, ALICE, 'resolved', 'private', null, SOCIAL],
      [6, 93600, null, 'replied', 'public', null, BILLING_CHANNEL],
      [7, null, null, 'assigned', 'public', BOB, SOCIAL],
    ]);
    expect(rows[0]?.startedAt).toEqual(at('2026-03-02T10:00:00Z'));
    expect(rows[0]?.firstResponseAt).toEqual(at('2026-03-02T10:10:00Z'));
  });
});

describe.each(databaseKinds)('reports per network (%s)', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;
  const period = resolvePeriod({ kind: 'range', from: '2026-03-02', to: '2026-03-08' }, at('2026-03-10T12:00:00Z'), 'UTC');
  const scope = { filters: {}, defaultChannelId: SOCIAL };

  beforeAll(async () => {
    ({ db, dispose } = await createMigratedDatabase(kind));
    const x = new Dataset(db.prisma, 'x');
    const bluesky = new Dataset(db.prisma, 'bluesky');
    await x.init();
    await bluesky.init();
    const x1 = await x.conversation({ startedAt: '2026-03-02T10:00:00Z', status: 'replied' });
    await x.reply(x1, ALICE, '2026-03-02T10:10:00Z'); // 10 min
    const x2 = await x.conversation({ startedAt: '2026-03-03T10:00:00Z', status: 'replied' });
    await x.reply(x2, null, '2026-03-03T11:00:00Z'); // 1 h, in the X app
    const b1 = await bluesky.conversation({ startedAt: '2026-03-04T10:00:00Z', status: 'replied', threadTs: '1772618400.000100' });
    await bluesky.reply(b1, null, '2026-03-04T10:30:00Z'); // 30 min, in the Bluesky app
    await bluesky.conversation({ startedAt: '2026-03-05T10:00:00Z', status: 'open', threadTs: '1772704800.000100' }); // not answered yet
  });
  afterAll(async () => {
    await dispose?.();
  });

  it('groups the period per network, and counts replies made outside Earshot per network', async () => {
    const report = await buildSocialReport(db.prisma, { period, filters: {}, defaultChannelId: SOCIAL, timeZone: 'UTC' });
    expect(report.networks).toEqual({
      total: 2,
      rows: [
        { key: 'bluesky', conversations: 2, answered: 1, firstResponseMedianSeconds: 1800 },
        { key: 'x', conversations: 2, answered: 2, firstResponseMedianSeconds: 2100 },
      ],
    });
    expect(report.responders.rows).toEqual([
      { slackUserId: null, network: 'bluesky', replies: 1, conversations: 1, firstResponses: 1, firstResponseMedianSeconds: 1800 },
      { slackUserId: null, network: 'x', replies: 1, conversations: 1, firstResponses: 1, firstResponseMedianSeconds: 3600 },
      { slackUserId: ALICE, replies: 1, conversations: 1, firstResponses: 1, firstResponseMedianSeconds: 600 },
    ]);
    expect(JSON.stringify(reportMessage(report).blocks)).toContain('*Per network*');
  });

  it('narrows to one network: figures, backlog and CSV rows', async () => {
    const onX = { ...scope, filters: { network: 'x' as const } };
    expect((await periodFigures(db.prisma, onX, period)).current).toMatchObject({ conversations: 2, answered: 2, inboundPosts: 2 });
    const onBluesky = await buildSocialReport(db.prisma, { period, filters: { network: 'bluesky' }, defaultChannelId: SOCIAL, timeZone: 'UTC' });
    expect(onBluesky.current).toMatchObject({ conversations: 2, answered: 1, inboundPosts: 2 });
    expect(onBluesky.backlog).toMatchObject({ open: 2, waiting: 1 });
    expect(onBluesky.networks.total).toBe(1);
    const rows = await conversationRows(db.prisma, onX, period);
    expect(rows.map((row) => [row.network, row.responderSlackUserId])).toEqual([
      ['x', ALICE],
      ['x', null],
    ]);
  });
});

describe.each(databaseKinds)('business hours in SQL (%s)', (kind) => {
  let db: Database;
  let dispose: () => Promise<void>;
  const paris = 'Europe/Paris';
  const officeHours: BusinessHours = { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' };

  beforeAll(async () => {
    ({ db, dispose } = await createMigratedDatabase(kind));
  });
  afterAll(async () => {
    await dispose?.();
  });

  async function businessSeconds(from: string, to: string, hours = officeHours): Promise<number | null> {
    const [row] = await db.prisma.$queryRaw<Array<{ seconds: number | null }>>`
      SELECT earshot_business_seconds(${at(from)}::timestamptz, ${at(to)}::timestamptz, ${paris}::text,
        string_to_array(${hours.days.join(',')}::text, ',')::integer[], ${hours.start}::time, ${hours.end}::time) AS seconds`;
    return row?.seconds ?? null;
  }

  it('counts only working time between two instants, across weekends and daylight-saving changes', async () => {
    // Friday 16:30 → Monday 09:30 in Paris (CET, UTC+1): 30 min + 30 min.
    expect(await businessSeconds('2026-03-06T15:30:00Z', '2026-03-09T08:30:00Z')).toBe(3600);
    // Within one working day; before opening and after closing count nothing.
    expect(await businessSeconds('2026-03-04T09:00:00Z', '2026-03-04T10:15:00Z')).toBe(4500);
    expect(await businessSeconds('2026-03-04T05:00:00Z', '2026-03-04T08:00:00Z')).toBe(0);
    // Saturday → Sunday: nothing.
    expect(await businessSeconds('2026-03-07T09:00:00Z', '2026-03-08T15:00:00Z')).toBe(0);
    // Friday 27 March 16:00 CET → Monday 30 March 10:00 CEST (clocks went forward on Sunday): 1 h + 1 h.
    expect(await businessSeconds('2026-03-27T15:00:00Z', '2026-03-30T08:00:00Z')).toBe(7200);
    // A whole working week: 5 × 8 h.
    expect(await businessSeconds('2026-03-01T00:00:00Z', '2026-03-08T00:00:00Z')).toBe(5 * 8 * 3600);
    expect(await businessSeconds('2026-03-04T10:00:00Z', '2026-03-04T09:00:00Z')).toBe(0);
  });

  it('reports first response and resolution in business time with the business-hours option', async () => {
    const data = new Dataset(db.prisma);
    await data.init();
    // Friday 6 March 16:30 Paris, answered Monday 09:30, resolved Monday 17:00 (working hours: 30 min + 8 h).
    const c = await data.conversation({ startedAt: '2026-03-06T15:30:00Z', status: 'resolved', resolvedAt: '2026-03-09T16:00:00Z' });
    await data.reply(c, ALICE, '2026-03-09T08:30:00Z');
    const period = resolvePeriod({ kind: 'range', from: '2026-03-02', to: '2026-03-08' }, at('2026-03-10T12:00:00Z'), paris);
    expect(period.from).toEqual(at('2026-03-01T23:00:00Z'));

    const business = await periodFigures(db.prisma, { filters: {}, defaultChannelId: SOCIAL, businessHours: { hours: officeHours, timeZone: paris } }, period);
    expect(business.current).toMatchObject({ conversations: 1, firstResponseMedianSeconds: 3600, answeredWithin1h: 1, resolutionMedianSeconds: 30600 });

    const wallClock = await periodFigures(db.prisma, { filters: {}, defaultChannelId: SOCIAL }, period);
    expect(wallClock.current).toMatchObject({ conversations: 1, firstResponseMedianSeconds: 65 * 3600, answeredWithin1h: 0, answeredWithin24h: 0 });
  });
});

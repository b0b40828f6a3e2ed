import type { Database } from '../db/database.js';
import type { BusinessHours } from '../domain/business-hours.js';
import { Prisma } from '../generated/prisma/client.js';
import type { Platform } from '../generated/prisma/enums.js';
import type { DailyPoint } from './daily-point.js';
import type { ReportFilters } from './parse-report-args.js';

/**
 * Every `/socialreport` figure is an SQL aggregate computed in the database (PGlite or
 * PostgreSQL): conversations are never loaded into memory, only the handful of result rows.
 *
 * Definitions (also in the report's footer and the README):
 * - A period counts the conversations that STARTED in it (`Conversation.createdAt`, the time of
 *   its first inbound post); everything per conversation (replies, hand-offs, refusals…) belongs
 *   to the period the conversation started in. Conversations of authors already marked as spam
 *   when they started are left out.
 * - First response = the first outbound message sent by the team (public reply or direct message,
 *   through Earshot or in the network's own app; never Earshot's automatic out-of-hours reply): `Conversation.firstResponseAt`, which every writer sets with
 *   it; its responder is the sender of the first sent outbound message. First response time = from
 *   the start to it (in working seconds with the business-hours option).
 * - Backlog: `Conversation.waitingSince`, kept by a trigger on "Message" (migration report_speed).
 * - Inbound posts = customers' posts received in the period (follow-ups included).
 */

type Prisma_ = Database['prisma'];

export interface ReportScope {
  filters: ReportFilters;
  /** SLACK_CHANNEL: where conversations without a channel of their own are. */
  defaultChannelId: string;
  /** Count durations in working time only. */
  businessHours?: { hours: BusinessHours; timeZone: string } | undefined;
}

export interface PeriodFigures {
  inboundPosts: number;
  conversations: number;
  /** Conversations with a team reply (public or private). */
  answered: number;
  /** answered / conversations; null without conversations. */
  responseRate: number | null;
  firstResponseMedianSeconds: number | null;
  firstResponseP90Seconds: number | null;
  /** Share of the period's conversations answered within 1 hour / 24 hours (of all of them, answered or not). */
  answeredWithin1h: number | null;
  answeredWithin24h: number | null;
  resolved: number;
  resolutionMedianSeconds: number | null;
  /** `conversation.assigned` audit entries (routing rules' automatic assignments excluded). */
  handoffs: number;
  /** Conversations private now or once taken private. */
  takenPrivate: number;
  /** Replies the private-data guard refused in the reply modal. */
  refusals: number;
}

export interface ResponderRow {
  /** Slack user id; null for replies made outside Earshot (in the network's own app). */
  slackUserId: string | null;
  /** Replies made outside Earshot are counted per network: the one whose app they were made in. */
  network?: Platform;
  replies: number;
  /** Conversations the person replied in. */
  conversations: number;
  /** Conversations whose first response the person sent, and its median. */
  firstResponses: number;
  firstResponseMedianSeconds: number | null;
}

export interface BreakdownRow {
  /** Channel id, Slack user group id, or network (`Platform`). */
  key: string;
  conversations: number;
  answered: number;
  firstResponseMedianSeconds: number | null;
}

export interface Ranked<Row> {
  rows: Row[];
  /** How many rows there are in all (rows may be fewer). */
  total: number;
}

export interface Backlog {
  /** Conversations not resolved, now, whenever they started. */
  open: number;
  /** Of those, conversations whose customer spoke last (no team reply since their latest post). */
  waiting: number;
  oldestWaiting: { ref: number; channelId: string; threadTs: string | null; waitingSince: Date } | null;
}

export interface ConversationRow {
  ref: number;
  network: Platform;
  startedAt: Date;
  authorHandle: string;
  channelId: string;
  firstResponseAt: Date | null;
  firstResponseSeconds: number | null;
  responderSlackUserId: string | null;
  resolvedAt: Date | null;
  status: string;
  visibility: string;
  assignee: string | null;
}

/** What the report queries need of a Prisma client (a transaction's client will do). */
export type ReportClient = Pick<Prisma_, '$queryRaw'>;

/**
 * Runs a report's queries in one transaction (one snapshot, one connection) with settings that
 * suit a few large aggregates: no JIT compilation on PostgreSQL (compiling cost seconds per query
 * for no gain at this size; PGlite has no JIT, the setting is harmless there) and enough
 * work_mem for the sorts and hashes to stay in memory.
 */
export async function inReportSession<T>(prisma: ReportClient, work: (client: ReportClient) => Promise<T>): Promise<T> {
  // Already in a session (or a stand-in that only has $queryRaw).
  if (!('$transaction' in prisma) || typeof prisma.$transaction !== 'function') return work(prisma);
  return (prisma as Prisma_).$transaction(
    async (tx) => {
      await tx.$executeRawUnsafe(`SET LOCAL jit = off`);
      await tx.$executeRawUnsafe(`SET LOCAL work_mem = '32MB'`);
      // Only $queryRaw is handed on: a client without $transaction is known to be in a session.
      const queryRaw: ReportClient['$queryRaw'] = tx.$queryRaw.bind(tx);
      return work({ $queryRaw: queryRaw });
    },
    { maxWait: 10_000, timeout: 120_000 },
  );
}

const FROM_CONVERSATIONS = Prisma.sql`
  "Conversation" c
  LEFT JOIN "RoutingRule" rr ON rr.id = c."routingRuleId"`;

/** Which conversations a report looks at, over the aliases c (conversation) and rr (routing rule). */
function scopeCondition(scope: ReportScope): Prisma.Sql {
  const conditions = [notSpam];
  const { network, channelId, userId, teamId } = scope.filters;
  if (network) conditions.push(Prisma.sql`c.platform::text = ${network}`);
  if (channelId) conditions.push(Prisma.sql`coalesce(c."slackChannelId", ${scope.defaultChannelId}) = ${channelId}`);
  if (userId) {
    conditions.push(Prisma.sql`(c."assigneeSlackUserId" = ${userId} OR EXISTS (
      SELECT 1 FROM "Message" um WHERE um."conversationId" = c.id AND um.direction = 'outbound' AND um."slackUserId" = ${userId}))`);
  }
  if (teamId) conditions.push(Prisma.sql`(c."assigneeSlackTeamId" = ${teamId} OR rr."slackUsergroupId" = ${teamId})`);
  return Prisma.join(conditions, ' AND ');
}

/** Not started by an author already marked as spam (an anti-join with the few spam authors). */
const notSpam = Prisma.sql`NOT EXISTS (
  SELECT 1 FROM "Author" sa WHERE sa.id = c."authorId" AND sa."spamMarkedAt" IS NOT NULL AND sa."spamMarkedAt" <= c."createdAt")`;

/** Messages (alias m) of conversations in scope. */
function messageInScope(scope: ReportScope): Prisma.Sql {
  const { network, channelId, userId, teamId } = scope.filters;
  if (!network && !channelId && !userId && !teamId) {
    // Only spam leaves conversations out: the few conversations of spam authors, rather than a join with every conversation.
    return Prisma.sql`NOT EXISTS (
      SELECT 1 FROM "Conversation" c JOIN "Author" sa ON sa.id = c."authorId"
      WHERE c.id = m."conversationId" AND sa."spamMarkedAt" IS NOT NULL AND sa."spamMarkedAt" <= c."createdAt")`;
  }
  return Prisma.sql`EXISTS (SELECT 1 FROM ${FROM_CONVERSATIONS} WHERE c.id = m."conversationId" AND ${scopeCondition(scope)})`;
}

/** Seconds from `start` to `end` (NULL when `end` is NULL), in working time with business hours. */
function elapsedSeconds(start: Prisma.Sql, end: Prisma.Sql, scope: ReportScope): Prisma.Sql {
  const business = scope.businessHours;
  if (!business) return Prisma.sql`CASE WHEN ${end} IS NULL THEN NULL ELSE greatest(0, extract(epoch FROM (${end} - ${start})))::double precision END`;
  const { hours, timeZone } = business;
  // The body of earshot_business_seconds (migration report_business_hours), written out as a
  // subquery: PostgreSQL cannot inline that function, and calling it per conversation costs
  // twice as much as running the same subquery.
  const days = Prisma.sql`string_to_array(${hours.days.join(',')}::text, ',')::integer[]`;
  return Prisma.sql`(SELECT CASE
      WHEN bh.start_at IS NULL OR bh.end_at IS NULL THEN NULL
      WHEN bh.end_at <= bh.start_at THEN 0::double precision
      ELSE coalesce((
        SELECT sum(extract(epoch FROM least(bh.end_at, w.window_end) - greatest(bh.start_at, w.window_start)))::double precision
        FROM generate_series((bh.start_at AT TIME ZONE ${timeZone}::text)::date, (bh.end_at AT TIME ZONE ${timeZone}::text)::date, interval '1 day') AS g(local_day)
        CROSS JOIN LATERAL (
          SELECT (g.local_day::date + ${hours.start}::time) AT TIME ZONE ${timeZone}::text AS window_start,
                 (g.local_day::date + ${hours.end}::time) AT TIME ZONE ${timeZone}::text AS window_end
        ) AS w
        WHERE extract(isodow FROM g.local_day) = ANY (${days})
          AND least(bh.end_at, w.window_end) > greatest(bh.start_at, w.window_start)
      ), 0::double precision)
    END
    FROM (SELECT (${start})::timestamptz AS start_at, (${end})::timestamptz AS end_at) AS bh)`;
}

/**
 * Audit entries are written after their conversation started; a day's margin before the earliest
 * start covers clocks that disagree (the start is the post's time on its network).
 */
const auditMargin = Prisma.raw(`interval '1 day'`);

/**
 * `conv`: one row per conversation that started in [from, to), labelled 'current' from
 * `currentFrom` on and 'previous' before; `timed`: the same with its durations (computed once).
 * The first response is `Conversation.firstResponseAt`, which every writer sets with the first
 * outbound message sent (public reply or DM, through Earshot or in the network's own app). With `audit`, the
 * conversation's hand-offs, refusals and "taken private" come from one grouped scan of the audit
 * entries since the earliest start, instead of a look-up per conversation.
 */
function conversationCtes(scope: ReportScope, range: { from: Date; to: Date; currentFrom: Date }, options: { audit?: boolean } = {}): Prisma.Sql {
  const audit = options.audit === true;
  return Prisma.sql`
  ${
    audit
      ? Prisma.sql`audit AS (
    SELECT e."conversationId" AS conversation_id,
      count(*) FILTER (WHERE e.action = 'conversation.assigned' AND e.surface IS DISTINCT FROM 'routing_rule') AS handoffs,
      count(*) FILTER (WHERE e.action = 'reply.refused') AS refusals,
      bool_or(e.action = 'conversation.taken_private') AS taken_private
    FROM "AuditEntry" e
    WHERE e.action IN ('conversation.assigned', 'reply.refused', 'conversation.taken_private')
      AND e."createdAt" >= ${range.from}::timestamptz - ${auditMargin} AND e."conversationId" IS NOT NULL
    GROUP BY 1
  ),`
      : Prisma.empty
  }
  conv AS (
    SELECT c.id, c.ref, c.platform::text AS network, c."createdAt" AS started_at, c.status::text AS status, c.visibility::text AS visibility,
      c."resolvedAt" AS resolved_at, c."assigneeSlackUserId" AS assignee_user, c."assigneeSlackTeamId" AS assignee_team,
      coalesce(c."slackChannelId", ${scope.defaultChannelId}::text) AS channel_id,
      coalesce(rr."slackUsergroupId", c."assigneeSlackTeamId") AS team_id, c."authorId" AS author_id,
      CASE WHEN c."createdAt" >= ${range.currentFrom}::timestamptz THEN 'current' ELSE 'previous' END AS period,
      c."firstResponseAt" AS first_response_at
      ${
        audit
          ? Prisma.sql`, coalesce(au.handoffs, 0) AS handoffs, coalesce(au.refusals, 0) AS refusals,
      (c.visibility = 'private' OR coalesce(au.taken_private, false)) AS taken_private`
          : Prisma.empty
      }
    FROM ${FROM_CONVERSATIONS}
    ${audit ? Prisma.sql`LEFT JOIN audit au ON au.conversation_id = c.id` : Prisma.empty}
    WHERE c."createdAt" >= ${range.from}::timestamptz AND c."createdAt" < ${range.to}::timestamptz AND ${scopeCondition(scope)}
  ),
  timed AS MATERIALIZED (
    SELECT ${
      audit
        ? Prisma.sql`conv.id, conv.period, conv.status, conv.network, conv.channel_id, conv.team_id, conv.first_response_at, conv.handoffs, conv.refusals, conv.taken_private`
        : Prisma.sql`conv.*`
    },
      ${elapsedSeconds(Prisma.raw('conv.started_at'), Prisma.raw('conv.first_response_at'), scope)} AS frt,
      CASE WHEN conv.status = 'resolved' THEN ${elapsedSeconds(Prisma.raw('conv.started_at'), Prisma.raw('conv.resolved_at'), scope)} END AS ttr
    FROM conv
  )`;
}

/**
 * `sent`: the sent outbound messages (public replies and DMs) of the current period's
 * conversations in `timed`, automatic replies (out of hours) left out as they are no team reply, numbered per conversation in the order they were posted: the first
 * one's sender is the conversation's first responder. `responder` is the sender in Slack, or
 * `app:<network>` for a reply made outside Earshot, in that network's own app.
 */
function sentCte(scope: ReportScope, period: { from: Date; to: Date }): Prisma.Sql {
  return Prisma.sql`
  sent AS MATERIALIZED (
    SELECT m."conversationId" AS id, m."slackUserId" AS slack_user_id, coalesce(m."slackUserId", 'app:' || m.platform::text) AS responder,
      row_number() OVER (PARTITION BY m."conversationId" ORDER BY coalesce(m."postedAt", m."createdAt"), m."createdAt") AS nth
    FROM "Message" m
    WHERE m.direction = 'outbound' AND m."deliveryState" = 'sent' AND NOT m.automated AND m."createdAt" >= ${period.from}::timestamptz - ${auditMargin}
      AND m."conversationId" IN (
        SELECT c.id FROM ${FROM_CONVERSATIONS}
        WHERE c."createdAt" >= ${period.from}::timestamptz AND c."createdAt" < ${period.to}::timestamptz AND ${scopeCondition(scope)})
  )`;
}

/** Everything `/socialreport` shows but the backlog, from one query over the period's conversations. */
export interface ReportFigures {
  current: PeriodFigures;
  previous: PeriodFigures;
  responders: Ranked<ResponderRow>;
  channels: Ranked<BreakdownRow>;
  teams: Ranked<BreakdownRow>;
  networks: Ranked<BreakdownRow>;
}

/**
 * The headline figures of a period and of the period of the same length before it, and the
 * current period's breakdowns per person, channel, team and network (busiest first, `limit` rows each):
 * the period's conversations are listed (and timed) once, then grouped every way.
 */
export async function reportFigures(
  prisma: ReportClient,
  scope: ReportScope,
  period: { previousFrom: Date; from: Date; to: Date },
  limit: number,
): Promise<ReportFigures> {
  const rows = await inReportSession(
    prisma,
    (client) => client.$queryRaw<Array<Record<string, unknown>>>`
    WITH ${conversationCtes(scope, { from: period.previousFrom, to: period.to, currentFrom: period.from }, { audit: true })},
    ${sentCte(scope, period)},
    periods AS (
      SELECT t.period,
        count(t.id) AS conversations,
        count(t.first_response_at) AS answered,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY t.frt) AS frt_median,
        percentile_cont(0.9) WITHIN GROUP (ORDER BY t.frt) AS frt_p90,
        count(*) FILTER (WHERE t.frt <= 3600) AS within_1h,
        count(*) FILTER (WHERE t.frt <= 86400) AS within_24h,
        count(*) FILTER (WHERE t.status = 'resolved') AS resolved,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY t.ttr) AS ttr_median,
        coalesce(sum(t.handoffs), 0) AS handoffs,
        coalesce(sum(t.refusals), 0) AS refusals,
        count(*) FILTER (WHERE t.taken_private) AS taken_private
      FROM timed t
      GROUP BY t.period
    ),
    inbound AS (
      SELECT count(*) FILTER (WHERE m."createdAt" >= ${period.from}::timestamptz) AS current,
        count(*) FILTER (WHERE m."createdAt" < ${period.from}::timestamptz) AS previous
      FROM "Message" m
      WHERE m.direction = 'inbound' AND m."createdAt" >= ${period.previousFrom}::timestamptz AND m."createdAt" < ${period.to}::timestamptz
        AND ${messageInScope(scope)}
    ),
    breakdowns AS (
      SELECT CASE WHEN grouping(t.channel_id) = 0 THEN 'channel' WHEN grouping(t.team_id) = 0 THEN 'team' ELSE 'network' END AS by,
        CASE WHEN grouping(t.channel_id) = 0 THEN t.channel_id WHEN grouping(t.team_id) = 0 THEN t.team_id ELSE t.network END AS key,
        count(*) AS conversations, count(t.first_response_at) AS answered,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY t.frt) AS frt_median
      FROM timed t
      WHERE t.period = 'current'
      GROUP BY GROUPING SETS ((t.channel_id), (t.team_id), (t.network))
      HAVING grouping(t.team_id) = 1 OR t.team_id IS NOT NULL
    ),
    ranked_breakdowns AS (
      SELECT b.*, row_number() OVER (PARTITION BY b.by ORDER BY b.conversations DESC, b.key) AS rank, count(*) OVER (PARTITION BY b.by) AS total
      FROM breakdowns b
    ),
    replies AS (
      SELECT per_conversation.responder, sum(per_conversation.replies) AS replies, count(*) AS handled
      FROM (SELECT s.responder, count(*) AS replies FROM sent s GROUP BY 1, s.id) AS per_conversation
      GROUP BY 1
    ),
    firsts AS (
      SELECT s.responder, count(*) AS first_responses,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY t.frt) AS frt_median
      FROM timed t LEFT JOIN (SELECT * FROM sent WHERE nth = 1) s ON s.id = t.id
      WHERE t.period = 'current' AND t.first_response_at IS NOT NULL
      GROUP BY 1
    ),
    responders AS (
      SELECT coalesce(r.responder, f.responder) AS responder, coalesce(r.replies, 0) AS replies, coalesce(r.handled, 0) AS handled,
        coalesce(f.first_responses, 0) AS first_responses, f.frt_median,
        -- Ties: replies made outside Earshot first, then by key (in one collation whatever the database's).
        row_number() OVER (ORDER BY coalesce(r.replies, 0) DESC, coalesce(r.handled, 0) DESC, coalesce(f.first_responses, 0) DESC,
          coalesce(r.responder, f.responder) LIKE 'app:%' DESC, coalesce(r.responder, f.responder) COLLATE "C") AS rank,
        count(*) OVER () AS total
      FROM replies r FULL JOIN firsts f ON f.responder = r.responder
    )
    SELECT
      (SELECT json_agg(p)::text FROM periods p) AS periods,
      (SELECT row_to_json(i)::text FROM inbound i) AS inbound,
      (SELECT coalesce(json_agg(b ORDER BY b.by, b.rank), '[]'::json)::text FROM ranked_breakdowns b WHERE b.rank <= ${limit}) AS breakdowns,
      (SELECT coalesce(json_agg(r ORDER BY r.rank), '[]'::json)::text FROM responders r WHERE r.rank <= ${limit}) AS responders`,
  );
  const row = rows[0] ?? {};
  const parse = (value: unknown): unknown => (typeof value === 'string' ? JSON.parse(value) : (value ?? null));
  const periods = (parse(row.periods) ?? []) as Array<Record<string, unknown>>;
  const inbound = (parse(row.inbound) ?? {}) as Record<string, unknown>;
  const breakdowns = (parse(row.breakdowns) ?? []) as Array<Record<string, unknown>>;
  const responders = (parse(row.responders) ?? []) as Array<Record<string, unknown>>;

  const figuresOf = (name: 'current' | 'previous'): PeriodFigures => {
    const figures = periods.find((candidate) => candidate.period === name) ?? {};
    const conversations = toNumber(figures.conversations);
    const share = (count: unknown) => (conversations > 0 ? toNumber(count) / conversations : null);
    return {
      inboundPosts: toNumber(inbound[name]),
      conversations,
      answered: toNumber(figures.answered),
      responseRate: share(figures.answered),
      firstResponseMedianSeconds: toSecondsOrNull(figures.frt_median),
      firstResponseP90Seconds: toSecondsOrNull(figures.frt_p90),
      answeredWithin1h: share(figures.within_1h),
      answeredWithin24h: share(figures.within_24h),
      resolved: toNumber(figures.resolved),
      resolutionMedianSeconds: toSecondsOrNull(figures.ttr_median),
      handoffs: toNumber(figures.handoffs),
      takenPrivate: toNumber(figures.taken_private),
      refusals: toNumber(figures.refusals),
    };
  };
  const breakdownOf = (by: 'channel' | 'team' | 'network'): Ranked<BreakdownRow> => {
    const mine = breakdowns.filter((candidate) => candidate.by === by);
    return {
      total: toNumber(mine[0]?.total),
      rows: mine.map((breakdown) => ({
        key: String(breakdown.key),
        conversations: toNumber(breakdown.conversations),
        answered: toNumber(breakdown.answered),
        firstResponseMedianSeconds: toSecondsOrNull(breakdown.frt_median),
      })),
    };
  };
  return {
    current: figuresOf('current'),
    previous: figuresOf('previous'),
    responders: {
      total: toNumber(responders[0]?.total),
      rows: responders.map((responder) => ({
        ...readResponder(responder.responder),
        replies: toNumber(responder.replies),
        conversations: toNumber(responder.handled),
        firstResponses: toNumber(responder.first_responses),
        firstResponseMedianSeconds: toSecondsOrNull(responder.frt_median),
      })),
    },
    channels: breakdownOf('channel'),
    teams: breakdownOf('team'),
    networks: breakdownOf('network'),
  };
}

/** `sent.responder`: a Slack user id, or `app:<network>` for replies made in the network's own app. */
function readResponder(responder: unknown): Pick<ResponderRow, 'slackUserId' | 'network'> {
  const key = String(responder);
  return key.startsWith('app:') ? { slackUserId: null, network: key.slice('app:'.length) as Platform } : { slackUserId: key };
}

/** The headline figures of a period and of the period of the same length before it. */
export async function periodFigures(
  prisma: ReportClient,
  scope: ReportScope,
  period: { previousFrom: Date; from: Date; to: Date },
): Promise<{ current: PeriodFigures; previous: PeriodFigures }> {
  const { current, previous } = await reportFigures(prisma, scope, period, 0);
  return { current, previous };
}

/** Per person: replies, conversations replied in, first responses and their median. Busiest first. */
export async function responderRows(prisma: ReportClient, scope: ReportScope, period: { from: Date; to: Date }, limit: number): Promise<Ranked<ResponderRow>> {
  return (await reportFigures(prisma, scope, { ...period, previousFrom: period.from }, limit)).responders;
}

/** Per channel, or per team (the routing rule's user group, else the team it was handed to). Busiest first. */
export async function breakdownRows(
  prisma: ReportClient,
  scope: ReportScope,
  period: { from: Date; to: Date },
  by: 'channel' | 'team',
  limit: number,
): Promise<Ranked<BreakdownRow>> {
  const figures = await reportFigures(prisma, scope, { ...period, previousFrom: period.from }, limit);
  return by === 'channel' ? figures.channels : figures.teams;
}

/** Open conversations now (whatever the period), and the one waiting longest for the team. */
export async function backlog(prisma: ReportClient, scope: ReportScope): Promise<Backlog> {
  // "waitingSince" is kept by a trigger on "Message" (earliest inbound post since the latest sent reply).
  const rows = await inReportSession(
    prisma,
    (client) => client.$queryRaw<Array<Record<string, unknown>>>`
    WITH open AS MATERIALIZED (
      SELECT c.ref, coalesce(c."slackChannelId", ${scope.defaultChannelId}::text) AS channel_id, c."slackThreadTs" AS thread_ts,
        c."waitingSince" AS waiting_since
      FROM ${FROM_CONVERSATIONS}
      WHERE c.status IN ('new', 'open', 'assigned', 'awaiting_approval', 'replied') AND ${scopeCondition(scope)}
    )
    SELECT (SELECT count(*) FROM open) AS open_count,
      (SELECT count(*) FROM open WHERE waiting_since IS NOT NULL) AS waiting_count,
      w.ref, w.channel_id, w.thread_ts, w.waiting_since
    FROM (SELECT 1) AS one
    LEFT JOIN LATERAL (SELECT * FROM open WHERE waiting_since IS NOT NULL ORDER BY waiting_since, ref LIMIT 1) w ON true`,
  );
  const row = rows[0] ?? {};
  return {
    open: toNumber(row.open_count),
    waiting: toNumber(row.waiting_count),
    oldestWaiting:
      row.ref === null || row.ref === undefined
        ? null
        : {
            ref: toNumber(row.ref),
            channelId: String(row.channel_id),
            threadTs: typeof row.thread_ts === 'string' ? row.thread_ts : null,
            waitingSince: toDate(row.waiting_since),
          },
  };
}

/** One point per local day of the period: conversations started that day, and their median first response. */
export async function dailySeries(prisma: ReportClient, scope: ReportScope, period: { from: Date; to: Date }, timeZone: string): Promise<DailyPoint[]> {
  const rows = await inReportSession(
    prisma,
    (client) => client.$queryRaw<Array<Record<string, unknown>>>`
    WITH ${conversationCtes(scope, { ...period, currentFrom: period.from })},
    days AS (
      SELECT g.day::date AS day
      FROM generate_series(
        (${period.from}::timestamptz AT TIME ZONE ${timeZone}::text)::date,
        ((${period.to}::timestamptz - interval '1 millisecond') AT TIME ZONE ${timeZone}::text)::date,
        interval '1 day') AS g(day)
    ),
    per_day AS (
      SELECT (t.started_at AT TIME ZONE ${timeZone}::text)::date AS day, count(*) AS conversations,
        percentile_cont(0.5) WITHIN GROUP (ORDER BY t.frt) AS frt_median
      FROM timed t
      GROUP BY 1
    )
    SELECT to_char(d.day, 'YYYY-MM-DD') AS day, coalesce(p.conversations, 0) AS conversations, p.frt_median
    FROM days d LEFT JOIN per_day p ON p.day = d.day
    ORDER BY d.day`,
  );
  return rows.map((row) => ({ day: String(row.day), inbound: toNumber(row.conversations), medianFirstResponseSeconds: toSecondsOrNull(row.frt_median) }));
}

/** The rows behind a report (the CSV): one per conversation that started in the period, oldest first. */
export async function conversationRows(prisma: ReportClient, scope: ReportScope, period: { from: Date; to: Date }): Promise<ConversationRow[]> {
  const rows = await inReportSession(
    prisma,
    (client) => client.$queryRaw<Array<Record<string, unknown>>>`
    WITH ${conversationCtes(scope, { ...period, currentFrom: period.from })},
    ${sentCte(scope, period)}
    SELECT t.ref, t.network, t.started_at, a.handle AS author_handle, t.channel_id, t.first_response_at, t.frt, s.slack_user_id AS responder, t.resolved_at,
      t.status, t.visibility, coalesce(t.assignee_user, t.assignee_team) AS assignee
    FROM timed t JOIN "Author" a ON a.id = t.author_id LEFT JOIN (SELECT * FROM sent WHERE nth = 1) s ON s.id = t.id
    ORDER BY t.started_at, t.ref`,
  );
  return rows.map((row) => ({
    ref: toNumber(row.ref),
    network: String(row.network) as Platform,
    startedAt: toDate(row.started_at),
    authorHandle: String(row.author_handle),
    channelId: String(row.channel_id),
    firstResponseAt: row.first_response_at ? toDate(row.first_response_at) : null,
    firstResponseSeconds: toSecondsOrNull(row.frt),
    responderSlackUserId: typeof row.responder === 'string' ? row.responder : null,
    resolvedAt: row.resolved_at ? toDate(row.resolved_at) : null,
    status: String(row.status),
    visibility: String(row.visibility),
    assignee: typeof row.assignee === 'string' ? row.assignee : null,
  }));
}

/** count() is bigint, sum() numeric (Decimal), percentile_cont double: all to plain numbers. */
export function toNumber(value: unknown): number {
  return toNumberOrNull(value) ?? 0;
}

export function toNumberOrNull(value: unknown): number | null {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number') return value;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'object' && typeof (value as { toNumber?: unknown }).toNumber === 'function') return (value as { toNumber(): number }).toNumber();
  const parsed = Number(value);
  return Number.isFinite(parsed) ? parsed : null;
}

/** Durations to the millisecond (timestamps are stored to the millisecond; percentiles interpolate in floating point). */
function toSecondsOrNull(value: unknown): number | null {
  const seconds = toNumberOrNull(value);
  return seconds === null ? null : Math.round(seconds * 1000) / 1000;
}

function toDate(value: unknown): Date {
  return value instanceof Date ? value : new Date(String(value));
}

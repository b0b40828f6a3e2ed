import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import pg from 'pg';
import type { Database } from '../src/db/database.js';
import { migrateDatabase } from '../src/db/migrate.js';
import { buildSocialReport, reportScope, type BuildReportOptions } from '../src/reports/build-report.js';
import { resolvePeriod } from '../src/reports/report-period.js';
import { backlog, dailySeries, reportFigures } from '../src/reports/report-queries.js';
import { Prisma } from '../src/generated/prisma/client.js';
import { createTestDatabase } from '../test/support/test-databases.js';

/**
 * How long `/socialreport` takes on a big workspace: a fresh PostgreSQL database is filled with
 * set-based SQL (90 days of conversations, their messages and audit entries), analysed, and the
 * report (`buildSocialReport`, plus `dailySeries` for the chart) is timed over 7 and 30 days.
 *
 *   npx tsx bench/social-report.ts [--conversations 200000] [--messages 1000000] [--runs 3] [--explain] [--keep] [--migrations DIR]
 *   npm run bench -- --report
 */

export interface SocialReportBenchOptions {
  conversations?: number;
  messages?: number;
  /** Runs per period; the median is reported. */
  runs?: number;
  /** Also print EXPLAIN (ANALYZE, BUFFERS) of every report query, 30-day period. */
  explain?: boolean;
  /** Leave the database in place (its URL is printed) instead of dropping it. */
  keep?: boolean;
  /** Another migrations folder (default: prisma/migrations). */
  migrationsDir?: string;
  log?: (line: string) => void;
}

export interface QueryTimings {
  /** Milliseconds, median of the runs. */
  reportMs: number;
  chartSeriesMs: number;
  /** `buildSocialReport`'s queries one by one (median of the runs), to see which one costs. */
  parts: Record<string, number>;
  /** The same report counting working hours only (one run). */
  businessHoursReportMs: number;
}

export interface SocialReportBenchFigures {
  seeded: Record<string, number>;
  seedSeconds: number;
  vacuumAnalyzeSeconds: number;
  periods: Record<'7d' | '30d', QueryTimings>;
}

/** The workspace the seed describes: its default channel, the other channels, the responders. */
const defaultChannelId = 'C0SOCIAL';
const timeZone = 'Europe/Paris';
const authors = 50_000;
const responders = 20;

export async function benchSocialReport(options: SocialReportBenchOptions = {}): Promise<SocialReportBenchFigures> {
  const conversations = options.conversations ?? 200_000;
  const messages = options.messages ?? 1_000_000;
  const runs = options.runs ?? 3;
  const log = options.log ?? ((line: string) => console.log(line));
  if (messages < 2 * conversations) throw new Error('--messages must be at least twice --conversations (an inbound post and a reply each)');

  const test = await createTestDatabase('postgresql');
  const url = test.location.databaseUrl ?? '';
  let db: Database | undefined;
  try {
    db = await test.open();
    await migrateDatabase(db, options.migrationsDir);
    log(`seeding ${conversations} conversations and ${messages} messages into ${new URL(url).pathname.slice(1)}…`);
    const seedStarted = performance.now();
    const seeded = await seed(url, conversations, messages, log);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    const vacuumStarted = performance.now();
    await db.executeSql('VACUUM (ANALYZE)');
    const vacuumAnalyzeSeconds = (performance.now() - vacuumStarted) / 1000;
    log(
      `seeded ${Object.entries(seeded)
        .map(([table, rows]) => `${table} ${rows}`)
        .join(', ')} in ${seedSeconds.toFixed(1)} s; VACUUM ANALYZE ${vacuumAnalyzeSeconds.toFixed(1)} s`,
    );

    const periods = {} as SocialReportBenchFigures['periods'];
    for (const days of [7, 30] as const) {
      log(`timing the ${days}-day report, ${runs} runs…`);
      periods[`${days}d`] = await timeReportQueries(db, days, runs);
    }
    if (options.explain) await explainReportQueries(db, 30, log);
    return { seeded, seedSeconds, vacuumAnalyzeSeconds, periods };
  } finally {
    await db?.close();
    if (options.keep) log(`kept the database: ${url}`);
    else await test.drop();
  }
}

function reportOptions(days: number, businessHours = false): BuildReportOptions {
  return {
    period: resolvePeriod({ kind: 'days', days }, new Date(), timeZone),
    filters: {},
    defaultChannelId,
    timeZone,
    businessHours: businessHours ? { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' } : undefined,
  };
}

/** The report's queries, in the order `buildSocialReport` runs them, one by one. */
function reportParts(prisma: Database['prisma'], options: BuildReportOptions): Record<string, () => Promise<unknown>> {
  const scope = reportScope(options);
  const { period } = options;
  return {
    // Figures, responders, channels and teams: one query over the period's conversations.
    figures: () => reportFigures(prisma, scope, period, 10),
    backlog: () => backlog(prisma, scope),
    dailySeries: () => dailySeries(prisma, scope, period, options.timeZone),
  };
}

/** Times the whole report and the chart's series over the last `days` days: medians of `runs` runs. */
export async function timeReportQueries(db: Database, days: number, runs = 3): Promise<QueryTimings> {
  const options = reportOptions(days);
  const report: number[] = [];
  const chart: number[] = [];
  const parts: Record<string, number[]> = {};
  // Not counted: the pool's first connections, Prisma's first query, cold caches.
  await buildSocialReport(db.prisma, options);
  for (let run = 0; run < runs; run++) {
    report.push(await timed(() => buildSocialReport(db.prisma, options)));
    const queries = reportParts(db.prisma, options);
    chart.push(await timed(queries.dailySeries!));
    for (const [name, query] of Object.entries(queries)) (parts[name] ??= []).push(await timed(query));
  }
  const businessHoursReportMs = Math.round(await timed(() => buildSocialReport(db.prisma, reportOptions(days, true))));
  return {
    reportMs: median(report),
    chartSeriesMs: median(chart),
    parts: Object.fromEntries(Object.entries(parts).map(([name, times]) => [name, median(times)])),
    businessHoursReportMs,
  };
}

/** Runs every report query under EXPLAIN (ANALYZE, BUFFERS) and prints the plans. */
export async function explainReportQueries(db: Database, days: number, log: (line: string) => void): Promise<void> {
  const plans: string[] = [];
  // The report functions only call $queryRaw: hand them a client that explains instead of running.
  const explaining = {
    $queryRaw: async (strings: TemplateStringsArray, ...values: unknown[]) => {
      const query = Prisma.sql(strings, ...values);
      const rows = await db.prisma.$queryRawUnsafe<Array<{ 'QUERY PLAN': string }>>(`EXPLAIN (ANALYZE, BUFFERS) ${query.text}`, ...query.values);
      plans.push(rows.map((row) => row['QUERY PLAN']).join('\n'));
      return [];
    },
  } as unknown as Database['prisma'];
  for (const [name, query] of Object.entries(reportParts(explaining, reportOptions(days)))) {
    plans.length = 0;
    await query();
    log(`\n── EXPLAIN ${name} (${days} days) ──\n${plans.join('\n')}`);
  }
}

async function timed(work: () => Promise<unknown>): Promise<number> {
  const started = performance.now();
  await work();
  return performance.now() - started;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
  return Math.round(value);
}

/**
 * Fills the database in a handful of INSERT … SELECT … FROM generate_series statements, on one
 * connection with foreign-key triggers off and secondary indexes dropped, then rebuilt (a bulk
 * load, as pg_restore does it). Ids are md5-derived so that rows can point at each other without
 * lookups.
 */
async function seed(databaseUrl: string, conversations: number, messages: number, log: (line: string) => void): Promise<Record<string, number>> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const step = async (name: string, sql: string) => {
    const started = performance.now();
    await client.query(sql);
    log(`  ${name}: ${((performance.now() - started) / 1000).toFixed(1)} s`);
  };
  try {
    await client.query(`SET session_replication_role = replica; SET maintenance_work_mem = '256MB'; SET synchronous_commit = off`);
    const { rows: indexes } = await client.query<{ name: string; definition: string }>(
      `SELECT indexname AS name, indexdef AS definition FROM pg_indexes
       WHERE schemaname = current_schema() AND tablename IN ('Conversation', 'Message', 'AuditEntry') AND indexname NOT LIKE '%\\_pkey'`,
    );
    await client.query(indexes.map((index) => `DROP INDEX "${index.name}";`).join('\n'));

    await step(
      'account, routing rules and authors',
      `
      INSERT INTO "SocialAccount" (id, platform, "externalId", handle, "displayName", "createdAt")
      VALUES ('00000000-0000-4000-8000-000000000001', 'x', '1000', 'brand', 'Brand', now() - interval '2 years');
      INSERT INTO "RoutingRule" (id, position, pattern, "slackChannelId", "slackUsergroupId", "createdBySlackUserId")
      VALUES ('00000000-0000-4000-8000-0000000000a1', 1, 'invoice|refund|billing', 'C0BILLING', 'S0BILLING', 'U0RESP01'),
             ('00000000-0000-4000-8000-0000000000a2', 2, 'store|opening hours', 'C0STORES', 'S0STORES', 'U0RESP01');
      INSERT INTO "Author" (id, platform, "externalId", handle, name, "followerCount", "firstSeenAt", "updatedAt", "spamMarkedAt", "spamMarkedBy")
      SELECT md5('author' || n)::uuid, 'x', (2000000 + n)::text, 'customer' || n, 'Customer ' || n, (random() * 5000)::int,
        now() - interval '400 days' * random(), now(),
        CASE WHEN n % 200 = 0 THEN now() - interval '60 days' * random() END, CASE WHEN n % 200 = 0 THEN 'U0RESP01' END
      FROM generate_series(1, ${authors}) n`,
    );

    // First response: log-normal, median 25 min, sigma 1.8 (p90 ≈ 4 h, p99 ≈ 1 day), 30 s to 5 days;
    // about 80 % answered (fewer among the last days' conversations, still waiting).
    await step(
      'conversations',
      `
      WITH base AS (
        SELECT g,
          date_trunc('day', now()) - floor(random() * 90) * interval '1 day' + (6 + 8 * (random() + random())) * interval '1 hour' AS raw_created,
          random() AS r_answer, random() AS u1, random() AS u2, random() AS r_state, random() AS r_route, random() AS r_assign, random() AS r_after
        FROM generate_series(1, ${conversations}) g
      ),
      answered AS (
        SELECT *, least(raw_created, now() - interval '1 minute') AS created_at,
          CASE WHEN r_answer < 0.8 THEN
            least(raw_created, now() - interval '1 minute')
            + greatest(30, least(432000, exp(ln(1500) + 1.8 * sqrt(-2 * ln(1 - u1)) * cos(2 * pi() * u2)))) * interval '1 second'
          END AS response_at
        FROM base
      ),
      shaped AS (
        SELECT *,
          CASE WHEN response_at < now() THEN response_at END AS first_response_at,
          CASE WHEN r_route < 0.10 THEN 'a1' WHEN r_route < 0.15 THEN 'a2' END AS rule
        FROM answered
      ),
      decided AS (
        SELECT *,
          CASE
            WHEN first_response_at IS NOT NULL AND r_state < 0.6 THEN 'resolved'
            WHEN first_response_at IS NOT NULL THEN 'replied'
            WHEN created_at < now() - interval '7 days' AND r_state < 0.7 THEN 'resolved'
            WHEN r_state < 0.85 THEN 'new'
            WHEN r_state < 0.93 THEN 'open'
            ELSE 'assigned'
          END AS state
        FROM shaped
      )
      INSERT INTO "Conversation" (id, ref, platform, "externalConversationId", "accountId", "authorId", status, visibility,
        "assigneeSlackUserId", "assigneeSlackTeamId", "routingRuleId", "slackChannelId", "slackThreadTs", "slackPostAttemptedAt",
        "createdAt", "updatedAt", "firstResponseAt", "resolvedAt")
      SELECT md5('conv' || g)::uuid, g, 'x', (3000000000 + g)::text, '00000000-0000-4000-8000-000000000001',
        md5('author' || (1 + (g::bigint * 7919) % ${authors}))::uuid,
        state::"ConversationStatus",
        CASE WHEN g % 150 = 0 THEN 'private' ELSE 'public' END::"Visibility",
        CASE WHEN r_assign < 0.35 OR state = 'assigned' THEN 'U0RESP' || lpad((1 + floor(power(r_assign, 2) * ${responders}))::text, 2, '0') END,
        CASE WHEN rule = 'a1' THEN 'S0BILLING' WHEN rule = 'a2' THEN 'S0STORES' END,
        CASE WHEN rule IS NOT NULL THEN ('00000000-0000-4000-8000-0000000000' || rule)::uuid END,
        CASE WHEN rule = 'a1' THEN 'C0BILLING' WHEN rule = 'a2' THEN 'C0STORES' WHEN r_route > 0.9 THEN 'C0SUPPORT' ELSE '${defaultChannelId}' END,
        floor(extract(epoch FROM created_at))::bigint || '.' || lpad(g::text, 6, '0'),
        created_at, created_at,
        greatest(created_at, coalesce(first_response_at, created_at)),
        first_response_at,
        CASE WHEN state = 'resolved' THEN least(now(), coalesce(first_response_at, created_at) + r_after * interval '3 days') END
      FROM decided;
      SELECT setval(pg_get_serial_sequence('"Conversation"', 'ref'), ${conversations})`,
    );

    // Each conversation's first post, and the first reply of the answered ones (the responder is the
    // assignee when there is one; 5 % were replied to in the X app: no Slack user).
    await step(
      'first posts and first replies',
      `
      INSERT INTO "Message" (id, "conversationId", direction, platform, "externalId", "authorHandle", "authorName", text, payload,
        "deliveryState", "postedAt", "createdAt", "updatedAt")
      SELECT gen_random_uuid(), c.id, 'inbound', 'x', (4000000000 + c.ref)::text, 'customer' || c.ref % ${authors}, 'Customer',
        '@brand my order #' || c.ref || ' has not arrived yet, can you help? It was due last week.',
        jsonb_build_object('id', (4000000000 + c.ref)::text, 'conversation_id', c."externalConversationId", 'lang', 'en', 'public_metrics', jsonb_build_object('like_count', 0, 'retweet_count', 0)),
        'received', c."createdAt", c."createdAt", c."createdAt"
      FROM "Conversation" c;
      INSERT INTO "Message" (id, "conversationId", direction, platform, "externalId", "inReplyToExternalId", "authorHandle", text,
        "slackUserId", "idempotencyKey", "deliveryState", attempts, "postedAt", "createdAt", "updatedAt")
      SELECT gen_random_uuid(), c.id, 'outbound', 'x', (5000000000 + c.ref)::text, (4000000000 + c.ref)::text, 'brand',
        '@customer sorry about that! We are looking into order #' || c.ref || ' and will DM you.',
        CASE WHEN random() < 0.05 THEN NULL ELSE coalesce(c."assigneeSlackUserId", 'U0RESP' || lpad((1 + floor(power(random(), 1.5) * ${responders}))::text, 2, '0')) END,
        'reply:' || c.ref, 'sent', 1, c."firstResponseAt", c."firstResponseAt" - interval '2 seconds', c."firstResponseAt"
      FROM "Conversation" c
      WHERE c."firstResponseAt" IS NOT NULL`,
    );

    // The rest: customers' follow-ups, further replies (after the first one) and internal notes.
    await step(
      'follow-ups, further replies and notes',
      `
      WITH extra AS (
        SELECT j, 1 + floor(random() * ${conversations})::int AS ref, random() AS r_kind, random() AS r_time, random() AS r_who
        FROM generate_series(1, ${messages} - (SELECT count(*) FROM "Message")) j
      ),
      placed AS (
        SELECT e.*, c.id AS conversation_id, c."createdAt" AS created_at, c."firstResponseAt" AS first_response_at,
          CASE
            WHEN c."firstResponseAt" IS NOT NULL AND e.r_kind < 0.45 THEN 'inbound'
            WHEN c."firstResponseAt" IS NOT NULL AND e.r_kind < 0.75 THEN 'outbound'
            WHEN c."firstResponseAt" IS NULL AND e.r_kind < 0.6 THEN 'inbound'
            ELSE 'note'
          END AS kind
        FROM extra e JOIN "Conversation" c ON c.ref = e.ref
      ),
      timed AS (
        SELECT *,
          CASE WHEN kind = 'outbound'
            THEN first_response_at + interval '1 second' + r_time * (least(now(), first_response_at + interval '2 days') - first_response_at)
            ELSE created_at + interval '1 second' + r_time * (least(now(), created_at + interval '3 days') - created_at)
          END AS at
        FROM placed
      )
      INSERT INTO "Message" (id, "conversationId", direction, platform, "externalId", "authorHandle", text, payload,
        "slackUserId", "deliveryState", "slackTs", "postedAt", "createdAt", "updatedAt")
      SELECT gen_random_uuid(), conversation_id, kind::"MessageDirection", 'x',
        CASE WHEN kind <> 'note' THEN (6000000000 + j)::text END,
        CASE kind WHEN 'inbound' THEN 'customer' || ref % ${authors} WHEN 'outbound' THEN 'brand' END,
        CASE kind WHEN 'inbound' THEN '@brand still nothing, any news about my order?' WHEN 'outbound' THEN '@customer it ships today, tracking number in your DMs.'
          ELSE 'Checked with the warehouse: parcel left this morning.' END,
        CASE WHEN kind = 'inbound' THEN jsonb_build_object('id', (6000000000 + j)::text, 'lang', 'en') END,
        CASE WHEN kind <> 'inbound' THEN 'U0RESP' || lpad((1 + floor(power(r_who, 1.5) * ${responders}))::text, 2, '0') END,
        CASE WHEN kind = 'outbound' THEN CASE WHEN r_who > 0.99 THEN 'failed' ELSE 'sent' END ELSE 'received' END::"DeliveryState",
        CASE WHEN kind = 'note' THEN floor(extract(epoch FROM at))::bigint || '.' || lpad((j % 1000000)::text, 6, '0') END,
        CASE WHEN kind <> 'note' THEN at END, at, at
      FROM timed`,
    );

    // What the audit trail holds for the report: every conversation's creation, hand-offs (some by
    // routing rules), replies refused by the private-data guard, conversations taken private.
    await step(
      'audit entries',
      `
      INSERT INTO "AuditEntry" ("conversationId", "actorSlackUserId", action, surface, details, "createdAt")
      SELECT c.id, NULL, 'conversation.created', 'x', jsonb_build_object('postId', (4000000000 + c.ref)::text), c."createdAt"
      FROM "Conversation" c;
      INSERT INTO "AuditEntry" ("conversationId", "actorSlackUserId", action, surface, details, "createdAt")
      SELECT c.id, 'U0RESP01', 'conversation.assigned',
        CASE WHEN c."routingRuleId" IS NOT NULL THEN 'routing_rule' ELSE 'assign_modal' END,
        jsonb_build_object('toSlackUserId', c."assigneeSlackUserId", 'toSlackTeamId', c."assigneeSlackTeamId"),
        c."createdAt" + interval '5 minutes'
      FROM "Conversation" c
      WHERE c."routingRuleId" IS NOT NULL OR (c."assigneeSlackUserId" IS NOT NULL AND c.ref % 3 = 0);
      INSERT INTO "AuditEntry" ("conversationId", "actorSlackUserId", action, surface, details, "createdAt")
      SELECT c.id, 'U0RESP02', 'reply.refused', 'reply_modal', jsonb_build_object('reason', 'looks like a card number'), c."createdAt" + interval '10 minutes'
      FROM "Conversation" c WHERE c.ref % 97 = 0;
      INSERT INTO "AuditEntry" ("conversationId", "actorSlackUserId", action, surface, details, "createdAt")
      SELECT c.id, 'U0RESP03', 'conversation.taken_private', 'take_private_modal', '{}'::jsonb, c."createdAt" + interval '15 minutes'
      FROM "Conversation" c WHERE c.visibility = 'private'`,
    );

    // "waitingSince" is kept by a trigger on "Message", off during this bulk load: the migration's backfill.
    await step(
      'waiting since',
      `
      UPDATE "Conversation" c SET "waitingSince" = w.waiting_since
      FROM (
        SELECT m."conversationId" AS conversation_id, min(m."createdAt") AS waiting_since
        FROM "Message" m
        LEFT JOIN (
          SELECT o."conversationId" AS conversation_id, max(coalesce(o."postedAt", o."createdAt")) AS replied_at
          FROM "Message" o WHERE o.direction = 'outbound' AND o."deliveryState" = 'sent'
          GROUP BY 1
        ) r ON r.conversation_id = m."conversationId"
        WHERE m.direction = 'inbound' AND m."createdAt" > coalesce(r.replied_at, '-infinity'::timestamptz)
        GROUP BY 1
      ) w
      WHERE c.id = w.conversation_id`,
    );

    const rebuildStarted = performance.now();
    // Rebuilt exactly as the migrations created them (pg_indexes' own definitions).
    for (const index of indexes) await client.query(index.definition);
    log(`  ${indexes.length} indexes rebuilt: ${((performance.now() - rebuildStarted) / 1000).toFixed(1)} s`);

    const { rows } = await client.query<{ table: string; rows: string }>(
      `SELECT 'Author' AS table, count(*) AS rows FROM "Author"
       UNION ALL SELECT 'Conversation', count(*) FROM "Conversation"
       UNION ALL SELECT 'Message', count(*) FROM "Message"
       UNION ALL SELECT 'AuditEntry', count(*) FROM "AuditEntry"`,
    );
    return Object.fromEntries(rows.map((row) => [row.table, Number(row.rows)]));
  } finally {
    await client.end();
  }
}

export function printSocialReportFigures(figures: SocialReportBenchFigures): void {
  const lines: Array<[string, string]> = [
    [
      'Rows seeded',
      Object.entries(figures.seeded)
        .map(([table, rows]) => `${table} ${rows.toLocaleString('en-US')}`)
        .join(', '),
    ],
    ['Seed (bulk load + indexes)', `${figures.seedSeconds.toFixed(1)} s (then VACUUM ANALYZE ${figures.vacuumAnalyzeSeconds.toFixed(1)} s)`],
  ];
  for (const [period, timings] of Object.entries(figures.periods)) {
    lines.push([`Report, last ${period} (median)`, `${timings.reportMs} ms + chart series ${timings.chartSeriesMs} ms (target < 1000 ms)`]);
    lines.push([
      `  its queries, ${period}`,
      Object.entries(timings.parts)
        .map(([name, ms]) => `${name} ${ms}`)
        .join(', ') + ' ms',
    ]);
    lines.push([`  with business hours, ${period}`, `${timings.businessHoursReportMs} ms (one run)`]);
  }
  const width = Math.max(...lines.map(([label]) => label.length));
  console.log('');
  for (const [label, value] of lines) console.log(`${label.padEnd(width)}  ${value}`);
  console.log(`BENCH_REPORT ${JSON.stringify(figures)}`);
}

/** `npm run bench -- --report …` and `npx tsx bench/social-report.ts …`. */
export async function runSocialReportBench(args: string[]): Promise<void> {
  const { values } = parseArgs({
    args,
    options: {
      report: { type: 'boolean' },
      conversations: { type: 'string', default: '200000' },
      messages: { type: 'string', default: '1000000' },
      runs: { type: 'string', default: '3' },
      explain: { type: 'boolean', default: false },
      keep: { type: 'boolean', default: false },
      migrations: { type: 'string' },
    },
  });
  const whole = (name: string, text: string) => {
    const value = Number(text);
    if (!Number.isInteger(value) || value < 1) throw new Error(`--${name} must be a positive whole number, not "${text}"`);
    return value;
  };
  printSocialReportFigures(
    await benchSocialReport({
      conversations: whole('conversations', values.conversations),
      messages: whole('messages', values.messages),
      runs: whole('runs', values.runs),
      explain: values.explain,
      keep: values.keep,
      migrationsDir: values.migrations,
    }),
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  runSocialReportBench(process.argv.slice(2)).then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(`report bench failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
      process.exit(1);
    },
  );
}

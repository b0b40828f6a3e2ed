import type { types, webApi } from '@slack/bolt';
import { z } from 'zod';
import type { ReportSettings } from '../config/load-config.js';
import type { Database } from '../db/database.js';
import { Platform } from '../generated/prisma/enums.js';
import { describeBusinessHours } from '../domain/business-hours.js';
import type { Logger } from '../log/create-logger.js';
import { managerAccess } from '../roles/manager-access.js';
import { reportMessage } from '../slack/blocks/report-message.js';
import { buildSocialReport, reportScope, type SocialReport } from './build-report.js';
import type { ReportArgs, ReportFilters } from './parse-report-args.js';
import { localDate, resolvePeriod, type ReportPeriod } from './report-period.js';
import { conversationRows, dailySeries } from './report-queries.js';

export interface ReportDependencies {
  prisma: Database['prisma'];
  slack: webApi.WebClient;
  settings: ReportSettings;
  /** SLACK_CHANNEL. */
  defaultChannelId: string;
  logger: Logger;
  now?: () => Date;
}

/** When the listeners are given no settings: everyone may run reports, UTC, no business hours, no digest. */
export const defaultReportSettings: ReportSettings = {
  managers: undefined,
  digestChannelId: undefined,
  digestCron: '0 9 * * 1',
  businessHours: undefined,
  timeZone: 'UTC',
};

/** Answers through the command's or the button's response_url (Bolt's `respond`). */
export type Respond = (message: { response_type?: 'ephemeral' | 'in_channel'; text: string; blocks?: types.KnownBlock[] }) => Promise<unknown>;

export const notAllowedText = 'Sorry, reports are only for managers. Ask your Earshot admin if you need access.';
export const businessHoursNotConfiguredText =
  'Business hours are not set up, so I can only count wall-clock time. Ask your Earshot admin to set your team’s business hours and time zone.';
export const reportFailedText = 'Sorry, the report could not be computed. Please try again in a moment.';

/** Reports are open to everyone until managers are configured; then to managers only. */
export async function mayRunReports(deps: Pick<ReportDependencies, 'slack' | 'settings' | 'logger'>, userId: string): Promise<boolean> {
  return (await managerAccess({ slack: deps.slack, logger: deps.logger, managers: deps.settings.managers }, userId)) !== 'not_manager';
}

/** `/socialreport …` once parsed and acknowledged: the report to the caller, and the CSV when asked. */
export async function runReportCommand(
  deps: ReportDependencies,
  request: { userId: string; channelId: string; args: ReportArgs; respond: Respond },
): Promise<void> {
  const { args, respond } = request;
  if (!(await mayRunReports(deps, request.userId))) {
    await respond({ response_type: 'ephemeral', text: notAllowedText });
    return;
  }
  if (args.businessHours && !deps.settings.businessHours) {
    await respond({ response_type: 'ephemeral', text: businessHoursNotConfiguredText });
    return;
  }
  const now = deps.now?.() ?? new Date();
  const period = resolvePeriod(args.period, now, deps.settings.timeZone);
  let report: SocialReport;
  try {
    report = await computeReport(deps, period, args.filters, args.businessHours);
  } catch (error) {
    deps.logger.error({ err: error }, 'report failed');
    await respond({ response_type: 'ephemeral', text: reportFailedText });
    return;
  }
  const shareValue = encodeShareValue({ period, filters: args.filters, businessHours: args.businessHours });
  await respond({ response_type: 'ephemeral', ...reportMessage(report, { shareValue }) });
  if (args.csv) await uploadReportFiles(deps, request, report, now);
}

/** "Share in channel": the same report, posted to the channel by the bot, saying who shared it. */
export async function shareReport(deps: ReportDependencies, request: { userId: string; channelId: string; value: string; respond: Respond }): Promise<void> {
  if (!(await mayRunReports(deps, request.userId))) {
    await request.respond({ response_type: 'ephemeral', text: notAllowedText });
    return;
  }
  const shared = decodeShareValue(request.value);
  if (!shared) {
    await request.respond({ response_type: 'ephemeral', text: 'This report is out of date: run `/socialreport` again.' });
    return;
  }
  const report = await computeReport(deps, shared.period, shared.filters, shared.businessHours && deps.settings.businessHours !== undefined);
  try {
    const posted = await deps.slack.chat.postMessage({ channel: request.channelId, ...reportMessage(report, { sharedBy: request.userId }) });
    await uploadChart(deps, report, { channelId: request.channelId, threadTs: posted.ts });
  } catch (error) {
    deps.logger.warn({ err: error, channel: request.channelId }, 'could not share a report');
    await request.respond({ response_type: 'ephemeral', text: 'I could not post in this channel. Invite @Earshot here (`/invite @Earshot`) and try again.' });
  }
}

/** The weekly digest: the last 7 days, to REPORT_DIGEST_CHANNEL, with the chart in its thread. */
export async function postWeeklyDigest(deps: ReportDependencies): Promise<void> {
  const channelId = deps.settings.digestChannelId;
  if (!channelId) return;
  const now = deps.now?.() ?? new Date();
  const period = resolvePeriod({ kind: 'days', days: 7 }, now, deps.settings.timeZone);
  const report = await computeReport(deps, period, {}, false);
  const posted = await deps.slack.chat.postMessage({ channel: channelId, ...reportMessage(report, { title: 'Weekly digest' }) });
  await uploadChart(deps, report, { channelId, threadTs: posted.ts });
}

function computeReport(deps: ReportDependencies, period: ReportPeriod, filters: ReportFilters, businessHours: boolean): Promise<SocialReport> {
  return buildSocialReport(deps.prisma, {
    period,
    filters,
    defaultChannelId: deps.defaultChannelId,
    timeZone: deps.settings.timeZone,
    businessHours: businessHours ? deps.settings.businessHours : undefined,
  });
}

async function renderChart(deps: ReportDependencies, report: SocialReport): Promise<Buffer | undefined> {
  try {
    const scope = reportScope({ ...report, defaultChannelId: deps.defaultChannelId, businessHours: report.businessHours });
    const points = await dailySeries(deps.prisma, scope, report.period, report.timeZone);
    // Vega, Vega-Lite and resvg weigh tens of MiB: loaded by the first chart, not at start-up.
    const { renderDailyChartPng } = await import('./render-chart.js');
    return await renderDailyChartPng(points, { title: `Mentions and median first response · ${report.period.label}` });
  } catch (error) {
    deps.logger.warn({ err: error }, 'could not draw the report chart');
    return undefined;
  }
}

async function uploadChart(deps: ReportDependencies, report: SocialReport, target: { channelId: string; threadTs: string | undefined }): Promise<void> {
  const chart = await renderChart(deps, report);
  if (!chart) return;
  const file = {
    file: chart,
    filename: `earshot-chart-${fileStamp(report)}.png`,
    title: `Mentions and first response · ${report.period.label}`,
    alt_text: 'Daily mentions (bars) and median first response (line)',
  };
  await deps.slack.filesUploadV2(
    target.threadTs ? { channel_id: target.channelId, thread_ts: target.threadTs, ...file } : { channel_id: target.channelId, ...file },
  );
}

/**
 * The CSV (one row per conversation) and the chart, to the channel the command was run in; to a
 * direct message with the person when the bot cannot post there.
 */
async function uploadReportFiles(
  deps: ReportDependencies,
  request: { userId: string; channelId: string; respond: Respond },
  report: SocialReport,
  now: Date,
): Promise<void> {
  const scope = reportScope({ ...report, defaultChannelId: deps.defaultChannelId });
  const { conversationsCsv } = await import('./report-csv.js');
  const csv = conversationsCsv(await conversationRows(deps.prisma, scope, report.period));
  const chart = await renderChart(deps, report);
  const stamp = fileStamp(report);
  const files = [
    { file: Buffer.from(csv, 'utf8'), filename: `earshot-report-${stamp}.csv`, title: `Earshot conversations · ${report.period.label}` },
    ...(chart ? [{ file: chart, filename: `earshot-chart-${stamp}.png`, title: `Mentions and first response · ${report.period.label}` }] : []),
  ];
  const comment = `Report rows for ${report.period.label}${report.businessHours ? ` (business hours: ${describeBusinessHours(report.businessHours)})` : ''}, requested by <@${request.userId}> on ${localDate(now, report.timeZone)}.`;
  const upload = (channelId: string) => deps.slack.filesUploadV2({ channel_id: channelId, initial_comment: comment, file_uploads: files });
  try {
    await upload(request.channelId);
  } catch (error) {
    deps.logger.info({ err: error, channel: request.channelId }, 'could not upload the report here; sending it by direct message');
    try {
      const opened = await deps.slack.conversations.open({ users: request.userId });
      if (!opened.channel?.id) throw new Error('conversations.open returned no channel', { cause: error });
      await upload(opened.channel.id);
      await request.respond({ response_type: 'ephemeral', text: 'I could not upload the CSV in this channel, so I sent it to you in a direct message.' });
    } catch (dmError) {
      deps.logger.error({ err: dmError }, 'could not upload the report CSV');
      await request.respond({ response_type: 'ephemeral', text: 'Sorry, I could not upload the CSV file here or in a direct message.' });
    }
  }
}

function fileStamp(report: SocialReport): string {
  return `${localDate(report.period.from, report.timeZone)}_${localDate(new Date(report.period.to.getTime() - 1), report.timeZone)}`;
}

const shareValueSchema = z.object({
  v: z.literal(1),
  f: z.number().int(),
  t: z.number().int(),
  l: z.string().max(200),
  n: z.enum(Platform).optional(),
  c: z.string().optional(),
  u: z.string().optional(),
  g: z.string().optional(),
  b: z.boolean().optional(),
});

/** What the "Share in channel" button must recompute: the same absolute period, filters and mode. */
export function encodeShareValue(shared: { period: ReportPeriod; filters: ReportFilters; businessHours: boolean }): string {
  const { period, filters } = shared;
  return JSON.stringify({
    v: 1,
    f: period.from.getTime(),
    t: period.to.getTime(),
    l: period.label,
    ...(filters.network ? { n: filters.network } : {}),
    ...(filters.channelId ? { c: filters.channelId } : {}),
    ...(filters.userId ? { u: filters.userId } : {}),
    ...(filters.teamId ? { g: filters.teamId } : {}),
    ...(shared.businessHours ? { b: true } : {}),
  });
}

export function decodeShareValue(value: string): { period: ReportPeriod; filters: ReportFilters; businessHours: boolean } | undefined {
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return undefined;
  }
  const parsed = shareValueSchema.safeParse(json);
  if (!parsed.success || parsed.data.t <= parsed.data.f) return undefined;
  const { f, t, l, n, c, u, g, b } = parsed.data;
  const filters: ReportFilters = { ...(n ? { network: n } : {}), ...(c ? { channelId: c } : {}), ...(u ? { userId: u } : {}), ...(g ? { teamId: g } : {}) };
  return { period: { from: new Date(f), to: new Date(t), previousFrom: new Date(2 * f - t), label: l }, filters, businessHours: b === true };
}

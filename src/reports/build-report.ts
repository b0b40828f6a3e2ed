import type { Database } from '../db/database.js';
import type { BusinessHours } from '../domain/business-hours.js';
import type { ReportFilters } from './parse-report-args.js';
import type { ReportPeriod } from './report-period.js';
import {
  backlog,
  inReportSession,
  reportFigures,
  type Backlog,
  type BreakdownRow,
  type PeriodFigures,
  type Ranked,
  type ReportScope,
  type ResponderRow,
} from './report-queries.js';

/** Everything a `/socialreport` message shows. */
export interface SocialReport {
  period: ReportPeriod;
  timeZone: string;
  filters: ReportFilters;
  /** Set when durations count working hours only. */
  businessHours: BusinessHours | undefined;
  current: PeriodFigures;
  previous: PeriodFigures;
  backlog: Backlog;
  responders: Ranked<ResponderRow>;
  channels: Ranked<BreakdownRow>;
  teams: Ranked<BreakdownRow>;
  /** Keyed by network (`Platform`). */
  networks: Ranked<BreakdownRow>;
}

export interface BuildReportOptions {
  period: ReportPeriod;
  filters: ReportFilters;
  defaultChannelId: string;
  timeZone: string;
  businessHours?: BusinessHours | undefined;
}

/** Rows shown per breakdown (the message stays well inside Slack's limits). */
export const breakdownLimit = 10;

export async function buildSocialReport(prisma: Database['prisma'], options: BuildReportOptions): Promise<SocialReport> {
  const scope = reportScope(options);
  const { period } = options;
  // Two queries, in one transaction: the period's figures and breakdowns (the period's
  // conversations listed once), then the backlog (open conversations, whenever they started).
  const [figures, open] = await inReportSession(
    prisma,
    async (client) => [await reportFigures(client, scope, period, breakdownLimit), await backlog(client, scope)] as const,
  );
  return {
    period,
    timeZone: options.timeZone,
    filters: options.filters,
    businessHours: options.businessHours,
    current: figures.current,
    previous: figures.previous,
    backlog: open,
    responders: figures.responders,
    channels: figures.channels,
    teams: figures.teams,
    networks: figures.networks,
  };
}

export function reportScope(options: Pick<BuildReportOptions, 'filters' | 'defaultChannelId' | 'timeZone' | 'businessHours'>): ReportScope {
  return {
    filters: options.filters,
    defaultChannelId: options.defaultChannelId,
    businessHours: options.businessHours ? { hours: options.businessHours, timeZone: options.timeZone } : undefined,
  };
}

import { supportedNetworks } from '../channels/networks.js';
import type { Platform } from '../generated/prisma/enums.js';
import { addDays, isCalendarDay, type PeriodSpec } from './report-period.js';

/** Narrow a report to one network, one channel, one person and/or one team (Slack user group). */
export interface ReportFilters {
  network?: Platform;
  channelId?: string;
  userId?: string;
  teamId?: string;
}

export interface ReportArgs {
  period: PeriodSpec;
  filters: ReportFilters;
  csv: boolean;
  businessHours: boolean;
}

export type ParsedReportArgs = { ok: true; args: ReportArgs } | { ok: false; error: string; help?: boolean };

export const maxReportDays = 366;

export const reportUsage = [
  '*`/socialreport [period] [network] [#channel] [@person] [@team] [csv] [business-hours]`*',
  '• period: `today`, `7d` (default), `30d`, any `Nd` (or `last N days`) up to 366, `this month`, `last month`, or `2026-01-01..2026-01-31`',
  `• network: ${supportedNetworks()
    .map((network) => `\`${network.id}\``)
    .join(', ')}: only conversations on that network`,
  '• `#channel`, `@person`, `@team`: only conversations in that channel, handled by that person, or routed/handed to that team',
  '• `csv`: also upload one row per conversation as a CSV file',
  '• `business-hours`: count response times in working hours only',
].join('\n');

// Slack escapes mentions in command text (should_escape): <#C123|name>, <@U123|name>, <!subteam^S123|@team>.
const CHANNEL = /^<#([CG][A-Z0-9]+)(?:\|[^>]*)?>$/;
const USER = /^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$/;
const TEAM = /^<!subteam\^(S[A-Z0-9]+)(?:\|[^>]*)?>$/;
const RANGE = /^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$/;

/** Parses the text after `/socialreport`. Pure: no clock, no database. */
export function parseReportArgs(text: string): ParsedReportArgs {
  const args: ReportArgs = { period: { kind: 'days', days: 7 }, filters: {}, csv: false, businessHours: false };
  let periodGiven = false;
  // Periods as people say them: "last 30 days" is `30d`; "this month" and "last month" are one word each.
  const spoken = text.replace(/\blast\s+(\d{1,4})\s+days?\b/gi, '$1d').replace(/\b(this|last)\s+month\b/gi, '$1-month');
  const tokens = spoken.match(/<[^>]*>|\S+/g) ?? [];
  const once = (given: boolean, what: string): ParsedReportArgs | undefined => (given ? { ok: false, error: `Give at most one ${what}.` } : undefined);

  for (const token of tokens) {
    const word = token.toLowerCase();
    let match: RegExpExecArray | null;
    const network = networkNamed(word);
    if (word === 'help' || word === '?') return { ok: false, error: reportUsage, help: true };
    if (word === 'csv') {
      args.csv = true;
    } else if (word === 'business-hours' || word === 'business_hours' || word === 'businesshours') {
      args.businessHours = true;
    } else if (word === 'today') {
      const twice = once(periodGiven, 'period');
      if (twice) return twice;
      periodGiven = true;
      args.period = { kind: 'today' };
    } else if (word === 'this-month' || word === 'last-month') {
      const twice = once(periodGiven, 'period');
      if (twice) return twice;
      periodGiven = true;
      args.period = { kind: 'month', which: word === 'this-month' ? 'this' : 'last' };
    } else if ((match = /^(\d{1,4})d$/.exec(word))) {
      const twice = once(periodGiven, 'period');
      if (twice) return twice;
      periodGiven = true;
      const days = Number(match[1]);
      if (days < 1 || days > maxReportDays) return { ok: false, error: `A period is 1 to ${maxReportDays} days (got “${shown(token)}”).` };
      args.period = { kind: 'days', days };
    } else if ((match = RANGE.exec(word))) {
      const twice = once(periodGiven, 'period');
      if (twice) return twice;
      periodGiven = true;
      const [, from = '', to = ''] = match;
      if (!isCalendarDay(from) || !isCalendarDay(to)) return { ok: false, error: `“${shown(token)}” is not a range of real dates (YYYY-MM-DD..YYYY-MM-DD).` };
      if (to < from) return { ok: false, error: `The range “${shown(token)}” ends before it starts.` };
      if (addDays(from, maxReportDays - 1) < to) return { ok: false, error: `A range covers at most ${maxReportDays} days.` };
      args.period = { kind: 'range', from, to };
    } else if (network) {
      const twice = once(args.filters.network !== undefined, 'network');
      if (twice) return twice;
      args.filters.network = network;
    } else if ((match = CHANNEL.exec(token))) {
      const twice = once(args.filters.channelId !== undefined, 'channel');
      if (twice) return twice;
      args.filters.channelId = match[1];
    } else if ((match = USER.exec(token))) {
      const twice = once(args.filters.userId !== undefined, 'person');
      if (twice) return twice;
      args.filters.userId = match[1];
    } else if ((match = TEAM.exec(token))) {
      const twice = once(args.filters.teamId !== undefined, 'team');
      if (twice) return twice;
      args.filters.teamId = match[1];
    } else if (/^[#@]/.test(token)) {
      return { ok: false, error: `I couldn't find “${shown(token)}”: pick the channel, person or team from Slack's suggestions as you type.\n${reportUsage}` };
    } else {
      return { ok: false, error: `I don't understand “${shown(token)}”.\n${reportUsage}` };
    }
  }
  return { ok: true, args };
}

/** A supported network, by its id or its name in any case (`x`, `Bluesky`). */
function networkNamed(word: string): Platform | undefined {
  return supportedNetworks().find((network) => network.id === word || network.name.toLowerCase() === word)?.id;
}

/** Command text goes back into mrkdwn: neutralise Slack's control characters. */
function shown(token: string): string {
  return token.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

import type { types } from '@slack/bolt';
import { findNetwork, listNetworkNames, supportedNetworks } from '../../channels/networks.js';
import { describeBusinessHours } from '../../domain/business-hours.js';
import { formatConversationRef } from '../../domain/conversation-ref.js';
import type { SocialReport } from '../../reports/build-report.js';
import { localDateTime } from '../../reports/report-period.js';
import type { BreakdownRow, PeriodFigures, Ranked } from '../../reports/report-queries.js';
import { escapeMrkdwn, formatMrkdwnLink } from './escape-mrkdwn.js';
import { SECTION_TEXT_MAX } from './slack-limits.js';
import type { SlackMessage } from './slack-message.js';
import { truncateMrkdwn } from './truncate-mrkdwn.js';

export const REPORT_ACTION_IDS = { share: 'report_share' } as const;

// https://docs.slack.dev/reference/block-kit/blocks
const HEADER_TEXT_MAX = 150;
const FIELD_TEXT_MAX = 2000;
const CONTEXT_TEXT_MAX = 3000;
const BUTTON_VALUE_MAX = 2000;
const MESSAGE_BLOCKS_MAX = 50;

export interface ReportMessageOptions {
  /** Who shared it in the channel (the message says so). */
  sharedBy?: string;
  /** When set, a "Share in channel" button carries this value. */
  shareValue?: string;
  /** "Weekly digest" instead of "Social report". */
  title?: string;
}

type Better = 'up' | 'down' | 'neutral';

/** The report as Block Kit: figures with their change, breakdowns, the oldest waiting thread, definitions. */
export function reportMessage(report: SocialReport, options: ReportMessageOptions = {}): SlackMessage {
  const { current, previous } = report;
  const title = `${options.title ?? 'Social report'} · ${report.period.label}`;
  const blocks: types.KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: clip(title, HEADER_TEXT_MAX), emoji: true } },
    context(describeScope(report, options.sharedBy)),
    {
      type: 'section',
      fields: [
        field('Inbound posts', String(current.inboundPosts), countDelta(current.inboundPosts, previous.inboundPosts, 'neutral')),
        field('Conversations', String(current.conversations), countDelta(current.conversations, previous.conversations, 'neutral')),
        field(
          'Response rate',
          `${percent(current.responseRate)} (${current.answered} of ${current.conversations})`,
          shareDelta(current.responseRate, previous.responseRate, 'up'),
        ),
        field(
          'Time to resolution (median)',
          duration(current.resolutionMedianSeconds),
          durationDelta(current.resolutionMedianSeconds, previous.resolutionMedianSeconds),
        ),
        field(
          'First response (median)',
          duration(current.firstResponseMedianSeconds),
          durationDelta(current.firstResponseMedianSeconds, previous.firstResponseMedianSeconds),
        ),
        field(
          'First response (90th percentile)',
          duration(current.firstResponseP90Seconds),
          durationDelta(current.firstResponseP90Seconds, previous.firstResponseP90Seconds),
        ),
        field(
          `Answered within 1 ${report.businessHours ? 'business hour' : 'hour'}`,
          percent(current.answeredWithin1h),
          shareDelta(current.answeredWithin1h, previous.answeredWithin1h, 'up'),
        ),
        field(
          `Answered within 24 ${report.businessHours ? 'business hours' : 'hours'}`,
          percent(current.answeredWithin24h),
          shareDelta(current.answeredWithin24h, previous.answeredWithin24h, 'up'),
        ),
      ],
    },
    {
      type: 'section',
      fields: [
        field('Hand-offs', String(current.handoffs), countDelta(current.handoffs, previous.handoffs, 'neutral')),
        field('Taken private', String(current.takenPrivate), countDelta(current.takenPrivate, previous.takenPrivate, 'neutral')),
        field('Private-data refusals', String(current.refusals), countDelta(current.refusals, previous.refusals, 'neutral')),
        field('Open backlog (now)', `${report.backlog.open} open, ${report.backlog.waiting} waiting for us`, 'now, whatever the period'),
      ],
    },
    section(oldestWaitingText(report)),
    { type: 'divider' },
    section(respondersText(report)),
    section(breakdownText('Per channel', report.channels, (key) => `<#${key}>`)),
  ];
  // Said only when it tells something: more than one network had conversations in the period.
  if (report.networks.total > 1) blocks.push(section(breakdownText('Per network', report.networks, describeNetwork)));
  if (report.teams.total > 0) blocks.push(section(breakdownText('Per team', report.teams, (key) => `<!subteam^${key}>`)));
  if (options.shareValue && options.shareValue.length <= BUTTON_VALUE_MAX) {
    blocks.push({
      type: 'actions',
      elements: [{ type: 'button', action_id: REPORT_ACTION_IDS.share, text: { type: 'plain_text', text: 'Share in channel' }, value: options.shareValue }],
    });
  }
  blocks.push(context(definitions(report)));
  return { text: clip(fallbackText(title, current), 3000), blocks: blocks.slice(0, MESSAGE_BLOCKS_MAX) };
}

/** A change as people read it: "▲ +4 (was 8)", "▼ 12m faster (was 40m) · better". */
export function countDelta(current: number, previous: number, better: Better): string {
  if (current === previous) return `= same as before (${previous})`;
  const arrow = current > previous ? '▲' : '▼';
  const sign = current > previous ? '+' : '−';
  return `${arrow} ${sign}${Math.abs(current - previous)} (was ${previous})${judgement(current > previous, better)}`;
}

export function shareDelta(current: number | null, previous: number | null, better: Better): string {
  if (current === null || previous === null) return `no comparison (was ${percent(previous)})`;
  const points = Math.round(current * 100) - Math.round(previous * 100);
  if (points === 0) return `= same as before (${percent(previous)})`;
  return `${points > 0 ? '▲ +' : '▼ −'}${Math.abs(points)} pts (was ${percent(previous)})${judgement(points > 0, better)}`;
}

/** Durations are better when shorter. */
export function durationDelta(current: number | null, previous: number | null): string {
  if (current === null || previous === null) return `no comparison (was ${duration(previous)})`;
  const difference = Math.round(current) - Math.round(previous);
  if (difference === 0) return `= same as before (${duration(previous)})`;
  return `${difference > 0 ? '▲ +' : '▼ −'}${duration(Math.abs(difference))} (was ${duration(previous)})${judgement(difference > 0, 'down')}`;
}

function judgement(wentUp: boolean, better: Better): string {
  if (better === 'neutral') return '';
  return wentUp === (better === 'up') ? ' · better' : ' · worse';
}

/** 45s, 4m 30s, 12m, 1h 5m, 2d 3h; "—" when there is nothing to measure. */
export function duration(seconds: number | null): string {
  if (seconds === null) return '—';
  const total = Math.round(seconds);
  if (total < 60) return `${total}s`;
  const minutes = Math.floor(total / 60);
  if (minutes < 10) return total % 60 ? `${minutes}m ${total % 60}s` : `${minutes}m`;
  const rounded = Math.round(total / 60);
  if (rounded < 60) return `${rounded}m`;
  const hours = Math.floor(rounded / 60);
  if (hours < 24) return rounded % 60 ? `${hours}h ${rounded % 60}m` : `${hours}h`;
  const days = Math.floor(hours / 24);
  return hours % 24 ? `${days}d ${hours % 24}h` : `${days}d`;
}

export function percent(share: number | null): string {
  return share === null ? '—' : `${Math.round(share * 100)}%`;
}

/** The Slack permalink of a thread without an API call. */
export function threadUrl(channelId: string, threadTs: string): string {
  return `https://slack.com/archives/${channelId}/p${threadTs.replace('.', '')}`;
}

function describeScope(report: SocialReport, sharedBy: string | undefined): string {
  const { period, timeZone, filters } = report;
  const length = period.to.getTime() - period.from.getTime();
  const previousTo = period.from;
  const parts = [
    `${localDateTime(period.from, timeZone)} → ${localDateTime(period.to, timeZone)} (${escapeMrkdwn(timeZone)})`,
    `compared with ${localDateTime(new Date(period.from.getTime() - length), timeZone)} → ${localDateTime(previousTo, timeZone)}`,
  ];
  const only = [
    filters.network ? describeNetwork(filters.network) : undefined,
    filters.channelId ? `<#${filters.channelId}>` : undefined,
    filters.userId ? `<@${filters.userId}>` : undefined,
    filters.teamId ? `<!subteam^${filters.teamId}>` : undefined,
  ].filter(Boolean);
  if (only.length) parts.push(`only ${only.join(', ')}`);
  if (report.businessHours) parts.push(`business hours ${escapeMrkdwn(describeBusinessHours(report.businessHours))}`);
  if (sharedBy) parts.push(`shared by <@${sharedBy}>`);
  return parts.join(' · ');
}

function oldestWaitingText(report: SocialReport): string {
  const oldest = report.backlog.oldestWaiting;
  if (!oldest) return '*Oldest waiting:* nobody is waiting for an answer. :tada:';
  const ref = formatConversationRef(oldest.ref);
  const label = oldest.threadTs ? formatMrkdwnLink(threadUrl(oldest.channelId, oldest.threadTs), ref) : ref;
  return `*Oldest waiting:* ${label} in <#${oldest.channelId}>, waiting since ${localDateTime(oldest.waitingSince, report.timeZone)}`;
}

function respondersText(report: SocialReport): string {
  const { rows, total } = report.responders;
  if (rows.length === 0) return '*Per person:* no replies yet in this period.';
  const lines = rows.map((row) => {
    const who = row.slackUserId
      ? `<@${row.slackUserId}>`
      : `Outside Earshot (${row.network ? `${escapeMrkdwn(findNetwork(row.network)?.name ?? row.network)} app` : 'a network’s own app'})`;
    const firsts = row.firstResponses
      ? `median first response ${duration(row.firstResponseMedianSeconds)} (${plural(row.firstResponses, 'first response')})`
      : 'no first responses';
    return `• ${who}: ${plural(row.replies, 'reply', 'replies')}, ${plural(row.conversations, 'conversation')} handled, ${firsts}`;
  });
  return listText('*Per person*', lines, total);
}

function breakdownText(title: string, ranked: Ranked<BreakdownRow>, label: (key: string) => string): string {
  if (ranked.rows.length === 0) return `*${title}:* no conversations in this period.`;
  const lines = ranked.rows.map(
    (row) =>
      `• ${label(row.key)}: ${plural(row.conversations, 'conversation')}, ${percent(row.conversations ? row.answered / row.conversations : null)} answered, median first response ${duration(row.firstResponseMedianSeconds)}`,
  );
  return listText(`*${title}*`, lines, ranked.total);
}

function listText(title: string, lines: string[], total: number): string {
  const more = total > lines.length ? `\n…and ${total - lines.length} more (use \`csv\` for every row)` : '';
  return `${title}\n${lines.join('\n')}${more}`;
}

function definitions(report: SocialReport): string {
  const text = [
    '*How these are counted.* A period counts the conversations that *started* in it (first inbound post); inbound posts are the customers’ posts received in it.',
    `First response time = from a conversation’s first inbound post to the team’s first public or private reply (from Earshot or the ${appsOf(report)}), counted for the person who sent it.`,
    'Response rate = conversations with a team reply ÷ conversations; answered within 1 h / 24 h are shares of all the period’s conversations.',
    'Time to resolution = start → resolved, for resolved conversations. Backlog = conversations not resolved now; waiting = the customer spoke last.',
    'Hand-offs exclude routing rules’ automatic assignments. ▲▼ compare with the previous period of the same length.',
    report.businessHours
      ? `Times count working hours only: ${escapeMrkdwn(describeBusinessHours(report.businessHours))} (${escapeMrkdwn(report.timeZone)}).`
      : '',
  ].join(' ');
  return text.trim();
}

/** A network as the report names it: icon and name (its id, should a network without an adapter show up). */
function describeNetwork(id: string): string {
  const network = findNetwork(id);
  return network ? `${network.icon} ${escapeMrkdwn(network.name)}` : escapeMrkdwn(id);
}

/** "the X app", or "the X or Bluesky apps": where replies outside Earshot are made, for the networks the report covers. */
function appsOf(report: SocialReport): string {
  const only = report.filters.network ? findNetwork(report.filters.network) : undefined;
  const networks = only ? [only] : supportedNetworks();
  return `${listNetworkNames(networks, 'or')} ${networks.length > 1 ? 'apps' : 'app'}`;
}

function fallbackText(title: string, figures: PeriodFigures): string {
  return `${title}: ${plural(figures.conversations, 'conversation')}, ${percent(figures.responseRate)} answered, median first response ${duration(figures.firstResponseMedianSeconds)}`;
}

function field(label: string, value: string, change: string): types.MrkdwnElement {
  return { type: 'mrkdwn', text: clip(`*${label}*\n${value}\n_${change}_`, FIELD_TEXT_MAX) };
}

function section(text: string): types.SectionBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncateMrkdwn(text.split(/(?<=\n)/), SECTION_TEXT_MAX) } };
}

function context(text: string): types.ContextBlock {
  return { type: 'context', elements: [{ type: 'mrkdwn', text: truncateMrkdwn(text.split(/(?<= )/), CONTEXT_TEXT_MAX) }] };
}

function plural(count: number, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${count === 1 ? singular : pluralForm}`;
}

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

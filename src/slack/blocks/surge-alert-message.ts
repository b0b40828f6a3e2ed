import type { types } from '@slack/bolt';
import { escapeMrkdwn, formatMrkdwnLink } from './escape-mrkdwn.js';
import { formatSlackDate } from './format-slack-date.js';
import type { SlackMessage } from './slack-message.js';
import { escapeAndTruncate } from './truncate-mrkdwn.js';

export interface SurgeAlertView {
  /** The SURGE_KEYWORDS keyword that surged; null for all mentions. */
  keyword: string | null;
  /** Mentions from one window before the surge started until `asOf` (or its end). */
  mentionCount: number;
  /** The usual count for one window. */
  usualPerWindow: number;
  windowMinutes: number;
  startedAt: Date;
  endedAt?: Date;
  /** When the counts were read. */
  asOf: Date;
  topTerms: readonly string[];
  /** A few of the surge's posts, each with its network's icon. */
  examples: ReadonlyArray<{ handle: string; text: string; url: string; icon: string }>;
  /** New conversations on the topic are grouped in the alert's thread. */
  grouping: boolean;
}

const EXAMPLE_TEXT_MAX = 200;

/** The alert posted to SURGE_CHANNEL, updated as the surge grows and when it ends. */
export function renderSurgeAlert(alert: SurgeAlertView): SlackMessage {
  const topic = alert.keyword !== null ? ` for “${escapeMrkdwn(alert.keyword)}”` : '';
  const from = new Date(alert.startedAt.getTime() - alert.windowMinutes * 60_000);
  const until = alert.endedAt ?? alert.asOf;
  const minutes = Math.max(alert.windowMinutes, Math.round((until.getTime() - from.getTime()) / 60_000));
  const usual = describeUsual((alert.usualPerWindow * minutes) / alert.windowMinutes);
  const mentions = `${alert.mentionCount} ${alert.mentionCount === 1 ? 'mention' : 'mentions'}`;
  const headline = alert.endedAt
    ? `📉 *Surge${topic} ended:* ${mentions} from ${formatSlackDate(from, '{time}')} to ${formatSlackDate(alert.endedAt, '{time}')} (usually ${usual})`
    : `📈 *Surge${topic}: ${mentions} in the last ${minutes} min* (usually ${usual})`;

  const blocks: types.KnownBlock[] = [{ type: 'section', block_id: 'surge', text: { type: 'mrkdwn', text: headline } }];
  if (alert.topTerms.length > 0) {
    blocks.push({ type: 'section', block_id: 'terms', text: { type: 'mrkdwn', text: `*Top terms:* ${alert.topTerms.map(escapeMrkdwn).join(', ')}` } });
  }
  if (alert.examples.length > 0) {
    const lines = alert.examples.map(
      (example) =>
        `• ${example.icon} ${formatMrkdwnLink(example.url, `@${example.handle}`)}: ${escapeAndTruncate(example.text.replace(/\s+/g, ' '), EXAMPLE_TEXT_MAX)}`,
    );
    blocks.push({ type: 'section', block_id: 'examples', text: { type: 'mrkdwn', text: `*Examples:*\n${lines.join('\n')}` } });
  }
  const notes = [`Started ${formatSlackDate(alert.startedAt)}`];
  if (!alert.endedAt && alert.grouping) notes.push('new conversations on this topic are grouped in this thread');
  blocks.push({ type: 'context', block_id: 'surge_meta', elements: [{ type: 'mrkdwn', text: notes.join(' · ') }] });

  const text = alert.endedAt ? `Surge${topic} ended: ${mentions}` : `Surge${topic}: ${mentions} in the last ${minutes} min (usually ${usual})`;
  return { text, blocks };
}

function describeUsual(count: number): string {
  if (count < 0.5) return 'fewer than 1';
  return `about ${Math.round(count)}`;
}

import { formatConversationRef } from '../domain/conversation-ref.js';
import type { ConversationRow } from './report-queries.js';

export const csvColumns = [
  'ref',
  'started_at',
  'author_handle',
  'channel',
  'first_response_at',
  'first_response_seconds',
  'responder',
  'resolved_at',
  'status',
  'visibility',
  'assignee',
  'network',
] as const;

/** The report's rows as RFC 4180 CSV (times in UTC, ISO 8601); a responder outside Earshot is the network's app (`x_app`). */
export function conversationsCsv(rows: readonly ConversationRow[]): string {
  const lines = [csvColumns.join(',')];
  for (const row of rows) {
    lines.push(
      [
        formatConversationRef(row.ref),
        row.startedAt.toISOString(),
        row.authorHandle,
        row.channelId,
        row.firstResponseAt?.toISOString() ?? '',
        row.firstResponseSeconds === null ? '' : String(Math.round(row.firstResponseSeconds)),
        row.firstResponseAt ? (row.responderSlackUserId ?? `${row.network}_app`) : '',
        row.resolvedAt?.toISOString() ?? '',
        row.status,
        row.visibility,
        row.assignee ?? '',
        row.network,
      ]
        .map(csvCell)
        .join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}

/** Quotes when needed, and defuses cells a spreadsheet would run as a formula. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

import { formatConversationRef } from '../domain/conversation-ref.js';
import { csvCell } from '../reports/report-csv.js';

export const auditCsvColumns = ['id', 'time_utc', 'conversation', 'actor_slack_user_id', 'action', 'surface', 'details_json'] as const;

export interface AuditCsvRow {
  id: bigint;
  createdAt: Date;
  conversationRef: number | null;
  actorSlackUserId: string | null;
  action: string;
  surface: string | null;
  details: unknown;
}

/** The CSV's first line (RFC 4180: lines end with CRLF). */
export function auditCsvHeader(): string {
  return `${auditCsvColumns.join(',')}\r\n`;
}

/** One audit entry as a CSV line; an entry written by Earshot itself has no actor. */
export function auditCsvLine(row: AuditCsvRow): string {
  return `${[
    row.id.toString(),
    row.createdAt.toISOString(),
    row.conversationRef === null ? '' : formatConversationRef(row.conversationRef),
    row.actorSlackUserId ?? '',
    row.action,
    row.surface ?? '',
    row.details === null || row.details === undefined ? '' : JSON.stringify(row.details),
  ]
    .map(csvCell)
    .join(',')}\r\n`;
}

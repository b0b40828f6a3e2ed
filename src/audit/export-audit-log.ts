import type { webApi } from '@slack/bolt';
import type { Database } from '../db/database.js';
import type { Logger } from '../log/create-logger.js';
import { localDate, type ReportPeriod } from '../reports/report-period.js';
import { auditCsvHeader, auditCsvLine, type AuditCsvRow } from './audit-csv.js';

export interface AuditExportDependencies {
  prisma: Database['prisma'];
  slack: webApi.WebClient;
  logger: Logger;
  timeZone: string;
}

/** Rows read per query: a long period is read page by page (keyset on id), never all at once. */
export const AUDIT_EXPORT_PAGE = 1000;

/** The audit entries written in [from, to), in id order, one page at a time. */
export async function* auditEntriesInPeriod(
  prisma: Database['prisma'],
  period: { from: Date; to: Date },
  pageSize = AUDIT_EXPORT_PAGE,
): AsyncGenerator<AuditCsvRow[]> {
  let after: bigint | undefined;
  for (;;) {
    const page = await prisma.auditEntry.findMany({
      where: { createdAt: { gte: period.from, lt: period.to }, ...(after === undefined ? {} : { id: { gt: after } }) },
      orderBy: { id: 'asc' },
      take: pageSize,
      select: { id: true, createdAt: true, actorSlackUserId: true, action: true, surface: true, details: true, conversation: { select: { ref: true } } },
    });
    if (page.length === 0) return;
    yield page.map(({ conversation, ...entry }) => ({ ...entry, conversationRef: conversation?.ref ?? null }));
    if (page.length < pageSize) return;
    after = page[page.length - 1]!.id;
  }
}

/**
 * The audit log of a period as a CSV file, sent to the person who asked in a direct message with
 * Earshot (compliance data stays out of channels); the export is itself audited.
 */
export async function exportAuditLog(
  deps: AuditExportDependencies,
  request: { slackUserId: string; period: ReportPeriod; surface: string },
): Promise<{ rows: number }> {
  const chunks: string[] = [auditCsvHeader()];
  let rows = 0;
  for await (const page of auditEntriesInPeriod(deps.prisma, request.period)) {
    chunks.push(page.map(auditCsvLine).join(''));
    rows += page.length;
  }
  const first = localDate(request.period.from, deps.timeZone);
  const last = localDate(new Date(request.period.to.getTime() - 1), deps.timeZone);
  const opened = await deps.slack.conversations.open({ users: request.slackUserId });
  const channelId = opened.channel?.id;
  if (!channelId) throw new Error('conversations.open returned no channel');
  await deps.slack.filesUploadV2({
    channel_id: channelId,
    file: Buffer.from(chunks.join(''), 'utf8'),
    filename: `earshot-audit-${first}_${last}.csv`,
    title: `Earshot audit log · ${request.period.label}`,
    initial_comment: `Audit log for ${request.period.label}: ${rows} ${rows === 1 ? 'entry' : 'entries'} (times in UTC).`,
  });
  await deps.prisma.auditEntry.create({
    data: {
      actorSlackUserId: request.slackUserId,
      action: 'audit.exported',
      surface: request.surface,
      details: { from: request.period.from.toISOString(), to: request.period.to.toISOString(), rows },
    },
  });
  deps.logger.info({ rows, from: request.period.from, to: request.period.to }, 'audit log exported');
  return { rows };
}

import type { Database } from '../db/database.js';

/** One audit entry as `/social audit` and the export read it. */
export interface AuditLine {
  id: bigint;
  createdAt: Date;
  actorSlackUserId: string | null;
  action: string;
  surface: string | null;
  details: unknown;
}

/** More than one answer can show (see renderAuditHistory); the rest are counted, and exported. */
export const AUDIT_HISTORY_FETCH = 500;

/** A conversation's audit entries: how many there are, and the newest ones (newest first). */
export async function loadConversationAudit(
  prisma: Database['prisma'],
  conversationId: string,
): Promise<{ total: number; newestFirst: AuditLine[]; oldestAt: Date | undefined }> {
  const where = { conversationId };
  const [total, newestFirst, oldest] = await Promise.all([
    prisma.auditEntry.count({ where }),
    prisma.auditEntry.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
      take: AUDIT_HISTORY_FETCH,
      select: { id: true, createdAt: true, actorSlackUserId: true, action: true, surface: true, details: true },
    }),
    prisma.auditEntry.findFirst({ where, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }], select: { createdAt: true } }),
  ]);
  return { total, newestFirst, oldestAt: oldest?.createdAt };
}

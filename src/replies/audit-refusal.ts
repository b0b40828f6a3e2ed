import type { Database } from '../db/database.js';
import type { PrivateDataFinding } from '../domain/private-data-guard.js';

export interface RefusedReply {
  conversationId: string;
  slackUserId: string;
  surface: 'reply_modal' | 'take_private_modal' | 'draft_edit_modal';
  /** What the person was told: it names findings only in masked form. */
  reason: string;
  findings?: readonly PrivateDataFinding[] | undefined;
}

/** Audits a public reply that was refused (private data, length): finding kinds and masked matches, never the text. */
export async function auditRefusedReply(prisma: Database['prisma'], refused: RefusedReply): Promise<void> {
  await prisma.auditEntry.create({
    data: {
      conversationId: refused.conversationId,
      actorSlackUserId: refused.slackUserId,
      action: 'reply.refused',
      surface: refused.surface,
      details: { reason: refused.reason, findings: (refused.findings ?? []).map(({ kind, match }) => ({ kind, match })) },
    },
  });
}

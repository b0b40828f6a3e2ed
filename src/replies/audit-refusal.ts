import type { Database } from '../db/database.js';
import type { ReplyProblem } from '../domain/reply-draft.js';

export interface RefusedReply {
  conversationId: string;
  slackUserId: string;
  surface: 'reply_modal' | 'take_private_modal' | 'draft_edit_modal';
  problems: readonly ReplyProblem[];
}

/** Audits a public reply that was refused (private data, length): problem codes only, never the text or what was found. */
export async function auditRefusedReply(prisma: Database['prisma'], refused: RefusedReply): Promise<void> {
  await prisma.auditEntry.create({
    data: {
      conversationId: refused.conversationId,
      actorSlackUserId: refused.slackUserId,
      action: 'reply.refused',
      surface: refused.surface,
      details: { problems: [...refused.problems] },
    },
  });
}

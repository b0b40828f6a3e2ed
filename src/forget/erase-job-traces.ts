import type { Prisma } from '../generated/prisma/client.js';

/**
 * Removes a forgotten customer's traces from the job queue (pg-boss's `pgboss` schema, in the same
 * database): finished and archived jobs about their conversations, messages or hand-offs are
 * deleted, and jobs still to run keep only ids (a hand-off queued before payloads carried only ids
 * loses its note; errors recorded by earlier attempts are dropped). Returns how many jobs it deleted.
 */
export async function eraseJobTraces(
  tx: Prisma.TransactionClient,
  ids: { conversationIds: string[]; messageIds: string[]; handoffIds: string[] },
): Promise<number> {
  const { conversationIds, messageIds, handoffIds } = ids;
  if (conversationIds.length + messageIds.length + handoffIds.length === 0) return 0;
  const concerns = (table: string) =>
    `${table}.data->>'conversationId' = ANY($1::text[]) OR ${table}.data->>'messageId' = ANY($2::text[]) OR ${table}.data->>'handoffId' = ANY($3::text[])`;
  const finished = await tx.$executeRawUnsafe(
    `DELETE FROM pgboss.job AS j WHERE j.state IN ('completed', 'cancelled', 'failed') AND (${concerns('j')})`,
    conversationIds,
    messageIds,
    handoffIds,
  );
  const archived = await tx.$executeRawUnsafe(`DELETE FROM pgboss.archive AS j WHERE ${concerns('j')}`, conversationIds, messageIds, handoffIds);
  await tx.$executeRawUnsafe(
    `UPDATE pgboss.job AS j SET data = j.data - 'note', output = NULL WHERE ${concerns('j')}`,
    conversationIds,
    messageIds,
    handoffIds,
  );
  return finished + archived;
}

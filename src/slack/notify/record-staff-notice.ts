import type { Database } from '../../db/database.js';

/** Remembers a DM Earshot sent to staff about a conversation, so `/social forget` can replace it later. */
export async function recordStaffNotice(
  prisma: Database['prisma'],
  conversationId: string,
  slackChannelId: string,
  slackTs: string | undefined,
): Promise<void> {
  if (!slackTs) throw new Error('chat.postMessage answered without a ts');
  await prisma.staffNotice.upsert({
    where: { slackChannelId_slackTs: { slackChannelId, slackTs } },
    create: { conversationId, slackChannelId, slackTs },
    update: {},
  });
}

import { networkOf } from '../channels/networks.js';
import type { Database } from '../db/database.js';

/** Who the reply goes to, on which network, and how the replier signs, for the reply modal. */
export async function loadReplyContext(prisma: Database['prisma'], conversationId: string, slackUserId: string) {
  const conversation = await prisma.conversation.findUnique({ where: { id: conversationId }, include: { author: true } });
  if (!conversation) return undefined;
  const setting = await prisma.userSetting.findUnique({ where: { slackUserId } });
  return {
    conversationId: conversation.id,
    network: networkOf(conversation.platform),
    handle: conversation.author.handle,
    signature: setting?.signature ?? undefined,
    visibility: conversation.visibility,
  };
}

/** The conversation whose Slack thread this is, if any. */
export function findConversationByThread(prisma: Database['prisma'], channelId: string, threadTs: string) {
  return prisma.conversation.findUnique({ where: { slackChannelId_slackThreadTs: { slackChannelId: channelId, slackThreadTs: threadTs } } });
}

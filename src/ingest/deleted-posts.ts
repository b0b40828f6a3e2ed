import type { SocialChannel } from '../channels/social-channel.js';
import type { Database } from '../db/database.js';
import type { WatchedAccount } from './ingest-posts.js';

/** How many of the account's most recent unresolved conversations have their first post checked each poll. */
const CHECKED_CONVERSATIONS = 50;

/**
 * Notes when customers deleted the first post of one of the account's recent unresolved
 * conversations (the post the Slack parent shows). The stored text stays; resolves with the
 * conversations whose thread must now say so.
 */
export async function markDeletedCustomerPosts(prisma: Database['prisma'], channel: SocialChannel, account: WatchedAccount, now: Date): Promise<string[]> {
  if (!channel.findDeletedPosts) return [];
  const conversations = await prisma.conversation.findMany({
    where: { accountId: account.id, status: { not: 'resolved' }, author: { forgottenAt: null } },
    orderBy: { createdAt: 'desc' },
    take: CHECKED_CONVERSATIONS,
    select: {
      id: true,
      messages: {
        where: { direction: 'inbound' },
        orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
        take: 1,
        select: { id: true, externalId: true, visibility: true, deletedOnNetworkAt: true },
      },
    },
  });
  const roots = conversations.flatMap(({ id: conversationId, messages: [root] }) =>
    root?.visibility === 'public' && root.externalId !== null && root.deletedOnNetworkAt === null
      ? [{ conversationId, messageId: root.id, postId: root.externalId }]
      : [],
  );
  if (roots.length === 0) return [];
  const deleted = new Set(await channel.findDeletedPosts(roots.map((root) => root.postId)));
  const gone = roots.filter((root) => deleted.has(root.postId));
  if (gone.length === 0) return [];
  await prisma.$transaction([
    prisma.message.updateMany({ where: { id: { in: gone.map((root) => root.messageId) }, deletedOnNetworkAt: null }, data: { deletedOnNetworkAt: now } }),
    prisma.auditEntry.createMany({
      data: gone.map((root) => ({ conversationId: root.conversationId, action: 'post.deleted_by_customer', details: { messageId: root.messageId } })),
    }),
  ]);
  return gone.map((root) => root.conversationId);
}

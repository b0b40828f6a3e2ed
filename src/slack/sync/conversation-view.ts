import type { Prisma } from '../../generated/prisma/client.js';
import type { ParentMessageConversation } from '../blocks/parent-message.js';
import type { PostUrlEntity } from '../blocks/format-post-text.js';

/** A conversation with what its Slack thread shows. */
export const conversationForSlack = {
  author: true,
  account: true,
  messages: { orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
} satisfies Prisma.ConversationInclude;

export type ConversationForSlack = Prisma.ConversationGetPayload<{ include: typeof conversationForSlack }>;
export type StoredMessage = ConversationForSlack['messages'][number];

interface StoredPostExtras {
  urls?: PostUrlEntity[];
  media?: Array<{ url?: string; type?: string }>;
}

export function postExtras(message: StoredMessage): { urls: PostUrlEntity[]; media: Array<{ url: string; type: string }> } {
  const extras = (message.payload ?? {}) as StoredPostExtras;
  return {
    urls: extras.urls ?? [],
    media: (extras.media ?? []).filter((item): item is { url: string; type?: string } => Boolean(item.url)).map((item) => ({ url: item.url, type: item.type ?? 'photo' })),
  };
}

export function permalinkOf(handle: string, postId: string): string {
  return `https://x.com/${handle}/status/${postId}`;
}

/** The first customer post: the one the parent message shows. */
export function rootMessageOf(conversation: ConversationForSlack): StoredMessage | undefined {
  return conversation.messages.find((message) => message.direction === 'inbound');
}

/** What the parent message renders, from the stored conversation. */
export function toParentMessageConversation(conversation: ConversationForSlack, root: StoredMessage): ParentMessageConversation {
  const lastReply = conversation.messages.findLast((message) => message.direction === 'outbound' && message.deliveryState === 'sent' && message.slackUserId);
  const { urls, media } = postExtras(root);
  return {
    id: conversation.id,
    ref: conversation.ref,
    status: conversation.status,
    visibility: conversation.visibility,
    ...(conversation.assigneeSlackUserId ? { assigneeSlackUserId: conversation.assigneeSlackUserId } : {}),
    author: {
      name: conversation.author.name ?? conversation.author.handle,
      handle: conversation.author.handle,
      profileUrl: `https://x.com/${conversation.author.handle}`,
      ...(conversation.author.profileImage ? { profileImageUrl: conversation.author.profileImage } : {}),
      ...(conversation.author.followerCount !== null ? { followerCount: conversation.author.followerCount } : {}),
      firstSeenAt: conversation.author.firstSeenAt,
    },
    post: {
      id: root.externalId ?? root.id,
      url: permalinkOf(conversation.author.handle, root.externalId ?? ''),
      text: root.text,
      createdAt: root.createdAt,
      media,
      urls,
    },
    ...(lastReply?.slackUserId ? { lastReply: { slackUserId: lastReply.slackUserId, at: lastReply.postedAt ?? lastReply.updatedAt } } : {}),
  };
}

import { networkOf } from '../../channels/networks.js';
import { activeReplier } from '../../conversations/collision-notice.js';
import type { Database } from '../../db/database.js';
import type { Prisma } from '../../generated/prisma/client.js';
import { HISTORY_LINKS_MAX, type ParentMessageConversation } from '../blocks/parent-message.js';
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
    media: (extras.media ?? [])
      .filter((item): item is { url: string; type?: string } => Boolean(item.url))
      .map((item) => ({ url: item.url, type: item.type ?? 'photo' })),
  };
}

/** The first customer post: the one the parent message shows. */
export function rootMessageOf(conversation: ConversationForSlack): StoredMessage | undefined {
  return conversation.messages.find((message) => message.direction === 'inbound');
}

/** A link to a Slack message that works without a Web API call (Slack redirects it to the workspace). */
export function slackArchiveUrl(channelId: string, ts: string): string {
  return `https://slack.com/archives/${channelId}/p${ts.replace('.', '')}`;
}

export type AuthorHistory = NonNullable<ParentMessageConversation['history']>;

/** The customer's conversations before this one (by reference, i.e. in the order Earshot saw them), most recent first. */
export async function loadAuthorHistory(prisma: Database['prisma'], conversation: { authorId: string; ref: number }): Promise<AuthorHistory> {
  const where = { authorId: conversation.authorId, ref: { lt: conversation.ref } };
  const [total, recent] = await Promise.all([
    prisma.conversation.count({ where }),
    prisma.conversation.findMany({
      where,
      orderBy: { ref: 'desc' },
      take: HISTORY_LINKS_MAX,
      select: { ref: true, slackChannelId: true, slackThreadTs: true },
    }),
  ]);
  return {
    total,
    recent: recent.map((earlier) => ({
      ref: earlier.ref,
      ...(earlier.slackChannelId && earlier.slackThreadTs ? { threadUrl: slackArchiveUrl(earlier.slackChannelId, earlier.slackThreadTs) } : {}),
    })),
  };
}

export interface ParentMessageExtras {
  /** From `loadAuthorHistory`; without it no history is shown. */
  history?: AuthorHistory;
  /** Reply markers that ran out by then are not shown. */
  now?: Date;
}

/** What the parent message renders, from the stored conversation. */
export function toParentMessageConversation(
  conversation: ConversationForSlack,
  root: StoredMessage,
  extras: ParentMessageExtras = {},
): ParentMessageConversation {
  const network = networkOf(conversation.platform);
  const replying = activeReplier(conversation, extras.now ?? new Date());
  // The brand's own replies posted on the network outside Earshot count too: they are what the customer read last.
  const lastReply = conversation.messages.findLast((message) => message.direction === 'outbound' && message.deliveryState === 'sent' && !message.automated);
  const sending = conversation.messages.findLast(
    (message) =>
      message.direction === 'outbound' &&
      !message.automated &&
      message.slackUserId !== null &&
      (message.deliveryState === 'pending' || message.deliveryState === 'sending'),
  );
  const { urls, media } = postExtras(root);
  return {
    id: conversation.id,
    ref: conversation.ref,
    network,
    status: conversation.status,
    visibility: conversation.visibility,
    ...(conversation.assigneeSlackUserId ? { assigneeSlackUserId: conversation.assigneeSlackUserId } : {}),
    ...(conversation.assigneeSlackTeamId ? { assigneeSlackTeamId: conversation.assigneeSlackTeamId } : {}),
    author: {
      name: conversation.author.name ?? conversation.author.handle,
      handle: conversation.author.handle,
      profileUrl: network.profileUrl(conversation.author.handle),
      ...(conversation.author.profileImage ? { profileImageUrl: conversation.author.profileImage } : {}),
      ...(conversation.author.followerCount !== null ? { followerCount: conversation.author.followerCount } : {}),
      firstSeenAt: conversation.author.firstSeenAt,
      ...(conversation.author.spamMarkedAt ? { markedSpam: true } : {}),
    },
    post: {
      id: root.externalId ?? root.id,
      url:
        root.visibility === 'private'
          ? (network.directMessages?.conversationUrl(conversation.dmConversationId ?? undefined) ?? network.profileUrl(conversation.author.handle))
          : network.postUrl({ id: root.externalId ?? '', authorHandle: conversation.author.handle }),
      text: root.text,
      createdAt: root.createdAt,
      media,
      urls,
      ...(root.deletedOnNetworkAt ? { deletedAt: root.deletedOnNetworkAt } : {}),
    },
    ...(lastReply
      ? {
          lastReply: {
            ...(lastReply.slackUserId ? { slackUserId: lastReply.slackUserId } : { brandHandle: conversation.account.handle }),
            at: lastReply.postedAt ?? lastReply.createdAt,
          },
        }
      : {}),
    ...(replying ? { replyingSlackUserId: replying } : {}),
    ...(sending?.slackUserId ? { sendingSlackUserId: sending.slackUserId } : {}),
    ...(extras.history ? { history: extras.history } : {}),
  };
}

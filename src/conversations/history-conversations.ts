import type { Network } from '../channels/network.js';
import { networkOf } from '../channels/networks.js';
import type { Database } from '../db/database.js';
import type { ConversationStatus } from '../domain/conversation-status.js';
import { escapeLike } from './search-conversations.js';

type Prisma_ = Database['prisma'];

/** How many conversations a history shows (the most recent); older ones are counted. */
export const HISTORY_CONVERSATIONS_MAX = 8;
/** How many messages each conversation shows (the most recent); earlier ones are counted. */
export const HISTORY_MESSAGES_MAX = 6;

/** One message the customer read or wrote: theirs, or the team's answer as it reached them. */
export interface TimelineMessage {
  from: 'customer' | 'team';
  text: string;
  at: Date;
  /** Who on the team wrote it; absent for the brand's posts made outside Earshot and automatic replies. */
  slackUserId?: string;
  /** Earshot's out-of-hours acknowledgement, not a person's answer. */
  automated?: boolean;
}

export interface TimelineConversation {
  id: string;
  ref: number;
  network: Network;
  /** The brand's handle on that network, for answers posted outside Earshot. */
  brandHandle: string;
  status: ConversationStatus;
  visibility: 'public' | 'private';
  createdAt: Date;
  resolvedAt: Date | null;
  slackChannelId: string | null;
  slackThreadTs: string | null;
  /** Who answered, in the order they first did: Slack users, and `brand` when the brand posted on the network outside Earshot. */
  answeredBy: Array<{ slackUserId: string } | { brand: true }>;
  /** The last HISTORY_MESSAGES_MAX messages, oldest first. */
  messages: TimelineMessage[];
  /** Messages before those. */
  earlierMessages: number;
}

export interface CustomerTimeline {
  /** As stored (the case the customer uses), or undefined when Earshot never heard from them. */
  handle?: string;
  markedSpam: boolean;
  /** The most recent HISTORY_CONVERSATIONS_MAX conversations, oldest first. */
  conversations: TimelineConversation[];
  /** Conversations before those. */
  olderConversations: number;
}

/**
 * Everything between the team and one customer (by @handle, any case), across conversations,
 * public and private: oldest to newest, each with the customer's messages and the answers they
 * received. Internal notes, drafts and replies that never reached the network are left out.
 */
export async function customerTimeline(
  prisma: Prisma_,
  handle: string,
  limits = { conversations: HISTORY_CONVERSATIONS_MAX, messages: HISTORY_MESSAGES_MAX },
): Promise<CustomerTimeline> {
  const where = { author: { is: { handle: { equals: escapeLike(handle.replace(/^@/, '')), mode: 'insensitive' as const } } } };
  const [total, newestFirst] = await Promise.all([
    prisma.conversation.count({ where }),
    prisma.conversation.findMany({
      where,
      orderBy: [{ createdAt: 'desc' }, { ref: 'desc' }],
      take: limits.conversations,
      include: {
        author: { select: { handle: true, spamMarkedAt: true } },
        account: { select: { handle: true } },
        messages: {
          where: { OR: [{ direction: 'inbound' }, { direction: 'outbound', deliveryState: 'sent' }] },
          orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
          select: { direction: true, text: true, createdAt: true, postedAt: true, slackUserId: true, automated: true },
        },
      },
    }),
  ]);
  const conversations = [...newestFirst].reverse().map((row): TimelineConversation => {
    const messages = row.messages.map((message): TimelineMessage => ({
      from: message.direction === 'inbound' ? 'customer' : 'team',
      text: message.text,
      at: message.postedAt ?? message.createdAt,
      ...(message.slackUserId ? { slackUserId: message.slackUserId } : {}),
      ...(message.automated ? { automated: true } : {}),
    }));
    const shown = messages.slice(-limits.messages);
    return {
      id: row.id,
      ref: row.ref,
      network: networkOf(row.platform),
      brandHandle: row.account.handle,
      status: row.status,
      visibility: row.visibility,
      createdAt: row.createdAt,
      resolvedAt: row.resolvedAt,
      slackChannelId: row.slackChannelId,
      slackThreadTs: row.slackThreadTs,
      answeredBy: answerersOf(messages),
      messages: shown,
      earlierMessages: messages.length - shown.length,
    };
  });
  const newest = newestFirst[0];
  return {
    ...(newest ? { handle: newest.author.handle } : {}),
    markedSpam: newestFirst.some((row) => row.author.spamMarkedAt !== null),
    conversations,
    olderConversations: total - conversations.length,
  };
}

function answerersOf(messages: readonly TimelineMessage[]): TimelineConversation['answeredBy'] {
  const answerers: TimelineConversation['answeredBy'] = [];
  for (const message of messages) {
    if (message.from !== 'team' || message.automated) continue;
    if (message.slackUserId) {
      const slackUserId = message.slackUserId;
      if (!answerers.some((answerer) => 'slackUserId' in answerer && answerer.slackUserId === slackUserId)) answerers.push({ slackUserId });
    } else if (!answerers.some((answerer) => 'brand' in answerer)) answerers.push({ brand: true });
  }
  return answerers;
}

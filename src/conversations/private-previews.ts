import type { Database } from '../db/database.js';
import type { ChannelMembership } from '../roles/channel-membership.js';

/** What decides who may read a conversation's text. */
export interface ConversationAudience {
  visibility: 'public' | 'private';
  slackChannelId: string | null;
}

/**
 * The channel whose members may read a private conversation: the one its thread is in, or
 * SLACK_CHANNEL when it has no thread yet. Anyone in that channel can read the thread anyway.
 */
export function readersChannelOf(conversation: ConversationAudience, defaultChannelId: string): string {
  return conversation.slackChannelId ?? defaultChannelId;
}

/** For one conversation: the channel to join to read it when its text must stay hidden from this person, else undefined. */
export type HiddenPreview = (conversation: ConversationAudience) => string | undefined;

/**
 * Which of these conversations' text one person may read. Public conversations are open to the
 * whole workspace; a private one (customer DMs) only to members of its readers' channel. Each
 * channel is asked about once.
 */
export async function hiddenPreviewsFor(
  deps: { membership: ChannelMembership; defaultChannelId: string },
  slackUserId: string,
  conversations: readonly ConversationAudience[],
): Promise<HiddenPreview> {
  const channels = [...new Set(conversations.filter((c) => c.visibility === 'private').map((c) => readersChannelOf(c, deps.defaultChannelId)))];
  const memberships = await Promise.all(channels.map(async (channel) => [channel, await deps.membership.isMember(channel, slackUserId)] as const));
  const readable = new Set(memberships.filter(([, member]) => member).map(([channel]) => channel));
  return (conversation) => {
    if (conversation.visibility === 'public') return undefined;
    const channel = readersChannelOf(conversation, deps.defaultChannelId);
    return readable.has(channel) ? undefined : channel;
  };
}

/** The channels private conversations live in (null: some have no thread yet). */
export async function privateConversationChannels(prisma: Database['prisma']): Promise<Array<string | null>> {
  const rows = await prisma.conversation.findMany({ where: { visibility: 'private' }, distinct: ['slackChannelId'], select: { slackChannelId: true } });
  return rows.map((row) => row.slackChannelId);
}

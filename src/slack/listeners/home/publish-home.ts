import type { webApi } from '@slack/bolt';
import { myQueue, recentlyResolved, teamsWithUnclaimedConversations, unassignedQueue } from '../../../conversations/home-queue.js';
import { hiddenPreviewsFor, type HiddenPreview } from '../../../conversations/private-previews.js';
import type { ConversationSummary } from '../../../conversations/queue-conversations.js';
import type { Logger } from '../../../log/create-logger.js';
import { HOME_RESOLVED_MAX, HOME_SECTION_MAX, renderAppHome, type HomeItem, type HomeSection } from '../../blocks/app-home.js';
import { slackArchiveUrl } from '../../sync/conversation-view.js';
import type { ListenerServices } from '../services.js';

export interface HomePublisher {
  /** Renders the user's App Home from the database and publishes it (views.publish). */
  publish(client: webApi.WebClient, slackUserId: string, logger: Logger, options?: { notice?: string }): Promise<void>;
}

const PERMALINKS_KEPT = 2_000;

/** Permalinks never change, so they are remembered for the life of the process (bounded). */
export function createHomePublisher(services: Pick<ListenerServices, 'prisma' | 'channelMembership' | 'defaultChannelId'>): HomePublisher {
  const { prisma } = services;
  const permalinks = new Map<string, string>();

  async function threadUrl(client: webApi.WebClient, logger: Logger, channel: string, ts: string): Promise<string> {
    const key = `${channel}/${ts}`;
    const known = permalinks.get(key);
    if (known) return known;
    try {
      const { permalink } = await client.chat.getPermalink({ channel, message_ts: ts });
      if (!permalink) return slackArchiveUrl(channel, ts);
      if (permalinks.size >= PERMALINKS_KEPT) permalinks.delete(permalinks.keys().next().value as string);
      permalinks.set(key, permalink);
      return permalink;
    } catch (error) {
      logger.warn({ err: error, channel, ts }, 'chat.getPermalink failed; linking the archive URL instead');
      return slackArchiveUrl(channel, ts);
    }
  }

  /** The teams (user groups with unclaimed conversations) the user belongs to; membership looked up once per request. */
  async function teamsOf(client: webApi.WebClient, logger: Logger, slackUserId: string): Promise<string[]> {
    const teams = await teamsWithUnclaimedConversations(prisma);
    const members = await Promise.all(
      teams.map(async (usergroup) => {
        try {
          const { users = [] } = await client.usergroups.users.list({ usergroup });
          return users.includes(slackUserId) ? usergroup : undefined;
        } catch (error) {
          logger.warn({ err: error, usergroup }, 'could not list the members of a user group');
          return undefined;
        }
      }),
    );
    return members.filter((team): team is string => team !== undefined);
  }

  async function toSection(
    client: webApi.WebClient,
    logger: Logger,
    page: { items: ConversationSummary[]; total: number },
    hidden: HiddenPreview,
  ): Promise<HomeSection> {
    const items = await Promise.all(
      page.items.map(async (conversation): Promise<HomeItem> => ({
        conversationId: conversation.id,
        ref: conversation.ref,
        customerHandle: conversation.handle,
        ...withPreview(conversation, hidden),
        status: conversation.status,
        visibility: conversation.visibility,
        createdAt: conversation.createdAt,
        waitingSince: conversation.waitingSince,
        ...(conversation.resolvedAt ? { resolvedAt: conversation.resolvedAt } : {}),
        ...(conversation.assigneeSlackUserId ? { assigneeSlackUserId: conversation.assigneeSlackUserId } : {}),
        ...(conversation.assigneeSlackTeamId ? { assigneeSlackTeamId: conversation.assigneeSlackTeamId } : {}),
        ...(conversation.slackChannelId && conversation.slackThreadTs
          ? { threadUrl: await threadUrl(client, logger, conversation.slackChannelId, conversation.slackThreadTs) }
          : {}),
      })),
    );
    return { items, total: page.total };
  }

  return {
    async publish(client, slackUserId, logger, options = {}) {
      const now = new Date();
      const teamIds = await teamsOf(client, logger, slackUserId);
      const [mine, unassigned, resolved] = await Promise.all([
        myQueue(prisma, slackUserId, teamIds, HOME_SECTION_MAX),
        unassignedQueue(prisma, HOME_SECTION_MAX),
        recentlyResolved(prisma, HOME_RESOLVED_MAX),
      ]);
      const hidden = await hiddenPreviewsFor({ membership: services.channelMembership, defaultChannelId: services.defaultChannelId }, slackUserId, [
        ...mine.items,
        ...unassigned.items,
        ...resolved.items,
      ]);
      const view = renderAppHome({
        userId: slackUserId,
        now,
        mine: await toSection(client, logger, mine, hidden),
        unassigned: await toSection(client, logger, unassigned, hidden),
        resolved: await toSection(client, logger, resolved, hidden),
        ...(options.notice ? { notice: options.notice } : {}),
      });
      await client.views.publish({ user_id: slackUserId, view });
    },
  };
}

/** The customer's first post, or for a private conversation the reader may not read, the channel to join instead. */
function withPreview(conversation: ConversationSummary, hidden: HiddenPreview): Pick<HomeItem, 'text' | 'previewHiddenUntilJoining'> {
  const hiddenIn = hidden(conversation);
  return hiddenIn ? { text: '', previewHiddenUntilJoining: hiddenIn } : { text: conversation.text };
}

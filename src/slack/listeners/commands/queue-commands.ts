import { customerTimeline } from '../../../conversations/history-conversations.js';
import { queueConversations, type QueueScope } from '../../../conversations/queue-conversations.js';
import { privateConversationChannels } from '../../../conversations/private-previews.js';
import { searchConversations, type SearchQuery, type UnreadablePrivateText } from '../../../conversations/search-conversations.js';
import { formatConversationRef } from '../../../domain/conversation-ref.js';
import { renderConversationList } from '../../blocks/command-conversation-list.js';
import { renderCommandNotice } from '../../blocks/command-usage.js';
import { renderCustomerTimeline } from '../../blocks/customer-timeline.js';
import { escapeMrkdwn } from '../../blocks/escape-mrkdwn.js';
import type { SlackMessage } from '../../blocks/slack-message.js';
import { hiddenPreviewsOf, teamsOf, threadLink, toListItems, type CommandContext } from './command-context.js';
import type { QueueFilter, SocialCommand } from './parse-social-command.js';
import { storedPostRef } from './stored-post-ref.js';

const QUEUE_TITLES: Record<QueueFilter, string> = {
  all: '*Open conversations*',
  mine: '*Open conversations assigned to you*',
  team: '*Open conversations handed to your teams*',
  unassigned: '*Open conversations nobody has*',
};

/** `/social queue [mine|team|unassigned]`: open conversations, oldest first. */
export async function showQueue(command: Extract<SocialCommand, { name: 'queue' }>, ctx: CommandContext): Promise<SlackMessage> {
  let scope: QueueScope;
  if (command.filter === 'team') {
    const teamIds = await teamsOf(ctx);
    if (teamIds.length === 0) return renderCommandNotice('You are not in any team (Slack user group), so no conversations are handed to your teams.');
    scope = { kind: 'team', teamIds };
  } else scope = command.filter === 'mine' ? { kind: 'mine', slackUserId: ctx.slackUserId } : { kind: command.filter };
  const page = await queueConversations(ctx.services.prisma, scope);
  return renderConversationList({
    title: QUEUE_TITLES[command.filter],
    items: await toListItems(ctx, page.items),
    total: page.total,
    emptyText: 'Nothing waiting. 🎉',
    show: 'waiting',
    footer: 'oldest first',
    now: new Date(),
  });
}

/** `/social search <words|@handle|ref>`: newest first. */
export async function showSearch(command: Extract<SocialCommand, { name: 'search' }>, ctx: CommandContext): Promise<SlackMessage> {
  const query = command.query.kind === 'ref' ? { ...command.query, ref: await storedPostRef(command.query.ref, ctx) } : command.query;
  const page = await searchConversations(ctx.services.prisma, query, query.kind === 'text' ? await unreadablePrivateText(ctx) : undefined);
  const what = describeSearch(command.query);
  return renderConversationList({
    title: `*Conversations ${what}*`,
    items: await toListItems(ctx, page.items),
    total: page.total,
    emptyText:
      command.query.kind === 'ref' && command.query.ref.kind === 'ref'
        ? `No conversation is numbered ${formatConversationRef(command.query.ref.number)}.`
        : 'No conversation matches.',
    show: 'dated',
    footer: 'newest first',
    now: new Date(),
  });
}

/** Where the person who typed the command may not read private conversations (see private-previews.ts). */
async function unreadablePrivateText(ctx: CommandContext): Promise<UnreadablePrivateText> {
  const channels = await privateConversationChannels(ctx.services.prisma);
  const hidden = await hiddenPreviewsOf(
    ctx,
    channels.map((slackChannelId) => ({ visibility: 'private', slackChannelId })),
  );
  return {
    channelIds: channels.filter((channel): channel is string => channel !== null && hidden({ visibility: 'private', slackChannelId: channel }) !== undefined),
    unrouted: hidden({ visibility: 'private', slackChannelId: null }) !== undefined,
  };
}

function describeSearch(query: SearchQuery): string {
  switch (query.kind) {
    case 'handle':
      return `from @${escapeMrkdwn(query.handle)}`;
    case 'text':
      return `mentioning “${escapeMrkdwn(query.text)}”`;
    case 'ref':
      return query.ref.kind === 'ref' ? `numbered ${formatConversationRef(query.ref.number)}` : 'with that post';
  }
}

/** `/social history @handle`: the customer's conversations, oldest to newest, with their messages. */
export async function showHistory(command: Extract<SocialCommand, { name: 'history' }>, ctx: CommandContext): Promise<SlackMessage> {
  const timeline = await customerTimeline(ctx.services.prisma, command.handle);
  const hidden = await hiddenPreviewsOf(ctx, timeline.conversations);
  const conversations = await Promise.all(
    timeline.conversations.map(async (conversation) => {
      const hiddenIn = hidden(conversation);
      return {
        ...conversation,
        ...(hiddenIn ? { messages: [], previewHiddenUntilJoining: hiddenIn } : {}),
        threadUrl:
          conversation.slackChannelId && conversation.slackThreadTs
            ? await threadLink(ctx, conversation.slackChannelId, conversation.slackThreadTs)
            : undefined,
      };
    }),
  );
  return renderCustomerTimeline({
    handle: timeline.handle ?? command.handle,
    markedSpam: timeline.markedSpam,
    conversations,
    olderConversations: timeline.olderConversations,
  });
}

import { customerHistory } from '../../../conversations/history-conversations.js';
import { queueConversations, type QueueScope } from '../../../conversations/queue-conversations.js';
import { searchConversations, type SearchQuery } from '../../../conversations/search-conversations.js';
import { formatConversationRef } from '../../../domain/conversation-ref.js';
import { renderConversationList } from '../../blocks/command-conversation-list.js';
import { renderCommandNotice } from '../../blocks/command-usage.js';
import { escapeMrkdwn } from '../../blocks/escape-mrkdwn.js';
import type { SlackMessage } from '../../blocks/slack-message.js';
import { teamsOf, withThreadLinks, type CommandContext } from './command-context.js';
import type { QueueFilter, SocialCommand } from './parse-social-command.js';

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
    items: await withThreadLinks(ctx, page.items),
    total: page.total,
    emptyText: 'Nothing waiting. 🎉',
    show: 'waiting',
    footer: 'oldest first',
    now: new Date(),
  });
}

/** `/social search <words|@handle|ref>`: newest first. */
export async function showSearch(command: Extract<SocialCommand, { name: 'search' }>, ctx: CommandContext): Promise<SlackMessage> {
  const page = await searchConversations(ctx.services.prisma, command.query);
  const what = describeSearch(command.query);
  return renderConversationList({
    title: `*Conversations ${what}*`,
    items: await withThreadLinks(ctx, page.items),
    total: page.total,
    emptyText: 'No conversation matches.',
    show: 'dated',
    footer: 'newest first',
    now: new Date(),
  });
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

/** `/social history @handle`: this customer's conversations, newest first. */
export async function showHistory(command: Extract<SocialCommand, { name: 'history' }>, ctx: CommandContext): Promise<SlackMessage> {
  const page = await customerHistory(ctx.services.prisma, command.handle);
  const spam = page.items.some((item) => item.authorMarkedSpam) ? ' · 🚫 marked as spam' : '';
  return renderConversationList({
    title: `*History of @${escapeMrkdwn(command.handle)}*${spam}`,
    items: await withThreadLinks(ctx, page.items),
    total: page.total,
    emptyText: `No conversations with @${escapeMrkdwn(command.handle)} yet.`,
    show: 'dated',
    footer: 'newest first',
    now: new Date(),
  });
}

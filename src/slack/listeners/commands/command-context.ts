import type { webApi } from '@slack/bolt';
import { hiddenPreviewsFor, type ConversationAudience, type HiddenPreview } from '../../../conversations/private-previews.js';
import type { ConversationSummary } from '../../../conversations/queue-conversations.js';
import type { Logger } from '../../../log/create-logger.js';
import { defaultReportSettings } from '../../../reports/report-service.js';
import { logNoManagersConfigured, managerAccess, managersOnlyText } from '../../../roles/manager-access.js';
import { renderCommandNotice } from '../../blocks/command-usage.js';
import type { SlackMessage } from '../../blocks/slack-message.js';
import type { ConversationListItem } from '../../blocks/command-conversation-list.js';
import type { ListenerServices } from '../services.js';
import type { TeamTarget } from './parse-social-command.js';

/** What a `/social` subcommand works with: the services, Slack's client, and who typed it. */
export interface CommandContext {
  services: ListenerServices;
  client: webApi.WebClient;
  slackUserId: string;
  logger: Logger;
  /** The command's trigger_id, for the subcommands that open a modal. */
  triggerId?: string;
}

/**
 * The refusal to show when the person is not a manager, or undefined when they are. Fails
 * closed: with no managers configured, nobody passes.
 */
export async function refuseUnlessManager(ctx: CommandContext, what: string): Promise<SlackMessage | undefined> {
  const managers = (ctx.services.reports ?? defaultReportSettings).managers;
  const access = await managerAccess({ slack: ctx.client, logger: ctx.logger, managers }, ctx.slackUserId);
  if (access === 'manager') return undefined;
  if (access === 'none_configured') logNoManagersConfigured(ctx.logger, what);
  return renderCommandNotice(managersOnlyText(access, what));
}

/** The user group a command names: by id as is, by handle looked up (when Slack did not escape it). */
export async function resolveTeam(ctx: CommandContext, team: TeamTarget): Promise<string | undefined> {
  if ('id' in team) return team.id;
  const { usergroups = [] } = await ctx.client.usergroups.list({});
  return usergroups.find((group) => group.handle?.toLowerCase() === team.handle.toLowerCase())?.id;
}

/** The user groups the person who typed the command belongs to. */
export async function teamsOf(ctx: CommandContext): Promise<string[]> {
  const { usergroups = [] } = await ctx.client.usergroups.list({ include_users: true });
  return usergroups.flatMap((group) => (group.id && group.users?.includes(ctx.slackUserId) ? [group.id] : []));
}

/**
 * Summaries as the person who typed the command may see them: with a link to each thread (Slack's
 * permalink; a plain archive link if that fails), and a private conversation's text only when they
 * are in its channel.
 */
export async function toListItems(ctx: CommandContext, items: readonly ConversationSummary[]): Promise<ConversationListItem[]> {
  const hidden = await hiddenPreviewsOf(ctx, items);
  return Promise.all(
    items.map(async (item) => {
      const hiddenIn = hidden(item);
      return {
        ...item,
        ...(hiddenIn ? { text: '', previewHiddenUntilJoining: hiddenIn } : {}),
        threadUrl: item.slackChannelId && item.slackThreadTs ? await threadLink(ctx, item.slackChannelId, item.slackThreadTs) : undefined,
      };
    }),
  );
}

/** Which of these conversations' text the person who typed the command may not read (see private-previews.ts). */
export function hiddenPreviewsOf(ctx: CommandContext, conversations: readonly ConversationAudience[]): Promise<HiddenPreview> {
  return hiddenPreviewsFor({ membership: ctx.services.channelMembership, defaultChannelId: ctx.services.defaultChannelId }, ctx.slackUserId, conversations);
}

/** Slack's permalink to a thread; a plain archive link if that fails. */
export async function threadLink(ctx: CommandContext, channel: string, ts: string): Promise<string> {
  try {
    const { permalink } = await ctx.client.chat.getPermalink({ channel, message_ts: ts });
    if (permalink) return permalink;
  } catch (error) {
    ctx.logger.warn({ err: error, channel, ts }, 'no permalink for a thread; linking to the archive instead');
  }
  return `https://slack.com/archives/${channel}/p${ts.replace('.', '')}`;
}

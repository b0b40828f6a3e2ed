import { addRoutingRule, loadRoutingRules, MAX_ROUTING_RULES, removeRoutingRule } from '../../../routing/routing-rules.js';
import { describeRoute, renderRouteList } from '../../blocks/command-routes.js';
import { renderCommandNotice } from '../../blocks/command-usage.js';
import { escapeMrkdwn } from '../../blocks/escape-mrkdwn.js';
import type { SlackMessage } from '../../blocks/slack-message.js';
import { refuseUnlessManager, resolveTeam, type CommandContext } from './command-context.js';
import type { SocialCommand } from './parse-social-command.js';

const surface = 'slash_command';

/** `/social route add <pattern> #channel @team`: the bot joins the channel (it must be in it to post there). */
export async function addRoute(command: Extract<SocialCommand, { name: 'route-add' }>, ctx: CommandContext): Promise<SlackMessage> {
  const refusal = await refuseUnlessManager(ctx, 'Changing the routing rules');
  if (refusal) return refusal;
  const slackUsergroupId = command.team ? await resolveTeam(ctx, command.team) : undefined;
  if (command.team && !slackUsergroupId) {
    return renderCommandNotice(
      `:warning: There is no team @${escapeMrkdwn('handle' in command.team ? command.team.handle : command.team.id)}: pick it from Slack’s suggestions.`,
    );
  }
  if (command.slackChannelId) {
    const problem = await ensureBotInChannel(ctx, command.slackChannelId);
    if (problem) return renderCommandNotice(`:warning: ${problem}`);
  }
  const added = await addRoutingRule(ctx.services.prisma, {
    pattern: command.pattern,
    slackChannelId: command.slackChannelId,
    slackUsergroupId,
    createdBySlackUserId: ctx.slackUserId,
    surface,
  });
  if (!added.ok)
    return renderCommandNotice(
      `:warning: There are already ${MAX_ROUTING_RULES} routing rules, the most there can be: remove one first (\`/social route list\`).`,
    );
  return renderCommandNotice(`Rule ${added.number} added: ${describeRoute(added.rule)}. It applies to new conversations; earlier rules win.`);
}

/** `/social route list`. */
export async function listRoutes(ctx: CommandContext): Promise<SlackMessage> {
  return renderRouteList(await loadRoutingRules(ctx.services.prisma), ctx.services.defaultChannelId);
}

/** `/social route remove <n>`. */
export async function removeRoute(command: Extract<SocialCommand, { name: 'route-remove' }>, ctx: CommandContext): Promise<SlackMessage> {
  const refusal = await refuseUnlessManager(ctx, 'Changing the routing rules');
  if (refusal) return refusal;
  const removed = await removeRoutingRule(ctx.services.prisma, { number: command.number, actorSlackUserId: ctx.slackUserId, surface });
  if (!removed) return renderCommandNotice(`:warning: There is no rule ${command.number}: \`/social route list\` shows the numbers.`);
  return renderCommandNotice(`Rule ${command.number} removed: ${describeRoute(removed)}.`);
}

/** Earshot can only post where its bot user is a member: it joins public channels; private ones need an invitation. */
async function ensureBotInChannel(ctx: CommandContext, channelId: string): Promise<string | undefined> {
  let channel;
  try {
    ({ channel } = await ctx.client.conversations.info({ channel: channelId }));
  } catch (error) {
    ctx.logger.info({ err: error, channelId }, 'routing rule names a channel Earshot cannot see');
    return `I can’t see <#${channelId}>: if it is private, invite me there first (\`/invite @Earshot\`).`;
  }
  if (channel?.is_member) return undefined;
  if (channel?.is_private || channel?.is_archived) return `I’m not in <#${channelId}>: invite me there first (\`/invite @Earshot\`).`;
  try {
    await ctx.client.conversations.join({ channel: channelId });
    return undefined;
  } catch (error) {
    ctx.logger.warn({ err: error, channelId }, 'could not join the channel of a routing rule');
    return `I couldn’t join <#${channelId}>: invite me there first (\`/invite @Earshot\`).`;
  }
}

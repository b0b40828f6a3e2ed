import type { App } from '@slack/bolt';
import { readSignature, setSignature } from '../../../conversations/set-signature.js';
import { renderCommandError, renderCommandHelp, renderCommandNotice } from '../../blocks/command-usage.js';
import { escapeMrkdwn } from '../../blocks/escape-mrkdwn.js';
import type { SlackMessage } from '../../blocks/slack-message.js';
import { requestLogger } from '../request-logger.js';
import type { ListenerServices } from '../services.js';
import { assignByCommand, changeByCommand } from './assignment-commands.js';
import { exportAudit, openForget, showAudit } from './audit-commands.js';
import type { CommandContext } from './command-context.js';
import { parseSocialCommand, type SocialCommand } from './parse-social-command.js';
import { showHistory, showQueue, showSearch } from './queue-commands.js';
import { addRoute, listRoutes, removeRoute } from './route-commands.js';

/** Queries that may take a while: acknowledged at once, answered through the response_url. */
const ANSWERED_LATER: ReadonlySet<SocialCommand['name']> = new Set(['queue', 'search', 'history', 'audit', 'audit-export', 'forget']);

const failed = renderCommandNotice(':x: Sorry, that did not work. Nothing is lost; try again in a moment.');

/**
 * `/social …`: parse, acknowledge, hand to the subcommand. Answers are ephemeral; an unknown
 * subcommand or a bad argument gets the usage line, never a stack trace.
 */
export function registerSocialCommand(app: App, services: ListenerServices): void {
  app.command('/social', async ({ ack, respond, command, client, context }) => {
    const parsed = parseSocialCommand(command.text);
    if (!parsed.ok) return ack(ephemeral(renderCommandError(parsed.error, parsed.topic)));

    const ctx: CommandContext = { services, client, slackUserId: command.user_id, logger: requestLogger(context), triggerId: command.trigger_id };
    const later = ANSWERED_LATER.has(parsed.command.name);
    if (later) await ack();
    let answer: SlackMessage | undefined;
    try {
      answer = await runSocialCommand(parsed.command, ctx);
    } catch (error) {
      // Tell the person, then let Bolt's error handler log it.
      await (later ? respond(ephemeral(failed)) : ack(ephemeral(failed)));
      throw error;
    }
    // No answer: a modal opened instead (only for subcommands answered later, already acknowledged).
    if (!answer) return later ? undefined : ack();
    await (later ? respond(ephemeral(answer)) : ack(ephemeral(answer)));
  });
}

function ephemeral(message: SlackMessage) {
  return { response_type: 'ephemeral' as const, ...message };
}

async function runSocialCommand(command: SocialCommand, ctx: CommandContext): Promise<SlackMessage | undefined> {
  switch (command.name) {
    case 'help':
      return renderCommandHelp();
    case 'signature':
      return changeSignature(command.signature, ctx);
    case 'queue':
      return showQueue(command, ctx);
    case 'search':
      return showSearch(command, ctx);
    case 'history':
      return showHistory(command, ctx);
    case 'assign':
      return assignByCommand(command, ctx);
    case 'take':
    case 'unassign':
    case 'resolve':
    case 'reopen':
    case 'spam':
    case 'unspam':
      return changeByCommand(command, ctx);
    case 'route-add':
      return addRoute(command, ctx);
    case 'route-list':
      return listRoutes(ctx);
    case 'route-remove':
      return removeRoute(command, ctx);
    case 'audit':
      return showAudit(command, ctx);
    case 'audit-export':
      return exportAudit(command, ctx);
    case 'forget':
      return openForget(command, ctx);
  }
}

/** `/social signature` alone shows the signature; with text it sets it (`none` stops signing). */
async function changeSignature(signature: string, ctx: CommandContext): Promise<SlackMessage> {
  if (signature.trim() === '') {
    const current = await readSignature(ctx.services.prisma, ctx.slackUserId);
    return renderCommandNotice(
      current
        ? `Your public replies end with “${escapeMrkdwn(current)}”. Change it with \`/social signature ^AB\`, or stop with \`/social signature none\`.`
        : 'Your public replies are not signed. Sign them with `/social signature ^AB`.',
    );
  }
  const result = await setSignature(ctx.services.prisma, ctx.slackUserId, signature, ctx.services.guardOptions);
  if (!result.ok) return renderCommandNotice(`:warning: ${result.error}`);
  return renderCommandNotice(
    result.signature ? `Your public replies will end with “${escapeMrkdwn(result.signature)}”.` : 'Your public replies will not be signed.',
  );
}

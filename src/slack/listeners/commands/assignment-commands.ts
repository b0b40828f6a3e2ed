import { assignConversation, takeConversation, unassignConversation } from '../../../conversations/assign-conversation.js';
import { markAuthorAsSpam } from '../../../conversations/mark-spam.js';
import { findConversationByRef } from '../../../conversations/search-conversations.js';
import { setResolved } from '../../../conversations/set-resolved.js';
import { formatConversationRef, type ParsedConversationRef } from '../../../domain/conversation-ref.js';
import { renderCommandNotice } from '../../blocks/command-usage.js';
import { escapeMrkdwn } from '../../blocks/escape-mrkdwn.js';
import type { SlackMessage } from '../../blocks/slack-message.js';
import { resolveTeam, type CommandContext } from './command-context.js';
import type { RefCommandName, SocialCommand } from './parse-social-command.js';
import { storedPostRef } from './stored-post-ref.js';

const surface = 'slash_command';

type Found = NonNullable<Awaited<ReturnType<typeof findConversationByRef>>>;

function describeRef(ref: ParsedConversationRef): string {
  return ref.kind === 'ref' ? formatConversationRef(ref.number) : 'that post';
}

function notFound(ref: ParsedConversationRef): SlackMessage {
  return renderCommandNotice(`:warning: I found no conversation for ${describeRef(ref)}. The reference is on the conversation’s message (E-42).`);
}

/** "E-42 (@jo)" */
function label(conversation: Found): string {
  return `${formatConversationRef(conversation.ref)} (@${escapeMrkdwn(conversation.author.handle)})`;
}

/** `/social assign <ref> @person|@team [note]`. */
export async function assignByCommand(command: Extract<SocialCommand, { name: 'assign' }>, ctx: CommandContext): Promise<SlackMessage> {
  const conversation = await findConversationByRef(ctx.services.prisma, await storedPostRef(command.ref, ctx));
  if (!conversation) return notFound(command.ref);
  const toSlackTeamId = command.toTeam ? await resolveTeam(ctx, command.toTeam) : undefined;
  if (command.toTeam && !toSlackTeamId) {
    return renderCommandNotice(
      `:warning: There is no team @${escapeMrkdwn('handle' in command.toTeam ? command.toTeam.handle : command.toTeam.id)}: pick the person or team from Slack’s suggestions.`,
    );
  }
  const result = await assignConversation(
    { prisma: ctx.services.prisma, queue: ctx.services.queue },
    { conversationId: conversation.id, actorSlackUserId: ctx.slackUserId, toSlackUserId: command.toUserId, toSlackTeamId, note: command.note, surface },
  );
  if (!result.ok) return notFound(command.ref);
  const to = [command.toUserId ? `<@${command.toUserId}>` : null, toSlackTeamId ? `<!subteam^${toSlackTeamId}>` : null].filter(Boolean).join(' and ');
  return renderCommandNotice(`👤 ${label(conversation)} is now assigned to ${to}; they have been told.`);
}

/** take, unassign, resolve, reopen, spam, unspam: one conversation each. */
export async function changeByCommand(command: { name: RefCommandName; ref: ParsedConversationRef }, ctx: CommandContext): Promise<SlackMessage> {
  const { prisma, queue } = ctx.services;
  const conversation = await findConversationByRef(prisma, await storedPostRef(command.ref, ctx));
  if (!conversation) return notFound(command.ref);
  const base = { conversationId: conversation.id, actorSlackUserId: ctx.slackUserId, surface };
  switch (command.name) {
    case 'take': {
      if (conversation.assigneeSlackUserId === ctx.slackUserId) return renderCommandNotice(`${label(conversation)} is already yours.`);
      const result = await takeConversation({ prisma, queue }, base);
      if (!result.ok)
        return result.reason === 'already_taken' && result.takenBy
          ? renderCommandNotice(`<@${result.takenBy}> has just taken ${label(conversation)}.`)
          : notFound(command.ref);
      return renderCommandNotice(`👤 ${label(conversation)} is yours now.`);
    }
    case 'unassign': {
      if (!conversation.assigneeSlackUserId && !conversation.assigneeSlackTeamId)
        return renderCommandNotice(`${label(conversation)} is not assigned to anyone.`);
      await unassignConversation({ prisma, queue }, base);
      return renderCommandNotice(`${label(conversation)} is back in the open queue.`);
    }
    case 'resolve':
    case 'reopen': {
      const resolved = command.name === 'resolve';
      const changed = await setResolved(prisma, queue, { conversationId: conversation.id, slackUserId: ctx.slackUserId, resolved, surface });
      if (!changed) return renderCommandNotice(`${label(conversation)} is ${resolved ? 'already resolved' : 'not resolved'}.`);
      return renderCommandNotice(resolved ? `✅ ${label(conversation)} is resolved.` : `💬 ${label(conversation)} is open again.`);
    }
    case 'spam':
    case 'unspam': {
      const spam = command.name === 'spam';
      const handle = `@${escapeMrkdwn(conversation.author.handle)}`;
      if ((conversation.author.spamMarkedAt !== null) === spam) return renderCommandNotice(`${handle} is ${spam ? 'already' : 'not'} marked as spam.`);
      await markAuthorAsSpam(prisma, queue, { ...base, spam });
      return renderCommandNotice(
        spam
          ? `🚫 ${handle} is marked as spam: ${formatConversationRef(conversation.ref)} is resolved, and their new posts are stored without starting a thread. \`/social unspam ${formatConversationRef(conversation.ref)}\` undoes it.`
          : `${handle} is no longer marked as spam: their new posts start threads again.`,
      );
    }
  }
}

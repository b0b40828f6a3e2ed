import { loadConversationAudit } from '../../../audit/conversation-audit.js';
import { findConversationByRef } from '../../../conversations/search-conversations.js';
import { formatConversationRef } from '../../../domain/conversation-ref.js';
import { previewForget } from '../../../forget/forget-preview.js';
import { maxReportDays } from '../../../reports/parse-report-args.js';
import { defaultReportSettings } from '../../../reports/report-service.js';
import { addDays, localDate, resolvePeriod } from '../../../reports/report-period.js';
import { renderAuditHistory } from '../../blocks/audit-history.js';
import { renderCommandNotice } from '../../blocks/command-usage.js';
import { escapeMrkdwn } from '../../blocks/escape-mrkdwn.js';
import { renderForgetModal } from '../../blocks/forget-messages.js';
import type { SlackMessage } from '../../blocks/slack-message.js';
import { refuseUnlessManager, threadLink, type CommandContext } from './command-context.js';
import type { SocialCommand } from './parse-social-command.js';
import { storedPostRef } from './stored-post-ref.js';

const surface = 'slash_command';

function settingsOf(ctx: CommandContext) {
  return ctx.services.reports ?? defaultReportSettings;
}

/** `/social audit <ref>`: anyone who can see the thread may see who did what in it. */
export async function showAudit(command: Extract<SocialCommand, { name: 'audit' }>, ctx: CommandContext): Promise<SlackMessage> {
  const conversation = await findConversationByRef(ctx.services.prisma, await storedPostRef(command.ref, ctx));
  if (!conversation) {
    const what = command.ref.kind === 'ref' ? formatConversationRef(command.ref.number) : 'that post';
    return renderCommandNotice(`:warning: I found no conversation for ${what}. The reference is on the conversation’s message (E-42).`);
  }
  const audit = await loadConversationAudit(ctx.services.prisma, conversation.id);
  const threadUrl =
    conversation.slackChannelId && conversation.slackThreadTs ? await threadLink(ctx, conversation.slackChannelId, conversation.slackThreadTs) : undefined;
  return renderAuditHistory({
    ref: conversation.ref,
    threadUrl,
    total: audit.total,
    newestFirst: audit.newestFirst,
    exportCommand: exportCommandFor(audit.oldestAt ?? conversation.createdAt, new Date(), settingsOf(ctx).timeZone),
  });
}

/** The export that covers a conversation's history, as it would be typed (a period is at most a year). */
function exportCommandFor(from: Date, now: Date, timeZone: string): string {
  const first = localDate(from, timeZone);
  const today = localDate(now, timeZone);
  const last = addDays(first, maxReportDays - 1) < today ? addDays(first, maxReportDays - 1) : today;
  return `/social audit export ${first}..${last}`;
}

/** `/social audit export [period]`: managers get the period's audit log as a CSV file in a direct message. */
export async function exportAudit(command: Extract<SocialCommand, { name: 'audit-export' }>, ctx: CommandContext): Promise<SlackMessage> {
  const refusal = await refuseUnlessManager(ctx, 'Exporting the audit log');
  if (refusal) return refusal;
  const settings = settingsOf(ctx);
  const period = resolvePeriod(command.period, new Date(), settings.timeZone);
  // Loaded when someone exports, which is rare.
  const { exportAuditLog } = await import('../../../audit/export-audit-log.js');
  const { rows } = await exportAuditLog(
    { prisma: ctx.services.prisma, slack: ctx.client, logger: ctx.logger, timeZone: settings.timeZone },
    { slackUserId: ctx.slackUserId, period, surface },
  );
  return renderCommandNotice(
    `📄 The audit log for ${escapeMrkdwn(period.label)} (${rows} ${rows === 1 ? 'entry' : 'entries'}) is in your direct messages with Earshot.`,
  );
}

/** `/social forget @handle`: managers confirm in a modal that says what will be erased. */
export async function openForget(command: Extract<SocialCommand, { name: 'forget' }>, ctx: CommandContext): Promise<SlackMessage | undefined> {
  const refusal = await refuseUnlessManager(ctx, 'Erasing a customer’s data');
  if (refusal) return refusal;
  const preview = await previewForget(ctx.services.prisma, command.handle);
  if (!preview)
    return renderCommandNotice(
      `:warning: Earshot has nothing from @${escapeMrkdwn(command.handle)}: no customer with that handle (or their data was already erased).`,
    );
  if (!ctx.triggerId) throw new Error('/social forget needs the command’s trigger_id');
  await ctx.client.views.open({ trigger_id: ctx.triggerId, view: renderForgetModal({ handle: command.handle, preview }) });
  return undefined;
}

import type { App } from '@slack/bolt';
import type { Logger } from '../../../log/create-logger.js';
import { parseReportArgs } from '../../../reports/parse-report-args.js';
import { defaultReportSettings, runReportCommand } from '../../../reports/report-service.js';
import type { ListenerServices } from '../services.js';

/**
 * `/socialreport [period] [#channel] [@person] [@team] [csv] [business-hours]`: a mistake in the
 * arguments is answered at once; otherwise ack, then the report comes through response_url.
 */
export function registerSocialReportCommand(app: App, services: ListenerServices, logger: Logger): void {
  app.command('/socialreport', async ({ ack, command, respond, client }) => {
    const parsed = parseReportArgs(command.text);
    if (!parsed.ok) {
      await ack({ response_type: 'ephemeral', text: parsed.error });
      return;
    }
    await ack();
    await runReportCommand(
      { prisma: services.prisma, slack: client, settings: services.reports ?? defaultReportSettings, defaultChannelId: services.defaultChannelId, logger },
      { userId: command.user_id, channelId: command.channel_id, args: parsed.args, respond },
    );
  });
}

import type { App, BlockButtonAction } from '@slack/bolt';
import type { Logger } from '../../../log/create-logger.js';
import { defaultReportSettings, shareReport } from '../../../reports/report-service.js';
import { REPORT_ACTION_IDS } from '../../blocks/report-message.js';
import type { ListenerServices } from '../services.js';

/** "Share in channel" under a /socialreport answer: the same report, posted in the channel. */
export function registerReportShare(app: App, services: ListenerServices, logger: Logger): void {
  app.action<BlockButtonAction>(REPORT_ACTION_IDS.share, async ({ ack, body, action, respond, client }) => {
    await ack();
    const channelId = body.channel?.id;
    if (!channelId) return;
    await shareReport(
      { prisma: services.prisma, slack: client, settings: services.reports ?? defaultReportSettings, defaultChannelId: services.defaultChannelId, logger },
      { userId: body.user.id, channelId, value: action.value ?? '', respond },
    );
  });
}

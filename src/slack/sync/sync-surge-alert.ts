import type { webApi } from '@slack/bolt';
import { z } from 'zod';
import { networkOf } from '../../channels/networks.js';
import type { Database } from '../../db/database.js';
import type { Logger } from '../../log/create-logger.js';
import { renderSurgeAlert } from '../blocks/surge-alert-message.js';
import { postOnce } from './post-once.js';

export interface SurgeAlertSyncDependencies {
  prisma: Database['prisma'];
  slack: webApi.WebClient;
  logger: Logger;
  windowMinutes: number;
  grouping: boolean;
  now: () => Date;
}

const alertEvent = 'earshot_surge_alert';
const idsSchema = z.array(z.string());

/**
 * Posts a surge alert to its channel exactly once (marked as attempted first, looked up by its
 * metadata after a crash), or brings the posted alert up to date (counts, terms, examples, end).
 */
export async function syncSurgeAlert(deps: SurgeAlertSyncDependencies, surgeAlertId: string): Promise<void> {
  const alert = await deps.prisma.surgeAlert.findUnique({ where: { id: surgeAlertId } });
  if (!alert) return;
  const exampleIds = idsSchema.catch([]).parse(alert.examples);
  const examples = await deps.prisma.message.findMany({
    where: { id: { in: exampleIds } },
    select: { id: true, text: true, authorHandle: true, externalId: true, platform: true },
  });
  const rendered = renderSurgeAlert({
    keyword: alert.keyword,
    mentionCount: alert.mentionCount,
    usualPerWindow: alert.baselineCount,
    windowMinutes: deps.windowMinutes,
    startedAt: alert.startedAt,
    ...(alert.endedAt ? { endedAt: alert.endedAt } : {}),
    asOf: deps.now(),
    topTerms: idsSchema.catch([]).parse(alert.topTerms),
    examples: exampleIds.flatMap((id) => {
      const example = examples.find((message) => message.id === id);
      if (!example?.authorHandle || !example.externalId) return [];
      const network = networkOf(example.platform);
      const url = network.postUrl({ id: example.externalId, authorHandle: example.authorHandle });
      return [{ handle: example.authorHandle, text: example.text, url, icon: network.icon }];
    }),
    grouping: deps.grouping,
  });

  if (alert.slackTs) {
    await deps.slack.chat.update({ channel: alert.slackChannelId, ts: alert.slackTs, ...rendered });
    return;
  }
  const target = { channel: alert.slackChannelId, attemptedAt: alert.slackPostAttemptedAt, eventType: alertEvent, id: alert.id };
  const ts = await postOnce(deps, target, rendered, (attemptedAt) =>
    deps.prisma.surgeAlert.update({ where: { id: alert.id }, data: { slackPostAttemptedAt: attemptedAt } }),
  );
  await deps.prisma.surgeAlert.update({ where: { id: alert.id }, data: { slackTs: ts } });
  deps.logger.info({ surgeAlertId: alert.id, channel: alert.slackChannelId }, 'surge alert posted');
}

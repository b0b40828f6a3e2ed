import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { bootstrapAccount } from './channels/x/bootstrap-account.js';
import { createXChannel } from './channels/x/x-channel.js';
import type { Config } from './config/load-config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrateDatabase } from './db/migrate.js';
import { healthRoute } from './http/health-route.js';
import { startDmPoller } from './ingest/dm-poller.js';
import { startMentionPoller } from './ingest/mention-poller.js';
import type { PollingLoop } from './ingest/polling-loop.js';
import { startJobQueue } from './jobs/job-queue.js';
import { eraseSlackThread } from './forget/erase-slack-thread.js';
import { allJobs, eraseSlackThreadJob, notifyHandoffJob, sendDmJob, sendReplyJob, syncThreadJob } from './jobs/jobs.js';
import { reconcileOutbox } from './jobs/reconcile-outbox.js';
import type { Logger } from './log/create-logger.js';
import { sendDirectMessage } from './replies/send-direct-message.js';
import { sendPublicReply } from './replies/send-public-reply.js';
import { startReportDigest } from './reports/report-digest.js';
import { buildSlackApp } from './slack/build-slack-app.js';
import { registerListeners } from './slack/listeners/register-listeners.js';
import { notifyHandoff } from './slack/notify/notify-handoff.js';
import { syncConversationThread } from './slack/sync/sync-conversation-thread.js';

export interface RunningEarshot {
  readonly database: Database;
  /** The HTTP port actually bound (Slack requests in HTTP mode, and /healthz). */
  readonly port: number | undefined;
  /** Polls X now instead of waiting for the interval (the sandbox's "check now"). */
  pollNow(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** How often idle job workers look for work (seconds). */
  jobPollingIntervalSeconds?: number;
  /** The clock for SLA reminders, out-of-hours replies and surge windows (tests move it forward). */
  now?: () => Date;
}

const reconcileEveryMs = 5 * 60_000;

/** Opens and migrates the database, starts the job workers, the Slack app and the X poller. */
export async function startEarshot(config: Config, logger: Logger, options: StartOptions = {}): Promise<RunningEarshot> {
  const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir });
  const stopping = new AbortController();
  const cleanups: Array<() => Promise<unknown>> = [() => database.close()];
  const stop = async () => {
    stopping.abort();
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => logger.warn({ err: error }, 'error while stopping'));
  };

  try {
    const applied = await migrateDatabase(database);
    logger.info({ database: database.kind, applied }, applied.length ? 'database migrated' : 'database schema up to date');
    const { prisma } = database;

    const queue = await startJobQueue(database, logger, allJobs, { pollingIntervalSeconds: options.jobPollingIntervalSeconds ?? 1 });
    cleanups.push(() => queue.stop());

    const channel = createXChannel({ apiUrl: config.x.apiUrl, credentials: config.x, logger });
    const slackApp = buildSlackApp({ slack: config.slack, port: config.port, logger, customRoutes: [healthRoute(database)] });
    registerListeners(slackApp, { prisma, queue, guardOptions: config.privateData, defaultChannelId: config.slack.channelId, reports: config.reports }, logger);

    const account = bootstrapAccount(prisma, channel, logger, stopping.signal);
    account.catch(() => undefined); // rejected only when stopping
    await queue.work(syncThreadJob, ({ conversationId }, { logger: jobLogger }) =>
      syncConversationThread({ prisma, slack: slackApp.client, defaultChannelId: config.slack.channelId, logger: jobLogger }, conversationId),
    );
    let botUserId: Promise<string> | undefined;
    const resolveBotUserId = () =>
      (botUserId ??= slackApp.client.auth.test().then(
        (identity) => identity.user_id ?? '',
        (error: unknown) => {
          botUserId = undefined;
          throw error;
        },
      ));
    await queue.work(notifyHandoffJob, ({ conversationId, ...handoff }) =>
      notifyHandoff({ prisma, slack: slackApp.client, botUserId: resolveBotUserId }, conversationId, handoff),
    );
    await queue.work(sendReplyJob, ({ messageId }, context) =>
      sendPublicReply({ prisma, channel, queue, accountExternalId: async () => (await account).externalId }, messageId, context),
    );
    await queue.work(sendDmJob, ({ messageId }, context) =>
      sendDirectMessage({ prisma, channel, queue, accountExternalId: async () => (await account).externalId }, messageId, context),
    );
    await queue.work(eraseSlackThreadJob, ({ conversationId }, { logger: jobLogger }) => eraseSlackThread({ prisma, slack: slackApp.client, logger: jobLogger }, conversationId));
    await startReportDigest({ prisma, slack: slackApp.client, queue, settings: config.reports, defaultChannelId: config.slack.channelId, logger });

    const started = (await slackApp.start(config.port)) as unknown;
    cleanups.push(() => slackApp.stop());
    const port = config.slack.mode === 'http' ? ((started as Server).address() as AddressInfo).port : config.port;
    logger.info({ mode: config.slack.mode, port }, 'Earshot is running');

    const reconciled = await reconcileOutbox(prisma, queue);
    if (reconciled.threads + reconciled.replies > 0) logger.info(reconciled, 'resumed unfinished work');
    const reconcileTimer = setInterval(() => void reconcileOutbox(prisma, queue).catch((error: unknown) => logger.error({ err: error }, 'outbox reconciliation failed')), reconcileEveryMs);
    cleanups.push(async () => clearInterval(reconcileTimer));

    let poller: PollingLoop | undefined;
    let dmPoller: PollingLoop | undefined;
    const pollerReady = account.then((watched) => {
      if (stopping.signal.aborted) return undefined;
      poller = startMentionPoller({ prisma, channel, queue, logger, account: watched, intervalMs: config.x.pollIntervalSeconds * 1000 });
      dmPoller = startDmPoller({ prisma, channel, queue, logger, account: watched, intervalMs: config.x.pollIntervalSeconds * 1000 });
      return poller;
    });
    pollerReady.catch(() => undefined);
    cleanups.push(async () => poller?.stop());
    cleanups.push(async () => dmPoller?.stop());

    return {
      database,
      port,
      async pollNow() {
        const ready = await pollerReady;
        await ready?.pollOnce();
        await dmPoller?.pollOnce();
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

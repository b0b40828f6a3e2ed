import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { bootstrapAccount } from './channels/x/bootstrap-account.js';
import { createXChannel } from './channels/x/x-channel.js';
import type { Config } from './config/load-config.js';
import { openDatabase, type Database } from './db/database.js';
import { migrateDatabase } from './db/migrate.js';
import { databaseCheck, jobActivityCheck, pollCheck, socketCheck, stuckOutboundCheck } from './health/health-checks.js';
import { healthRoute, type HealthCheck } from './http/health-route.js';
import { metricsRoute } from './http/metrics-route.js';
import { startDmPoller } from './ingest/dm-poller.js';
import { startMentionPoller } from './ingest/mention-poller.js';
import type { PollingLoop } from './ingest/polling-loop.js';
import { instrumentJobQueue } from './jobs/instrumented-job-queue.js';
import { startJobQueue } from './jobs/job-queue.js';
import { readQueueDepth } from './jobs/queue-depth.js';
import { eraseSlackThread } from './forget/erase-slack-thread.js';
import { allJobs, eraseSlackThreadJob, notifyDraftRejectedJob, notifyHandoffJob, sendDmJob, sendReplyJob, slaCheckJob, slaReminderJob, syncSurgeAlertJob, syncThreadJob } from './jobs/jobs.js';
import { reconcileOutbox } from './jobs/reconcile-outbox.js';
import type { Logger } from './log/create-logger.js';
import { createMetrics } from './metrics/earshot-metrics.js';
import { queueOutOfHoursReply } from './replies/queue-out-of-hours-reply.js';
import { sendDirectMessage } from './replies/send-direct-message.js';
import { createRoleResolver } from './roles/role-resolver.js';
import { createSlackMembership } from './roles/slack-membership.js';
import { createChannelMembership } from './roles/channel-membership.js';
import { sendPublicReply } from './replies/send-public-reply.js';
import { countStuckOutbound, showStuckReplies } from './replies/stuck-replies.js';
import { startReportDigest } from './reports/report-digest.js';
import { checkSla } from './sla/check-sla.js';
import { buildSlackApp } from './slack/build-slack-app.js';
import { registerListeners } from './slack/listeners/register-listeners.js';
import { slackRetryAt } from './slack/slack-retry-at.js';
import { notifyDraftRejected } from './slack/notify/notify-draft-rejected.js';
import { notifyHandoff } from './slack/notify/notify-handoff.js';
import { notifySlaReminder } from './slack/notify/notify-sla-reminder.js';
import { syncConversationThread } from './slack/sync/sync-conversation-thread.js';
import { syncSurgeAlert } from './slack/sync/sync-surge-alert.js';
import { surgeCheckAfterPoll } from './surges/surge-check-after-poll.js';

export interface RunningEarshot {
  readonly database: Database;
  /** The HTTP port actually bound (Slack requests in HTTP mode, and /healthz). */
  readonly port: number | undefined;
  /** Polls X now instead of waiting for the interval (the sandbox's "check now"). */
  pollNow(): Promise<void>;
  /** Looks for waits over the SLA now (by the clock) instead of waiting for the next minute, and queues their reminders. */
  checkSlaNow(): Promise<void>;
  /** Looks for stuck replies now (by the clock) instead of waiting for the next minute, and shows them in their threads. */
  showStuckRepliesNow(): Promise<void>;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** How often idle job workers look for work (seconds). */
  jobPollingIntervalSeconds?: number;
  /** The clock for SLA reminders, out-of-hours replies and surge windows (tests move it forward). */
  now?: () => Date;
  /** How long Socket Mode may stay disconnected before /healthz says so (default a minute). */
  slackDisconnectGraceMs?: number;
}

const reconcileEveryMs = 5 * 60_000;
const slaCheckEveryMs = 60_000;
const stuckCheckEveryMs = 60_000;

/** Opens and migrates the database, starts the job workers, the Slack app and the X poller. */
export async function startEarshot(config: Config, logger: Logger, options: StartOptions = {}): Promise<RunningEarshot> {
  const startedAt = new Date();
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
    const now = options.now ?? (() => new Date());
    const { businessHours, timeZone } = config.reports;
    const calendar = businessHours ? { hours: businessHours, timeZone } : undefined;

    const metrics = createMetrics();
    metrics.readQueueDepthWith(() => readQueueDepth(database.executeSql, allJobs.map((job) => job.name)));
    const queue = instrumentJobQueue(await startJobQueue(database, logger, allJobs, { pollingIntervalSeconds: options.jobPollingIntervalSeconds ?? 1, retryAtOf: (error) => slackRetryAt(error) }), metrics.jobFinished);
    cleanups.push(() => queue.stop());

    const channel = createXChannel({
      apiUrl: config.x.apiUrl,
      credentials: config.x,
      logger,
      readTimeoutMs: config.x.readTimeoutMs,
      writeTimeoutMs: config.x.writeTimeoutMs,
      onCall: metrics.xCall,
    });
    let poller: PollingLoop | undefined;
    let dmPoller: PollingLoop | undefined;
    const pollIntervalMs = config.x.pollIntervalSeconds * 1000;
    const healthChecks: HealthCheck[] = [
      databaseCheck(database),
      pollCheck({ name: 'mentionPoll', intervalMs: pollIntervalMs, state: () => poller?.state(), startedAt }),
      jobActivityCheck(queue.lastActivityAt),
      stuckOutboundCheck(() => countStuckOutbound(prisma, now())),
    ];
    const { app: slackApp, connection: slackConnection } = buildSlackApp({
      slack: config.slack,
      port: config.port,
      logger,
      customRoutes: [healthRoute(healthChecks), metricsRoute(metrics.registry)],
      onSlackCall: metrics.slackCall,
      onAck: metrics.ackTimed,
    });
    if (slackConnection) healthChecks.push(socketCheck(slackConnection, { ...(options.slackDisconnectGraceMs !== undefined ? { graceMs: options.slackDisconnectGraceMs } : {}) }));
    const roles = createRoleResolver(config.roles, createSlackMembership({ slack: slackApp.client, logger }));
    const channelMembership = createChannelMembership({ slack: slackApp.client, logger });
    registerListeners(slackApp, { prisma, queue, guardOptions: config.privateData, defaultChannelId: config.slack.channelId, reports: config.reports, roles, channelMembership }, logger);

    const account = bootstrapAccount(prisma, channel, logger, stopping.signal);
    account.catch(() => undefined); // rejected only when stopping
    await queue.work(syncThreadJob, ({ conversationId }, { logger: jobLogger }) =>
      syncConversationThread(
        { prisma, slack: slackApp.client, defaultChannelId: config.slack.channelId, logger: jobLogger, surges: config.surges, approverMentions: roles.approverMentions(), now },
        conversationId,
      ),
    );
    await queue.work(notifyDraftRejectedJob, ({ messageId }) => notifyDraftRejected({ prisma, slack: slackApp.client }, messageId));
    await queue.work(syncSurgeAlertJob, ({ surgeAlertId }, { logger: jobLogger }) =>
      syncSurgeAlert({ prisma, slack: slackApp.client, logger: jobLogger, windowMinutes: config.surges.windowMinutes, grouping: config.surges.grouping, now }, surgeAlertId),
    );
    const checkSurges = surgeCheckAfterPoll({ prisma, queue, settings: config.surges, now, logger });
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
    const slaCheck = { prisma, queue, minutes: config.sla.minutes, calendar, now };
    await queue.work(slaCheckJob, async () => void (await checkSla(slaCheck)));
    await queue.work(slaReminderJob, (payload) =>
      notifySlaReminder({ prisma, slack: slackApp.client, botUserId: resolveBotUserId, minutes: config.sla.minutes, calendar, now }, payload),
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
    const stuckReplies = { prisma, queue, now };
    const stuckTimer = setInterval(() => void showStuckReplies(stuckReplies).catch((error: unknown) => logger.error({ err: error }, 'could not look for stuck replies')), stuckCheckEveryMs);
    cleanups.push(async () => clearInterval(stuckTimer));
    if (config.sla.minutes) {
      const slaTimer = setInterval(() => void queue.send(slaCheckJob, { kind: 'check' }, { key: 'sla-check' }).catch((error: unknown) => logger.error({ err: error }, 'could not queue the SLA check')), slaCheckEveryMs);
      cleanups.push(async () => clearInterval(slaTimer));
    }
    const outOfHours = { prisma, queue, reply: config.sla.outOfHoursReply, calendar, now };
    const onConversationStarted = async (conversationId: string) => {
      // The conversation is stored whatever happens here: a failed acknowledgement must not stop the poll.
      await queueOutOfHoursReply(outOfHours, conversationId).catch((error: unknown) => logger.error({ err: error, conversationId }, 'could not queue the out-of-hours reply'));
    };

    const pollerReady = account.then((watched) => {
      if (stopping.signal.aborted) return undefined;
      const deadlineMs = config.x.pollTimeoutMs;
      poller = startMentionPoller({
        prisma, channel, queue, logger, account: watched, intervalMs: pollIntervalMs, deadlineMs, onConversationStarted,
        onPollFinished: (outcome) => metrics.pollFinished('mentions', outcome),
        ...(checkSurges ? { afterPoll: checkSurges } : {}),
      });
      dmPoller = startDmPoller({
        prisma, channel, queue, logger, account: watched, intervalMs: pollIntervalMs, deadlineMs,
        onPollFinished: (outcome) => metrics.pollFinished('direct_messages', outcome),
      });
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
      async checkSlaNow() {
        await checkSla(slaCheck);
      },
      async showStuckRepliesNow() {
        await showStuckReplies(stuckReplies);
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

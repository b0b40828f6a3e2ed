import type { AddressInfo } from 'node:net';
import type { Server } from 'node:http';
import { bootstrapAccount } from './channels/bootstrap-account.js';
import type { Network } from './channels/network.js';
import { createWatchedChannels, type WatchedChannel } from './channels/watched-channels.js';
import type { Config } from './config/load-config.js';
import type { Database } from './db/database.js';
import { openMigratedDatabase } from './db/open-migrated-database.js';
import { databaseCheck, jobActivityCheck, pollCheck, socketCheck, stuckOutboundCheck } from './health/health-checks.js';
import { healthRoute, type HealthCheck } from './http/health-route.js';
import { metricsRoute } from './http/metrics-route.js';
import { startDmPoller } from './ingest/dm-poller.js';
import type { WatchedAccount } from './ingest/ingest-posts.js';
import { ingestPushedPosts } from './ingest/ingest-pushed-posts.js';
import { startMentionPoller } from './ingest/mention-poller.js';
import { createWebhookInbox } from './ingest/webhooks/webhook-inbox.js';
import type { PollingLoop } from './ingest/polling-loop.js';
import { instrumentJobQueue } from './jobs/instrumented-job-queue.js';
import { startJobQueue } from './jobs/job-queue.js';
import { readQueueDepth } from './jobs/queue-depth.js';
import { eraseSlackThread } from './forget/erase-slack-thread.js';
import {
  allJobs,
  eraseSlackThreadJob,
  notifyDraftRejectedJob,
  notifyHandoffJob,
  sendDmJob,
  sendReplyJob,
  slaCheckJob,
  slaReminderJob,
  syncSurgeAlertJob,
  syncThreadJob,
} from './jobs/jobs.js';
import { reconcileOutbox } from './jobs/reconcile-outbox.js';
import type { Logger } from './log/create-logger.js';
import { createMetrics } from './metrics/earshot-metrics.js';
import { createWebhookMetrics } from './metrics/webhook-metrics.js';
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
import { startElection } from './replicas/election.js';
import { openLockSession, replicaName, schemaSetupLock } from './replicas/lock-session.js';

export interface RunningEarshot {
  readonly database: Database;
  /** The HTTP port actually bound (Slack requests in HTTP mode, and /healthz). */
  readonly port: number | undefined;
  /** Polls every watched network now instead of waiting for the interval (the sandbox's "check now"). */
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
  /**
   * HTTP mode: how long a Slack request may wait for its acknowledgement before it is answered 404
   * (default 3 s, Slack's own budget, past which Slack has given up). Tests on a loaded machine,
   * whose emulator waits longer, give it as long.
   */
  slackAckBudgetMs?: number;
  /**
   * The database, already being opened and migrated (`openMigratedDatabase`): main.ts starts that
   * before loading the rest of Earshot, so the two overlap. Opened here when absent.
   */
  database?: Promise<Database>;
}

const reconcileEveryMs = 5 * 60_000;
const slaCheckEveryMs = 60_000;
const stuckCheckEveryMs = 60_000;

/** Opens and migrates the database, starts the job workers, the Slack app and the pollers of the watched networks. */
export async function startEarshot(config: Config, logger: Logger, options: StartOptions = {}): Promise<RunningEarshot> {
  const startedAt = new Date();
  const database = await (options.database ?? openMigratedDatabase({ databaseUrl: config.databaseUrl, dataDir: config.dataDir }, logger));
  const stopping = new AbortController();
  const cleanups: Array<() => Promise<unknown>> = [() => database.close()];
  const stop = async () => {
    stopping.abort();
    for (const cleanup of cleanups.reverse()) await cleanup().catch((error: unknown) => logger.warn({ err: error }, 'error while stopping'));
  };

  try {
    const replica = replicaName();
    // Replicas starting together create the job queue's tables one after the other: pg-boss's
    // creation deadlocks when two replicas run it at once.
    const setupLock = await openLockSession(database, replica);
    const settingUp = setupLock.withLock(schemaSetupLock, () =>
      startJobQueue(database, logger, allJobs, { pollingIntervalSeconds: options.jobPollingIntervalSeconds ?? 1, retryAtOf: (error) => slackRetryAt(error) }),
    );
    const jobQueue = await settingUp.finally(() => setupLock.close());
    const { prisma } = database;
    const now = options.now ?? (() => new Date());
    const { businessHours, timeZone } = config.reports;
    const calendar = businessHours ? { hours: businessHours, timeZone } : undefined;

    const metrics = createMetrics();
    metrics.readQueueDepthWith(() =>
      readQueueDepth(
        database.executeSql,
        allJobs.map((job) => job.name),
      ),
    );
    const queue = instrumentJobQueue(jobQueue, metrics.jobFinished);
    cleanups.push(() => queue.stop());

    const { watched: watchedChannels, webhookHandlers } = createWatchedChannels(config, { logger, prisma, onXCall: metrics.xCall });
    const channels = new Map(watchedChannels.map(({ channel }) => [channel.network.id, channel]));
    /** Per network: its mention poller and DM poller while this replica runs them, and the election role of the former. */
    const pollers = new Map<Network['id'], PollingLoop>();
    const dmPollers = new Map<Network['id'], PollingLoop>();
    const mentionRoles = new Map<Network['id'], string>();
    // Several replicas may share one PostgreSQL: each poller and the scheduled checks run on one of them.
    const election = startElection({
      openSession: () => openLockSession(database, replica),
      replica,
      retryMs: Math.min(...watchedChannels.map((watched) => watched.pollIntervalMs)),
      logger,
      onChange: (role, held) => metrics.roleChanged(role, replica, held),
    });
    cleanups.push(() => election.stop());
    const healthChecks: HealthCheck[] = [
      databaseCheck(database),
      ...watchedChannels.map(({ channel, pollIntervalMs }) => {
        const id = channel.network.id;
        return pollCheck({
          // One network keeps the name deployments monitor; several are told apart.
          name: watchedChannels.length === 1 ? 'mentionPoll' : `mentionPoll:${id}`,
          intervalMs: pollIntervalMs,
          state: () => pollers.get(id)?.state(),
          startedAt,
          election: async () => {
            const role = mentionRoles.get(id);
            return role ? { replica, poller: (await election.holderOf(role)) ?? null } : undefined;
          },
        });
      }),
      jobActivityCheck(queue.lastActivityAt),
      stuckOutboundCheck(() => countStuckOutbound(prisma, now())),
    ];
    const webhookInbox = createWebhookInbox({
      prisma,
      queue,
      // Deliveries are processed only once the inbox starts, after every watched account is being bootstrapped.
      handlers: webhookHandlers(
        ingestPushedPosts({
          prisma,
          queue,
          accountOf: (network) => bootstrapping.find((watched) => watched.channel.network.id === network)?.account,
          onConversationStarted: (conversationId) => onConversationStarted(conversationId),
        }),
      ),
      metrics: createWebhookMetrics(metrics.registry),
      logger,
      now,
      retentionDays: config.webhooks.retentionDays,
    });
    healthChecks.push(...webhookInbox.healthChecks);
    const { app: slackApp, connection: slackConnection } = buildSlackApp({
      slack: config.slack,
      port: config.port,
      logger,
      customRoutes: [healthRoute(healthChecks), metricsRoute(metrics.registry), ...webhookInbox.routes],
      onSlackCall: metrics.slackCall,
      onAck: metrics.ackTimed,
      ackBudgetMs: options.slackAckBudgetMs,
    });
    if (slackConnection)
      healthChecks.push(socketCheck(slackConnection, { ...(options.slackDisconnectGraceMs !== undefined ? { graceMs: options.slackDisconnectGraceMs } : {}) }));
    const roles = createRoleResolver(config.roles, createSlackMembership({ slack: slackApp.client, logger }));
    const channelMembership = createChannelMembership({ slack: slackApp.client, logger });
    registerListeners(
      slackApp,
      {
        prisma,
        queue,
        guardOptions: config.privateData,
        defaultChannelId: config.slack.channelId,
        reports: config.reports,
        roles,
        channelMembership,
        channels,
      },
      logger,
    );

    const bootstrapping = watchedChannels.map((watched) => {
      const account = bootstrapAccount(prisma, watched.channel, logger, stopping.signal);
      account.catch(() => undefined); // rejected only when stopping
      return { ...watched, account };
    });
    await queue.work(syncThreadJob, ({ conversationId }, { logger: jobLogger }) =>
      syncConversationThread(
        {
          prisma,
          slack: slackApp.client,
          defaultChannelId: config.slack.channelId,
          logger: jobLogger,
          surges: config.surges,
          approverMentions: roles.approverMentions(),
          now,
        },
        conversationId,
      ),
    );
    await queue.work(notifyDraftRejectedJob, ({ messageId }) => notifyDraftRejected({ prisma, slack: slackApp.client }, messageId));
    await queue.work(syncSurgeAlertJob, ({ surgeAlertId }, { logger: jobLogger }) =>
      syncSurgeAlert(
        { prisma, slack: slackApp.client, logger: jobLogger, windowMinutes: config.surges.windowMinutes, grouping: config.surges.grouping, now },
        surgeAlertId,
      ),
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
    await queue.work(notifyHandoffJob, ({ handoffId }) => notifyHandoff({ prisma, slack: slackApp.client, botUserId: resolveBotUserId }, handoffId));
    await queue.work(sendReplyJob, ({ messageId }, context) => sendPublicReply({ prisma, channels, queue }, messageId, context));
    await queue.work(sendDmJob, ({ messageId }, context) => sendDirectMessage({ prisma, channels, queue }, messageId, context));
    const slaCheck = { prisma, queue, minutes: config.sla.minutes, calendar, now };
    await queue.work(slaCheckJob, async () => void (await checkSla(slaCheck)));
    await queue.work(slaReminderJob, (payload) =>
      notifySlaReminder({ prisma, slack: slackApp.client, botUserId: resolveBotUserId, minutes: config.sla.minutes, calendar, now }, payload),
    );
    await queue.work(eraseSlackThreadJob, ({ conversationId }, { logger: jobLogger }) =>
      eraseSlackThread({ prisma, slack: slackApp.client, logger: jobLogger }, conversationId),
    );
    await startReportDigest({ prisma, slack: slackApp.client, queue, settings: config.reports, defaultChannelId: config.slack.channelId, logger });

    const started = (await slackApp.start(config.port)) as unknown;
    cleanups.push(() => slackApp.stop());
    const port = config.slack.mode === 'http' ? ((started as Server).address() as AddressInfo).port : config.port;
    logger.info({ mode: config.slack.mode, port }, 'Earshot is running');

    const reconciled = await reconcileOutbox(prisma, queue);
    if (reconciled.threads + reconciled.replies > 0) logger.info(reconciled, 'resumed unfinished work');
    await webhookInbox.start();
    await election.add({ name: 'webhook-inbox-upkeep', start: () => webhookInbox.startUpkeep() });
    const stuckReplies = { prisma, queue, now };
    await election.add({
      name: 'scheduled-checks',
      start: () => {
        const timers = [
          setInterval(
            () => void reconcileOutbox(prisma, queue).catch((error: unknown) => logger.error({ err: error }, 'outbox reconciliation failed')),
            reconcileEveryMs,
          ),
          setInterval(
            () => void showStuckReplies(stuckReplies).catch((error: unknown) => logger.error({ err: error }, 'could not look for stuck replies')),
            stuckCheckEveryMs,
          ),
          ...(config.sla.minutes
            ? [
                setInterval(
                  () =>
                    void queue
                      .send(slaCheckJob, { kind: 'check' }, { key: 'sla-check' })
                      .catch((error: unknown) => logger.error({ err: error }, 'could not queue the SLA check')),
                  slaCheckEveryMs,
                ),
              ]
            : []),
        ];
        return { stop: async () => timers.forEach((timer) => clearInterval(timer)) };
      },
    });
    const outOfHours = { prisma, queue, reply: config.sla.outOfHoursReply, calendar, now };
    const onConversationStarted = async (conversationId: string) => {
      // The conversation is stored whatever happens here: a failed acknowledgement must not stop the poll.
      await queueOutOfHoursReply(outOfHours, conversationId).catch((error: unknown) =>
        logger.error({ err: error, conversationId }, 'could not queue the out-of-hours reply'),
      );
    };

    const startPollers = async ({ channel, pollIntervalMs, pollTimeoutMs }: WatchedChannel, watched: WatchedAccount) => {
      if (stopping.signal.aborted) return;
      const id = channel.network.id;
      const mentionRole = `poll-mentions:${watched.id}`;
      mentionRoles.set(id, mentionRole);
      await election.add({
        name: mentionRole,
        start: () => {
          // A poller that died between storing mentions and queueing their threads left them for whoever polls next.
          void reconcileOutbox(prisma, queue)
            .then((resumed) => resumed.threads + resumed.replies > 0 && logger.info(resumed, 'resumed the work a stopped poller left unfinished'))
            .catch((error: unknown) => logger.error({ err: error }, 'outbox reconciliation failed'));
          const started = startMentionPoller({
            prisma,
            channel,
            queue,
            logger,
            account: watched,
            intervalMs: pollIntervalMs,
            deadlineMs: pollTimeoutMs,
            onConversationStarted,
            onPollFinished: (outcome) => metrics.pollFinished('mentions', outcome),
            ...(checkSurges ? { afterPoll: checkSurges } : {}),
          });
          pollers.set(id, started);
          return {
            stop: async () => {
              pollers.delete(id);
              await started.stop();
            },
          };
        },
      });
      const { directMessages } = channel;
      if (!directMessages) return;
      await election.add({
        name: `poll-direct-messages:${watched.id}`,
        start: () => {
          const started = startDmPoller({
            prisma,
            channel: { network: channel.network, directMessages },
            queue,
            logger,
            account: watched,
            intervalMs: pollIntervalMs,
            deadlineMs: pollTimeoutMs,
            onPollFinished: (outcome) => metrics.pollFinished('direct_messages', outcome),
          });
          dmPollers.set(id, started);
          return {
            stop: async () => {
              dmPollers.delete(id);
              await started.stop();
            },
          };
        },
      });
    };
    const pollerReady = Promise.all(bootstrapping.map(async (watched) => startPollers(watched, await watched.account)));
    pollerReady.catch(() => undefined);

    return {
      database,
      port,
      /** Polls now if this replica runs the pollers (another replica polls for it otherwise). */
      async pollNow() {
        await pollerReady;
        for (const poller of [...pollers.values(), ...dmPollers.values()]) await poller.pollOnce();
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

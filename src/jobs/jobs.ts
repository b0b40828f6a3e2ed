import { z } from 'zod';
import type { JobDefinition } from './job-queue.js';

/** Bring one conversation's Slack thread up to date (keyed by conversation: one queued, one running). */
export const syncThreadJob: JobDefinition<{ conversationId: string }> = {
  name: 'slack-sync-thread',
  schema: z.object({ conversationId: z.uuid() }),
  policy: 'stately',
  retryLimit: 12,
  retryDelaySeconds: 2,
  expireInSeconds: 900,
};

/** Post one queued public reply on X (keyed by message: never two attempts at once). */
export const sendReplyJob: JobDefinition<{ messageId: string }> = {
  name: 'x-send-reply',
  schema: z.object({ messageId: z.uuid() }),
  policy: 'stately',
  retryLimit: 6,
  retryDelaySeconds: 2,
  // Longer than a write to X may take (15 s timeout) plus the look-up; after a crash the job is
  // retried once this has passed, and the retry looks for the reply before posting.
  expireInSeconds: 30,
};

/** Send one queued direct message on X (keyed by message: never two attempts at once). */
export const sendDmJob: JobDefinition<{ messageId: string }> = {
  name: 'x-send-dm',
  schema: z.object({ messageId: z.uuid() }),
  policy: 'stately',
  retryLimit: 6,
  retryDelaySeconds: 2,
  // As for public replies: longer than a write (15 s timeout) plus the look-up before a retry.
  expireInSeconds: 30,
};

/**
 * Tell the thread, and the person or team a conversation was handed to. Carries only the hand-off's
 * id: its note may quote the customer, and `/social forget` must be able to erase it.
 */
export const notifyHandoffJob: JobDefinition<{ handoffId: string }> = {
  name: 'slack-notify-handoff',
  schema: z.object({ handoffId: z.uuid() }),
  policy: 'standard',
  retryLimit: 10,
  retryDelaySeconds: 2,
  expireInSeconds: 300,
};

/** Post the weekly /socialreport digest to REPORT_DIGEST_CHANNEL (queued by pg-boss's schedule). */
export const reportDigestJob: JobDefinition<{ kind: 'weekly' }> = {
  name: 'report-weekly-digest',
  schema: z.object({ kind: z.literal('weekly') }),
  policy: 'standard',
  retryLimit: 3,
  retryDelaySeconds: 60,
  expireInSeconds: 600,
};

/** Post a surge alert to SURGE_CHANNEL once, then keep it up to date (keyed by alert). */
export const syncSurgeAlertJob: JobDefinition<{ surgeAlertId: string }> = {
  name: 'slack-sync-surge-alert',
  schema: z.object({ surgeAlertId: z.uuid() }),
  policy: 'stately',
  retryLimit: 12,
  retryDelaySeconds: 2,
  expireInSeconds: 300,
};

/** Look for waits over SLA_MINUTES (queued every minute under one key: replicas do not double up). */
export const slaCheckJob: JobDefinition<{ kind: 'check' }> = {
  name: 'sla-check',
  schema: z.object({ kind: z.literal('check') }),
  policy: 'stately',
  retryLimit: 0,
  retryDelaySeconds: 10,
  expireInSeconds: 120,
};

/** Remind a thread (and its assignee) that one wait is over the SLA: keyed by conversation and wait. */
export const slaReminderJob: JobDefinition<{ conversationId: string; waitingSince: string }> = {
  name: 'slack-sla-reminder',
  schema: z.object({ conversationId: z.uuid(), waitingSince: z.iso.datetime() }),
  policy: 'stately',
  retryLimit: 10,
  retryDelaySeconds: 2,
  expireInSeconds: 300,
};

/** Tell the author of a rejected draft why, by DM, with a way to try again. */
export const notifyDraftRejectedJob: JobDefinition<{ messageId: string }> = {
  name: 'slack-notify-draft-rejected',
  schema: z.object({ messageId: z.uuid() }),
  policy: 'stately',
  retryLimit: 10,
  retryDelaySeconds: 2,
  expireInSeconds: 300,
};

/** Replace the Slack messages Earshot posted for a forgotten customer's conversation (keyed by conversation). */
export const eraseSlackThreadJob: JobDefinition<{ conversationId: string }> = {
  name: 'slack-erase-thread',
  schema: z.object({ conversationId: z.uuid() }),
  policy: 'stately',
  retryLimit: 12,
  retryDelaySeconds: 2,
  expireInSeconds: 900,
};

/**
 * Hand one stored webhook delivery to its network's handler (keyed by delivery). Carries only the
 * delivery's id: the body may quote customers, and `/social forget` must be able to erase it.
 */
export const processWebhookDeliveryJob: JobDefinition<{ deliveryId: string }> = {
  name: 'webhook-process-delivery',
  schema: z.object({ deliveryId: z.uuid() }),
  policy: 'stately',
  retryLimit: 10,
  retryDelaySeconds: 2,
  expireInSeconds: 300,
};

export const allJobs = [
  syncThreadJob,
  sendReplyJob,
  notifyHandoffJob,
  sendDmJob,
  reportDigestJob,
  syncSurgeAlertJob,
  slaCheckJob,
  slaReminderJob,
  notifyDraftRejectedJob,
  eraseSlackThreadJob,
  processWebhookDeliveryJob,
];

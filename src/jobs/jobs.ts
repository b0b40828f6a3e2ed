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



/** Tell the thread, and the person or team a conversation was handed to. */
export const notifyHandoffJob: JobDefinition<{ conversationId: string; byUserId: string; toUserId: string | null; toTeamId: string | null; note: string | null }> = {
  name: 'slack-notify-handoff',
  schema: z.object({
    conversationId: z.uuid(),
    byUserId: z.string(),
    toUserId: z.string().nullable(),
    toTeamId: z.string().nullable(),
    note: z.string().nullable(),
  }),
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

/** Replace the Slack messages Earshot posted for a forgotten customer's conversation (keyed by conversation). */
export const eraseSlackThreadJob: JobDefinition<{ conversationId: string }> = {
  name: 'slack-erase-thread',
  schema: z.object({ conversationId: z.uuid() }),
  policy: 'stately',
  retryLimit: 12,
  retryDelaySeconds: 2,
  expireInSeconds: 900,
};

export const allJobs = [syncThreadJob, sendReplyJob, notifyHandoffJob, sendDmJob, reportDigestJob, eraseSlackThreadJob];

import type { JobQueue } from '../jobs/job-queue.js';
import { reportDigestJob } from '../jobs/jobs.js';
import { postWeeklyDigest, type ReportDependencies } from './report-service.js';

/**
 * The weekly digest: with REPORT_DIGEST_CHANNEL set, pg-boss queues a digest job on
 * REPORT_DIGEST_CRON in BUSINESS_TIMEZONE (or UTC), once per tick whatever the number of
 * replicas; without it, any earlier schedule is removed.
 */
export async function startReportDigest(deps: ReportDependencies & { queue: JobQueue }): Promise<void> {
  await deps.queue.work(reportDigestJob, (_payload, { logger }) => postWeeklyDigest({ ...deps, logger }));
  const { digestChannelId, digestCron, timeZone } = deps.settings;
  if (!digestChannelId) {
    await deps.queue.unschedule(reportDigestJob);
    return;
  }
  await deps.queue.schedule(reportDigestJob, digestCron, { kind: 'weekly' }, { tz: timeZone });
  deps.logger.info({ channel: digestChannelId, cron: digestCron, tz: timeZone }, 'weekly report digest scheduled');
}

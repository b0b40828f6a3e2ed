import type { SocialChannel } from '../../channels/social-channel.js';
import type { ReportSettings } from '../../config/load-config.js';
import type { Database } from '../../db/database.js';
import type { PrivateDataGuardOptions } from '../../domain/private-data-guard.js';
import type { JobQueue } from '../../jobs/job-queue.js';
import type { ChannelMembership } from '../../roles/channel-membership.js';
import type { Platform } from '../../generated/prisma/enums.js';
import type { RoleResolver } from '../../roles/role-resolver.js';

/** What Slack listeners hand their work to. */
export interface ListenerServices {
  prisma: Database['prisma'];
  queue: JobQueue;
  guardOptions: PrivateDataGuardOptions;
  /** SLACK_CHANNEL: where conversations go unless a routing rule says otherwise. */
  defaultChannelId: string;
  /** /socialreport settings (REPORT_MANAGERS, BUSINESS_HOURS…); defaults when absent. */
  reports?: ReportSettings;
  /** ROLE_* and APPROVAL_TOPICS: who publishes directly, who approves held drafts. */
  roles: RoleResolver;
  /** Who is in which channel: private conversations' text is shown only to members (see private-previews.ts). */
  channelMembership: ChannelMembership;
  /** The watched networks' adapters: a pasted link may need its network to tell which post it names. */
  channels?: ReadonlyMap<Platform, SocialChannel>;
}

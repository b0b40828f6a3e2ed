import type { webApi } from '@slack/bolt';
import type { Logger } from '../log/create-logger.js';

/** `unknown`: a listed user group could not be read, so membership cannot be ruled out. */
export type Membership = 'member' | 'not_member' | 'unknown';

export interface SlackMembership {
  /** Whether the user is listed, or in a listed user group (ids starting with S). */
  check(list: readonly string[], slackUserId: string): Promise<Membership>;
}

export interface SlackMembershipOptions {
  slack: Pick<webApi.WebClient, 'usergroups'>;
  logger: Logger;
  /** How long a user group's members are remembered; 0 reads Slack every time. */
  cacheMs?: number;
  /**
   * How long a check waits for Slack before counting a group as unreadable. Checks run before a
   * modal is acknowledged (3 s), and the Web API client retries rate-limited calls for much longer.
   */
  lookupTimeoutMs?: number;
  now?: () => Date;
}

const DEFAULT_CACHE_MS = 60_000;
const DEFAULT_LOOKUP_TIMEOUT_MS = 1_500;

/** Lists of Slack users and user groups, as the ROLE_* and REPORT_MANAGERS settings hold them. */
export function createSlackMembership(options: SlackMembershipOptions): SlackMembership {
  const cacheMs = options.cacheMs ?? DEFAULT_CACHE_MS;
  const clock = options.now ?? (() => new Date());
  const cache = new Map<string, { users: readonly string[]; until: number }>();

  async function membersOf(usergroup: string): Promise<readonly string[] | undefined> {
    const cached = cache.get(usergroup);
    if (cached && cached.until > clock().getTime()) return cached.users;
    // A late answer still fills the cache for the next check.
    const lookup = options.slack.usergroups.users.list({ usergroup }).then(
      ({ users = [] }) => {
        if (cacheMs > 0) cache.set(usergroup, { users, until: clock().getTime() + cacheMs });
        return users;
      },
      (error: unknown) => {
        options.logger.warn({ err: error, usergroup }, 'could not read a user group named in the role settings; treating the person as not in it');
        return undefined;
      },
    );
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timed_out'>((resolve) => {
      timer = setTimeout(() => resolve('timed_out'), options.lookupTimeoutMs ?? DEFAULT_LOOKUP_TIMEOUT_MS);
    });
    const users = await Promise.race([lookup, timedOut]).finally(() => clearTimeout(timer));
    if (users !== 'timed_out') return users;
    options.logger.warn({ usergroup }, 'Slack did not list a user group named in the role settings in time; treating the person as not in it');
    return undefined;
  }

  return {
    async check(list, slackUserId) {
      if (list.includes(slackUserId)) return 'member';
      let unreadable = false;
      for (const usergroup of list.filter((id) => id.startsWith('S'))) {
        const users = await membersOf(usergroup);
        if (users === undefined) unreadable = true;
        else if (users.includes(slackUserId)) return 'member';
      }
      return unreadable ? 'unknown' : 'not_member';
    },
  };
}

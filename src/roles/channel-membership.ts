import type { webApi } from '@slack/bolt';
import type { Logger } from '../log/create-logger.js';

export interface ChannelMembership {
  /**
   * Whether the person is in the Slack channel. Fails closed: when Slack cannot list the channel
   * in time, the answer is false (a warning is logged).
   */
  isMember(channelId: string, slackUserId: string): Promise<boolean>;
}

export interface ChannelMembershipOptions {
  slack: Pick<webApi.WebClient, 'conversations'>;
  logger: Logger;
  /** How long a channel's members are remembered; 0 reads Slack every time. */
  cacheMs?: number;
  /**
   * How long one lookup (all its pages) may take. Lookups run while a `/social` answer or the App
   * Home is being built, and the Web API client retries rate-limited calls for much longer.
   */
  lookupTimeoutMs?: number;
  now?: () => Date;
}

const DEFAULT_CACHE_MS = 60_000;
const DEFAULT_LOOKUP_TIMEOUT_MS = 2_000;
/** Slack recommends pages of at most 200 for conversations.members. */
const PAGE_SIZE = 200;

/** Members of Slack channels (conversations.members, every page), remembered briefly per channel. */
export function createChannelMembership(options: ChannelMembershipOptions): ChannelMembership {
  const cacheMs = options.cacheMs ?? DEFAULT_CACHE_MS;
  const clock = options.now ?? (() => new Date());
  const cache = new Map<string, { members: ReadonlySet<string>; until: number }>();
  // One lookup per channel at a time: a burst of App Home openings reads the channel once.
  const inFlight = new Map<string, Promise<ReadonlySet<string> | undefined>>();

  async function listAll(channel: string): Promise<ReadonlySet<string>> {
    const members = new Set<string>();
    let cursor: string | undefined;
    do {
      const page = await options.slack.conversations.members({ channel, limit: PAGE_SIZE, ...(cursor ? { cursor } : {}) });
      for (const member of page.members ?? []) members.add(member);
      cursor = page.response_metadata?.next_cursor || undefined;
    } while (cursor);
    return members;
  }

  function lookUp(channel: string): Promise<ReadonlySet<string> | undefined> {
    const running = inFlight.get(channel);
    if (running) return running;
    // A late answer still fills the cache for the next check.
    const lookup = listAll(channel)
      .then(
        (members) => {
          if (cacheMs > 0) cache.set(channel, { members, until: clock().getTime() + cacheMs });
          return members;
        },
        (error: unknown) => {
          options.logger.warn(
            { err: error, channel },
            'could not list the members of a channel; private conversations stay hidden from people it cannot vouch for',
          );
          return undefined;
        },
      )
      .finally(() => inFlight.delete(channel));
    inFlight.set(channel, lookup);
    return lookup;
  }

  async function membersOf(channel: string): Promise<ReadonlySet<string> | undefined> {
    const cached = cache.get(channel);
    if (cached && cached.until > clock().getTime()) return cached.members;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<'timed_out'>((resolve) => {
      timer = setTimeout(() => resolve('timed_out'), options.lookupTimeoutMs ?? DEFAULT_LOOKUP_TIMEOUT_MS);
    });
    const members = await Promise.race([lookUp(channel), timedOut]).finally(() => clearTimeout(timer));
    if (members !== 'timed_out') return members;
    options.logger.warn({ channel }, 'Slack did not list the members of a channel in time; private conversations stay hidden from people it cannot vouch for');
    return undefined;
  }

  return {
    async isMember(channelId, slackUserId) {
      return (await membersOf(channelId))?.has(slackUserId) ?? false;
    },
  };
}

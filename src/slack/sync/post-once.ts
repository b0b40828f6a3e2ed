import type { webApi } from '@slack/bolt';
import type { Logger } from '../../log/create-logger.js';
import type { SlackMessage } from '../blocks/slack-message.js';
import { carriesEarshotMetadata } from './message-metadata.js';

export interface PostOnceDependencies {
  slack: webApi.WebClient;
  logger: Logger;
}

/** Where a message goes, and what identifies it (in its message metadata) when looked up after a crash. */
export interface PostTarget {
  channel: string;
  threadTs?: string;
  /** When an earlier attempt started; null on the first attempt. */
  attemptedAt: Date | null;
  eventType: string;
  id: string;
}

/**
 * Posts a message at most once: `markAttempted` records the attempt before posting, and a post
 * that may already have happened (an earlier attempt) is looked up by its metadata first.
 */
export async function postOnce(
  deps: PostOnceDependencies,
  target: PostTarget,
  message: SlackMessage,
  markAttempted: (attemptedAt: Date) => Promise<unknown>,
): Promise<string> {
  if (target.attemptedAt) {
    const existing = await findPosted(deps, target);
    if (existing) {
      deps.logger.info({ eventType: target.eventType, id: target.id, ts: existing }, 'found the Slack message an earlier attempt posted');
      return existing;
    }
  }
  await markAttempted(new Date());
  const posted = await deps.slack.chat.postMessage({
    channel: target.channel,
    ...(target.threadTs ? { thread_ts: target.threadTs } : {}),
    ...message,
    unfurl_links: false,
    unfurl_media: false,
    metadata: { event_type: target.eventType, event_payload: { id: target.id } },
  });
  if (!posted.ts) throw new Error('chat.postMessage answered without a ts');
  return posted.ts;
}

async function findPosted(deps: PostOnceDependencies, target: PostTarget): Promise<string | undefined> {
  const oldest = String((target.attemptedAt!.getTime() - 60_000) / 1000);
  const page = target.threadTs
    ? await deps.slack.conversations.replies({ channel: target.channel, ts: target.threadTs, oldest, include_all_metadata: true, limit: 200 })
    : await deps.slack.conversations.history({ channel: target.channel, oldest, include_all_metadata: true, limit: 200 });
  const match = (page.messages ?? []).find((message) => carriesEarshotMetadata(message, target.eventType, target.id));
  return match?.ts;
}

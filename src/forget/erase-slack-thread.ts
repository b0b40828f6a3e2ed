import type { webApi } from '@slack/bolt';
import type { Database } from '../db/database.js';
import type { Logger } from '../log/create-logger.js';
import { renderRemovalNotice } from '../slack/blocks/forget-messages.js';

export interface EraseThreadDependencies {
  prisma: Database['prisma'];
  slack: webApi.WebClient;
  logger: Logger;
}

/** `slackParentDigest` of a forgotten conversation: its thread is still to be erased, or was. */
export const ERASE_PENDING_DIGEST = 'forgotten:erase-pending';
export const ERASED_THREAD_DIGEST = 'forgotten:erased';

/** Slack errors that mean the message is not ours to change, or is gone: nothing left to erase. */
const NOTHING_TO_ERASE = new Set(['message_not_found', 'cant_update_message', 'channel_not_found', 'is_archived', 'edit_window_closed']);

/**
 * Replaces every Slack message Earshot posted for a forgotten customer's conversation (the
 * parent, the mirrored posts and replies, the card under a surge alert) with a removal notice.
 * Idempotent: run again, it writes the same notice; a failure is thrown so the job is retried.
 */
export async function eraseSlackThread(deps: EraseThreadDependencies, conversationId: string): Promise<void> {
  const conversation = await deps.prisma.conversation.findUnique({
    where: { id: conversationId },
    select: {
      slackChannelId: true,
      slackThreadTs: true,
      surgeCardTs: true,
      surgeAlert: { select: { slackChannelId: true } },
      author: { select: { forgottenAt: true } },
      messages: { where: { direction: { not: 'note' }, slackTs: { not: null } }, select: { slackTs: true } },
      staffNotices: { select: { slackChannelId: true, slackTs: true } },
    },
  });
  if (!conversation?.author.forgottenAt) return;
  const targets: Array<{ channel: string; ts: string }> = [];
  if (conversation.slackChannelId) {
    const channel = conversation.slackChannelId;
    const timestamps = new Set([conversation.slackThreadTs, ...conversation.messages.map((message) => message.slackTs)]);
    // Notices Earshot posted without keeping their ts (hand-offs, reminders…) name the customer too.
    if (conversation.slackThreadTs) for (const ts of await botRepliesIn(deps, channel, conversation.slackThreadTs)) timestamps.add(ts);
    for (const ts of timestamps) if (ts) targets.push({ channel, ts });
  }
  if (conversation.surgeCardTs && conversation.surgeAlert) targets.push({ channel: conversation.surgeAlert.slackChannelId, ts: conversation.surgeCardTs });
  // The DMs sent to staff about it (hand-offs, rejected drafts, SLA reminders) quote or name the customer too.
  for (const notice of conversation.staffNotices) targets.push({ channel: notice.slackChannelId, ts: notice.slackTs });

  const notice = renderRemovalNotice();
  for (const target of targets) {
    try {
      await deps.slack.chat.update({ ...target, ...notice });
    } catch (error) {
      const code = slackErrorCode(error);
      if (!code || !NOTHING_TO_ERASE.has(code)) throw error;
      deps.logger.info({ ...target, code }, 'a Slack message of a forgotten conversation could not be replaced; skipping it');
    }
  }
  await deps.prisma.conversation.update({ where: { id: conversationId }, data: { slackParentDigest: ERASED_THREAD_DIGEST } });
  deps.logger.info({ conversationId, messages: targets.length }, 'replaced the Slack messages of a forgotten conversation');
}

/** Every message a bot (in practice, Earshot) posted in a thread; people's messages are theirs. */
async function botRepliesIn(deps: EraseThreadDependencies, channel: string, threadTs: string): Promise<string[]> {
  const found: string[] = [];
  let cursor: string | undefined;
  do {
    let page: Awaited<ReturnType<typeof deps.slack.conversations.replies>>;
    try {
      page = await deps.slack.conversations.replies({ channel, ts: threadTs, limit: 200, ...(cursor ? { cursor } : {}) });
    } catch (error) {
      const code = slackErrorCode(error);
      if (code && (NOTHING_TO_ERASE.has(code) || code === 'thread_not_found')) return found;
      throw error;
    }
    for (const message of page.messages ?? []) if (message.bot_id && message.ts) found.push(message.ts);
    cursor = page.response_metadata?.next_cursor || undefined;
  } while (cursor);
  return found;
}

function slackErrorCode(error: unknown): string | undefined {
  const data = (error as { data?: { error?: unknown } } | undefined)?.data;
  return typeof data?.error === 'string' ? data.error : undefined;
}

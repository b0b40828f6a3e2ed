import { networkOf } from '../channels/networks.js';
import type { SocialChannel } from '../channels/social-channel.js';
import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/prisma-errors.js';
import { nextStatus } from '../domain/conversation-status.js';
import type { Platform } from '../generated/prisma/enums.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { sendReplyJob, syncThreadJob } from '../jobs/jobs.js';
import type { Logger } from '../log/create-logger.js';
import { channelOf } from './channel-of.js';
import { settleDraftStatus } from './settle-draft-status.js';

export interface SendReplyDependencies {
  prisma: Database['prisma'];
  /** The adapter of every network Earshot watches: a reply goes out through its conversation's. */
  channels: ReadonlyMap<Platform, SocialChannel>;
  queue: JobQueue;
}

/** Thrown to let the queue retry with backoff; the reply was certainly not posted (or is looked up next time). */
export class RetryLaterError extends Error {}

/**
 * Posts one queued reply on its conversation's network, exactly once. The message is marked
 * `sending` before the request; if an attempt ends with an unknown outcome (timeout, dropped
 * connection, crash), the next attempt first looks for the reply on the network and only posts
 * when it is not there.
 */
export async function sendPublicReply(deps: SendReplyDependencies, messageId: string, context: { logger: Logger; attempt: number }): Promise<void> {
  const message = await deps.prisma.message.findUnique({ where: { id: messageId }, include: { conversation: { include: { account: true } } } });
  // A private message (a DM) never goes out as a public reply.
  if (!message || message.direction !== 'outbound' || message.visibility !== 'public' || !message.inReplyToExternalId) return;
  // Only queued replies go out: never a draft awaiting approval or a rejected one, nor one already settled.
  if (message.deliveryState !== 'pending' && message.deliveryState !== 'sending') {
    if (message.deliveryState === 'awaiting_approval' || message.deliveryState === 'rejected')
      context.logger.warn({ messageId, deliveryState: message.deliveryState }, 'not posting a draft that is not approved');
    return;
  }

  if (message.externalId) return markSent(deps, message.id, message.externalId);
  const channel = channelOf(deps.channels, message.platform);
  const accountId = message.conversation.account.externalId;
  // `sending` at this point: an earlier attempt may have posted the reply (its outcome is unknown).
  const earlierOutcomeUnknown = message.deliveryState === 'sending';
  // Searched from when the first unanswered attempt began (older rows have no start: their creation).
  const sendStartedAt = earlierOutcomeUnknown ? (message.sendStartedAt ?? message.createdAt) : new Date();
  if (earlierOutcomeUnknown) {
    const existing = await channel.findOwnReply(accountId, { text: message.text, inReplyToId: message.inReplyToExternalId, notBefore: sendStartedAt });
    if (existing) {
      context.logger.info({ messageId, postId: existing.id }, 'an earlier attempt had posted the reply; not posting again');
      return markSent(deps, message.id, existing.id);
    }
  }

  await deps.prisma.message.update({ where: { id: message.id }, data: { deliveryState: 'sending', sendStartedAt, attempts: { increment: 1 } } });
  try {
    const posted = await channel.sendPublicReply({ text: message.text, inReplyToId: message.inReplyToExternalId });
    await markSent(deps, message.id, posted.id);
  } catch (error) {
    const network = networkOf(message.platform);
    const failure = network.classifyError(error);
    context.logger.warn({ messageId, kind: failure.kind, network: network.id, err: error }, `${network.name} did not take the reply`);
    if (failure.kind === 'timeout_unknown_outcome' || (failure.kind === 'duplicate_content' && earlierOutcomeUnknown)) {
      // Stays `sending`: the retry looks the reply up before posting. A duplicate after an unknown
      // outcome most likely is the earlier attempt's reply, not yet visible when it was looked for.
      await deps.prisma.message.update({ where: { id: message.id }, data: { lastError: failure.plainMessage } });
      throw new RetryLaterError(failure.plainMessage);
    }
    const exhausted = context.attempt >= sendReplyJob.retryLimit;
    if (failure.retryable && !exhausted) {
      await deps.prisma.message.update({ where: { id: message.id }, data: { deliveryState: 'pending', lastError: failure.plainMessage } });
      // The thread's "Sending…" says why it waits (a network's rate limit can mean minutes).
      await deps.queue.send(syncThreadJob, { conversationId: message.conversationId }, { key: message.conversationId });
      if (failure.retryAt) {
        await deps.queue.send(sendReplyJob, { messageId: message.id }, { key: message.id, startAfter: failure.retryAt });
        return;
      }
      throw new RetryLaterError(failure.plainMessage);
    }
    await markFailed(deps, message.id, failure.plainMessage, failure.kind);
  }
}

async function markSent(deps: SendReplyDependencies, messageId: string, postId: string): Promise<void> {
  const now = new Date();
  const message = await deps.prisma
    .$transaction(async (tx) => {
      const sending = await tx.message.findUniqueOrThrow({ where: { id: messageId }, select: { platform: true } });
      // The poll of our own posts may have stored this post first, as if made outside Earshot.
      const storedByPoll = await tx.message.findUnique({ where: { platform_externalId: { platform: sending.platform, externalId: postId } } });
      if (storedByPoll && storedByPoll.id !== messageId) await tx.message.delete({ where: { id: storedByPoll.id } });
      const sent = await tx.message.update({ where: { id: messageId }, data: { deliveryState: 'sent', externalId: postId, postedAt: now, lastError: null } });
      const conversation = await tx.conversation.findUniqueOrThrow({ where: { id: sent.conversationId } });
      // Earshot's automatic reply is no answer from the team: the conversation still waits for one.
      if (!sent.automated) {
        await tx.conversation.update({
          where: { id: conversation.id },
          data: { status: nextStatus(conversation.status, 'replySent'), firstResponseAt: conversation.firstResponseAt ?? now },
        });
      }
      await tx.auditEntry.create({
        data: {
          conversationId: conversation.id,
          actorSlackUserId: sent.slackUserId,
          action: 'reply.sent',
          surface: sent.platform,
          details: { messageId, postId },
        },
      });
      return sent;
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw new RetryLaterError('the post was stored concurrently; retrying');
      throw error;
    });
  await deps.queue.send(syncThreadJob, { conversationId: message.conversationId }, { key: message.conversationId });
}

async function markFailed(deps: SendReplyDependencies, messageId: string, plainMessage: string, kind: string): Promise<void> {
  const message = await deps.prisma.$transaction(async (tx) => {
    const failed = await tx.message.update({ where: { id: messageId }, data: { deliveryState: 'failed', lastError: plainMessage, failureKind: kind } });
    // An approved draft that the network refused no longer awaits approval.
    await settleDraftStatus(tx, failed.conversationId);
    await tx.auditEntry.create({
      data: {
        conversationId: failed.conversationId,
        actorSlackUserId: failed.slackUserId,
        action: 'reply.failed',
        surface: failed.platform,
        details: { messageId, kind },
      },
    });
    return failed;
  });
  await deps.queue.send(syncThreadJob, { conversationId: message.conversationId }, { key: message.conversationId });
}

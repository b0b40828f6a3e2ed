import { networkOf } from '../channels/networks.js';
import type { SentDirectMessage, SocialChannel } from '../channels/social-channel.js';
import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/prisma-errors.js';
import { nextStatus } from '../domain/conversation-status.js';
import type { Platform } from '../generated/prisma/enums.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { sendDmJob, syncThreadJob } from '../jobs/jobs.js';
import type { Logger } from '../log/create-logger.js';
import { channelOf } from './channel-of.js';
import { RetryLaterError } from './send-public-reply.js';

export interface SendDirectMessageDependencies {
  prisma: Database['prisma'];
  /** The adapter of every network Earshot watches: a DM goes out through its conversation's. */
  channels: ReadonlyMap<Platform, SocialChannel>;
  queue: JobQueue;
}

/** DM event ids may share the network's id space with post ids but are not posts: stored with this prefix. */
export const DM_EXTERNAL_ID_PREFIX = 'dm:';
export const dmExternalId = (eventId: string): string => `${DM_EXTERNAL_ID_PREFIX}${eventId}`;

/**
 * Sends one queued direct message on its conversation's network, exactly once. The message is
 * marked `sending` before the request; if an attempt ends with an unknown outcome (timeout, dropped
 * connection, crash), the next attempt first looks for the DM in the conversation on the network
 * and only sends when it is not there.
 */
export async function sendDirectMessage(deps: SendDirectMessageDependencies, messageId: string, context: { logger: Logger; attempt: number }): Promise<void> {
  const message = await deps.prisma.message.findUnique({
    where: { id: messageId },
    include: { conversation: { include: { author: true, account: true } } },
  });
  if (!message || message.direction !== 'outbound' || message.visibility !== 'private') return;
  // Held and rejected drafts never go out from here, whatever queued the job.
  if (message.deliveryState !== 'pending' && message.deliveryState !== 'sending') return;
  const participantId = message.conversation.author.externalId;

  if (message.externalId)
    return markSent(deps, message.id, {
      id: message.externalId.slice(DM_EXTERNAL_ID_PREFIX.length),
      dmConversationId: message.conversation.dmConversationId ?? '',
    });
  const { directMessages } = channelOf(deps.channels, message.platform);
  const rules = networkOf(message.platform).directMessages;
  if (!directMessages || !rules) throw new Error(`${networkOf(message.platform).name} has no direct messages`);
  const accountId = message.conversation.account.externalId;
  // `sending` at this point: an earlier attempt may have sent the DM (its outcome is unknown).
  const earlierOutcomeUnknown = message.deliveryState === 'sending';
  // Searched from when the first unanswered attempt began (older rows have no start: their creation).
  const sendStartedAt = earlierOutcomeUnknown ? (message.sendStartedAt ?? message.createdAt) : new Date();
  if (earlierOutcomeUnknown) {
    let existing: SentDirectMessage | undefined;
    try {
      existing = await directMessages.findOwnDirectMessage(accountId, { participantId, text: message.text, notBefore: sendStartedAt });
    } catch (error) {
      // Without the look-up, sending could deliver the DM twice: wait and look again.
      const failure = rules.classifyError(error);
      context.logger.warn({ messageId, kind: failure.kind, err: error }, "could not look for an earlier attempt's direct message");
      if (failure.retryAt) {
        await deps.queue.send(sendDmJob, { messageId: message.id }, { key: message.id, startAfter: failure.retryAt });
        return;
      }
      throw new RetryLaterError(`could not look for an earlier attempt's direct message: ${failure.plainMessage}`);
    }
    if (existing) {
      context.logger.info({ messageId, dmEventId: existing.id }, 'an earlier attempt had sent the direct message; not sending again');
      return markSent(deps, message.id, existing);
    }
  }

  await deps.prisma.message.update({ where: { id: message.id }, data: { deliveryState: 'sending', sendStartedAt, attempts: { increment: 1 } } });
  try {
    const sent = await directMessages.sendDirectMessage({ participantId, text: message.text });
    await markSent(deps, message.id, sent);
  } catch (error) {
    if (error instanceof RetryLaterError) throw error;
    const failure = rules.classifyError(error);
    context.logger.warn({ messageId, kind: failure.kind, network: message.platform, err: error }, 'the network did not take the direct message');
    if (failure.kind === 'timeout_unknown_outcome') {
      // Stays `sending`: the retry looks the DM up before sending.
      await deps.prisma.message.update({ where: { id: message.id }, data: { lastError: failure.plainMessage } });
      throw new RetryLaterError(failure.plainMessage);
    }
    const exhausted = context.attempt >= sendDmJob.retryLimit;
    if (failure.retryable && (!exhausted || failure.retryAt)) {
      await deps.prisma.message.update({ where: { id: message.id }, data: { deliveryState: 'pending', lastError: failure.plainMessage } });
      if (failure.retryAt) {
        // The network's limit on DMs: wait for the reset rather than spend retries, and say so in the thread.
        await deps.queue.send(sendDmJob, { messageId: message.id }, { key: message.id, startAfter: failure.retryAt });
        await deps.queue.send(syncThreadJob, { conversationId: message.conversationId }, { key: message.conversationId });
        return;
      }
      throw new RetryLaterError(failure.plainMessage);
    }
    await markFailed(deps, message.id, failure.plainMessage, failure.kind);
  }
}

async function markSent(deps: SendDirectMessageDependencies, messageId: string, sent: SentDirectMessage): Promise<void> {
  const now = new Date();
  const externalId = dmExternalId(sent.id);
  const message = await deps.prisma
    .$transaction(async (tx) => {
      const sending = await tx.message.findUniqueOrThrow({ where: { id: messageId }, select: { platform: true } });
      // The DM poll may have stored this DM first, as if sent outside Earshot.
      const storedByPoll = await tx.message.findUnique({ where: { platform_externalId: { platform: sending.platform, externalId } } });
      if (storedByPoll && storedByPoll.id !== messageId) await tx.message.delete({ where: { id: storedByPoll.id } });
      const updated = await tx.message.update({ where: { id: messageId }, data: { deliveryState: 'sent', externalId, postedAt: now, lastError: null } });
      const conversation = await tx.conversation.findUniqueOrThrow({ where: { id: updated.conversationId } });
      await tx.conversation.update({
        where: { id: conversation.id },
        data: {
          status: nextStatus(conversation.status, 'replySent'),
          firstResponseAt: conversation.firstResponseAt ?? now,
          ...(sent.dmConversationId && conversation.dmConversationId !== sent.dmConversationId ? { dmConversationId: sent.dmConversationId } : {}),
        },
      });
      await tx.auditEntry.create({
        data: {
          conversationId: conversation.id,
          actorSlackUserId: updated.slackUserId,
          action: 'dm.sent',
          surface: updated.platform,
          details: { messageId, dmEventId: sent.id },
        },
      });
      return updated;
    })
    .catch((error: unknown) => {
      if (isUniqueViolation(error)) throw new RetryLaterError('the direct message was stored concurrently; retrying');
      throw error;
    });
  await deps.queue.send(syncThreadJob, { conversationId: message.conversationId }, { key: message.conversationId });
}

async function markFailed(deps: SendDirectMessageDependencies, messageId: string, plainMessage: string, kind: string): Promise<void> {
  const message = await deps.prisma.message.update({ where: { id: messageId }, data: { deliveryState: 'failed', lastError: plainMessage } });
  await deps.prisma.auditEntry.create({
    data: {
      conversationId: message.conversationId,
      actorSlackUserId: message.slackUserId,
      action: 'dm.failed',
      surface: message.platform,
      details: { messageId, kind },
    },
  });
  await deps.queue.send(syncThreadJob, { conversationId: message.conversationId }, { key: message.conversationId });
}

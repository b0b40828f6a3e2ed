import { randomUUID } from 'node:crypto';
import type { Database } from '../db/database.js';
import { formatConversationRef } from '../domain/conversation-ref.js';
import { Prisma } from '../generated/prisma/client.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { eraseSlackThreadJob, syncSurgeAlertJob } from '../jobs/jobs.js';
import { eraseJobTraces } from './erase-job-traces.js';
import { eraseWebhookDeliveries } from './erase-webhook-deliveries.js';
import { ERASE_PENDING_DIGEST } from './erase-slack-thread.js';

export const FORGOTTEN_HANDLE = 'forgotten';
export const ERASED_TEXT = '[removed]';
const CANCELLED = 'Not sent: the customer’s data was erased (data request).';

export interface ForgetOutcome {
  conversationRefs: number[];
  messages: number;
}

/**
 * `/social forget`: in one transaction, the customer's author rows are anonymised and every message
 * of their conversations loses its text and platform data, while rows, directions, times, delivery
 * states and conversation figures stay, so reports count the same. Replies not yet sent are
 * cancelled. Then each Slack thread is replaced by a removal notice (a durable job per thread).
 */
export async function forgetCustomer(
  deps: { prisma: Database['prisma']; queue: JobQueue },
  request: { authorIds: readonly string[]; actorSlackUserId: string; surface: string },
): Promise<ForgetOutcome | undefined> {
  const outcome = await deps.prisma.$transaction(async (tx) => {
    const authors = await tx.author.findMany({ where: { id: { in: [...request.authorIds] }, forgottenAt: null }, select: { id: true, externalId: true } });
    if (authors.length === 0) return undefined;
    const authorIds = authors.map((author) => author.id);
    const conversations = await tx.conversation.findMany({ where: { authorId: { in: authorIds } }, orderBy: { ref: 'asc' }, select: { id: true, ref: true } });
    const conversationIds = conversations.map((conversation) => conversation.id);
    const now = new Date();

    const messageIds = (await tx.message.findMany({ where: { conversationId: { in: conversationIds } }, select: { id: true } })).map((message) => message.id);
    // Every free-text column may quote the customer (errors quote the network, reasons quote the draft): all cleared.
    const erased = await tx.message.updateMany({
      where: { conversationId: { in: conversationIds } },
      data: {
        text: ERASED_TEXT,
        payload: Prisma.DbNull,
        authorHandle: null,
        authorName: null,
        externalId: null,
        inReplyToExternalId: null,
        lastError: null,
        approvalReason: null,
        rejectionReason: null,
      },
    });
    await tx.message.updateMany({
      where: { conversationId: { in: conversationIds }, direction: 'outbound', deliveryState: { in: ['pending', 'awaiting_approval'] } },
      data: { deliveryState: 'failed', lastError: CANCELLED },
    });
    const handoffIds = (await tx.handoff.findMany({ where: { conversationId: { in: conversationIds } }, select: { id: true } })).map((handoff) => handoff.id);
    await tx.handoff.updateMany({ where: { id: { in: handoffIds } }, data: { note: null } });
    await eraseJobTraces(tx, { conversationIds, messageIds, handoffIds });
    await eraseWebhookDeliveries(
      tx,
      authors.map((author) => author.externalId),
      now,
    );
    const surgeAlertIds = await dropSurgeExamples(tx, messageIds);
    for (const author of authorIds) {
      await tx.author.update({
        where: { id: author },
        data: { handle: FORGOTTEN_HANDLE, name: null, profileImage: null, followerCount: null, externalId: `forgotten:${randomUUID()}`, forgottenAt: now },
      });
    }
    // The network's conversation id may be the customer's first post's id (on X it is): replaced too (a new post starts a new conversation).
    for (const conversation of conversations) {
      await tx.conversation.update({
        where: { id: conversation.id },
        data: { externalConversationId: `forgotten:${randomUUID()}`, dmConversationId: null, slackParentDigest: ERASE_PENDING_DIGEST },
      });
    }

    const details = {
      conversationRefs: conversations.map((conversation) => formatConversationRef(conversation.ref)),
      conversations: conversations.length,
      messages: erased.count,
    };
    const audited = conversations.length > 0 ? conversationIds : [null];
    await tx.auditEntry.createMany({
      data: audited.map((conversationId) => ({
        conversationId,
        actorSlackUserId: request.actorSlackUserId,
        action: 'customer.forgotten',
        surface: request.surface,
        details,
      })),
    });
    return { conversationIds, surgeAlertIds, outcome: { conversationRefs: conversations.map((conversation) => conversation.ref), messages: erased.count } };
  });
  if (!outcome) return undefined;
  for (const conversationId of outcome.conversationIds) await deps.queue.send(eraseSlackThreadJob, { conversationId }, { key: conversationId });
  // The alert is shown again without their posts among its examples.
  for (const surgeAlertId of outcome.surgeAlertIds) await deps.queue.send(syncSurgeAlertJob, { surgeAlertId }, { key: surgeAlertId });
  return outcome.outcome;
}

/** Takes the customer's posts out of surge alerts' examples; returns the alerts changed. */
async function dropSurgeExamples(tx: Prisma.TransactionClient, messageIds: string[]): Promise<string[]> {
  if (messageIds.length === 0) return [];
  const alerts = await tx.$queryRawUnsafe<Array<{ id: string; examples: unknown }>>(
    `SELECT id::text AS id, examples FROM "SurgeAlert" WHERE EXISTS (SELECT 1 FROM jsonb_array_elements_text(examples) AS e(id) WHERE e.id = ANY($1::text[]))`,
    messageIds,
  );
  const erased = new Set(messageIds);
  for (const alert of alerts) {
    const kept = Array.isArray(alert.examples) ? alert.examples.filter((id) => typeof id === 'string' && !erased.has(id)) : [];
    await tx.surgeAlert.update({ where: { id: alert.id }, data: { examples: kept } });
  }
  return alerts.map((alert) => alert.id);
}

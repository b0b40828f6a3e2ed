import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/prisma-errors.js';
import { isWithinBusinessHours, type BusinessCalendar } from '../domain/business-time.js';
import { outOfHoursReplyText } from '../domain/out-of-hours-reply.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { sendReplyJob } from '../jobs/jobs.js';
import { recordOutboundMessage } from './queue-outbound-message.js';

export interface OutOfHoursDependencies {
  prisma: Database['prisma'];
  queue: JobQueue;
  /** OUT_OF_HOURS_REPLY; undefined: off. */
  reply: string | undefined;
  calendar: BusinessCalendar;
  now: () => Date;
}

/** A customer gets at most one automatic reply in this long, however many conversations they start. */
const perCustomerQuietMs = 12 * 3_600_000;

/**
 * Outside business hours (by the clock), answers a conversation that a public mention just started
 * with OUT_OF_HOURS_REPLY, once per conversation and at most once per customer in 12 hours. The
 * reply goes out through the same queue as people's replies, marked `automated`: it is no first
 * response and does not end the customer's wait. Returns the queued message's id, if any.
 */
export async function queueOutOfHoursReply(deps: OutOfHoursDependencies, conversationId: string): Promise<string | undefined> {
  const { reply, calendar } = deps;
  if (!reply || !calendar) return undefined;
  const now = deps.now();
  if (isWithinBusinessHours(now, calendar)) return undefined;

  const conversation = await deps.prisma.conversation.findUnique({
    where: { id: conversationId },
    include: { author: true, messages: { where: { direction: 'inbound', visibility: 'public' }, orderBy: { createdAt: 'asc' }, take: 1 } },
  });
  const mention = conversation?.messages[0];
  if (!conversation || !mention?.externalId || conversation.status === 'resolved' || conversation.author.spamMarkedAt || conversation.author.forgottenAt)
    return undefined;
  const { author } = conversation;
  const inReplyTo = mention.externalId;

  let messageId: string | undefined;
  try {
    messageId = await deps.prisma.$transaction(async (tx) => {
      // One at a time per customer, so two conversations started together cannot both be answered.
      await tx.$executeRaw`SELECT 1 FROM "Author" WHERE id = ${author.id}::uuid FOR UPDATE`;
      const recent = await tx.message.count({
        where: { automated: true, createdAt: { gt: new Date(now.getTime() - perCustomerQuietMs) }, conversation: { authorId: author.id } },
      });
      if (recent > 0) return undefined;
      return recordOutboundMessage(tx, {
        conversationId,
        platform: conversation.platform,
        visibility: 'public',
        inReplyToExternalId: inReplyTo,
        slackUserId: null,
        text: outOfHoursReplyText(author.handle, reply),
        idempotencyKey: `out-of-hours:${conversationId}`,
        surface: 'out_of_hours',
        kind: 'reply',
        automated: { createdAt: now },
      });
    });
  } catch (error) {
    if (!isUniqueViolation(error)) throw error;
    return undefined; // already queued for this conversation
  }
  if (messageId) await deps.queue.send(sendReplyJob, { messageId }, { key: messageId });
  return messageId;
}

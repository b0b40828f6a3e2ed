import { networkOf } from '../channels/networks.js';
import type { SocialDirectMessage } from '../channels/social-channel.js';
import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/prisma-errors.js';
import { inboundEvent, isReopening, isSettled, nextStatus } from '../domain/conversation-status.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { Logger } from '../log/create-logger.js';
import { dmExternalId } from '../replies/send-direct-message.js';
import type { WatchedAccount } from './ingest-posts.js';

type Prisma_ = Database['prisma'];

/**
 * Stores direct messages (oldest first) in the conversations they belong to, each exactly once
 * (keyed by `dm:<event id>`). A customer's DM goes to the conversation already holding that DM
 * conversation, else to their open conversation, else starts a new private conversation; the
 * account's own DMs only join conversations Earshot tracks, and those Earshot sent itself are not
 * stored twice. Returns the ids of conversations whose Slack thread must be brought up to date.
 */
export async function ingestDirectMessages(
  prisma: Prisma_,
  account: WatchedAccount,
  messages: readonly SocialDirectMessage[],
  logger: Logger,
): Promise<Set<string>> {
  const changed = new Set<string>();
  for (const message of messages) {
    const conversationId = await ingestDirectMessage(prisma, account, message, logger);
    if (conversationId) changed.add(conversationId);
  }
  return changed;
}

async function ingestDirectMessage(
  prisma: Prisma_,
  account: WatchedAccount,
  dm: SocialDirectMessage,
  logger: Logger,
  isRetry = false,
): Promise<string | undefined> {
  const externalId = dmExternalId(dm.id);
  const known = await prisma.message.findUnique({ where: { platform_externalId: { platform: account.platform, externalId } } });
  if (known) return undefined;

  try {
    if (dm.fromAccount && (await adoptOwnDmInFlight(prisma, account, dm))) return undefined;
    const author = await prisma.author.findUnique({ where: { platform_externalId: { platform: account.platform, externalId: dm.participantId } } });
    const conversation = await findDmConversation(prisma, account, dm, author?.id);
    if (!conversation) {
      // The account's own DMs only matter inside conversations Earshot tracks; they never start one.
      if (dm.fromAccount) return undefined;
      if (author?.spamMarkedAt) {
        logger.info({ dmEventId: dm.id }, 'direct message from an author marked as spam: no new conversation');
        return undefined;
      }
      const profile = dm.participant ?? (author ? { id: author.externalId, handle: author.handle } : undefined);
      if (!profile) {
        logger.error({ dmEventId: dm.id, senderId: dm.senderId }, "the network did not include the sender's profile with a direct message; skipped");
        return undefined;
      }
      return await startDmConversation(prisma, account, dm, profile);
    }
    return await prisma.$transaction(async (tx) => {
      const event = dm.fromAccount ? 'replySent' : inboundEvent(dm.text);
      const status = nextStatus(conversation.status, event);
      const keptSettled = event === 'acknowledgementReceived' && isSettled(conversation.status);
      await tx.message.create({ data: { ...messageData(account, dm, conversation.id), acknowledgement: keptSettled } });
      await tx.conversation.update({
        where: { id: conversation.id },
        data: {
          status,
          ...(status !== 'resolved' ? { resolvedAt: null } : {}),
          ...(dm.fromAccount && !conversation.firstResponseAt ? { firstResponseAt: dm.createdAt } : {}),
          ...(conversation.dmConversationId !== dm.dmConversationId ? { dmConversationId: dm.dmConversationId } : {}),
        },
      });
      if (isReopening(conversation.status, event)) {
        await tx.auditEntry.create({
          data: { conversationId: conversation.id, action: 'conversation.reopened', surface: directMessageSurface(account), details: { dmEventId: dm.id } },
        });
      }
      await tx.auditEntry.create({
        data: {
          conversationId: conversation.id,
          action: dm.fromAccount ? 'dm.sent_elsewhere' : 'dm.received',
          surface: directMessageSurface(account),
          details: { dmEventId: dm.id },
        },
      });
      return conversation.id;
    });
  } catch (error) {
    // Another poll (or replica) stored this DM, or started its conversation, first: look again.
    if (isUniqueViolation(error) && !isRetry) return ingestDirectMessage(prisma, account, dm, logger, true);
    throw error;
  }
}

/**
 * A DM Earshot is sending can show up in the DM poll before the sender has recorded its id. Link
 * it to that message (whose sender then finishes the job) instead of storing it a second time.
 */
async function adoptOwnDmInFlight(prisma: Prisma_, account: WatchedAccount, dm: SocialDirectMessage): Promise<boolean> {
  const inFlight = await prisma.message.findMany({
    where: {
      direction: 'outbound',
      visibility: 'private',
      externalId: null,
      deliveryState: 'sending',
      conversation: { accountId: account.id, author: { platform: account.platform, externalId: dm.participantId } },
    },
    orderBy: { createdAt: 'asc' },
  });
  const network = networkOf(account.platform);
  const match = inFlight.find((message) => network.isSamePostText(message.text, dm.text));
  if (!match) return false;
  await prisma.$transaction([
    prisma.message.update({ where: { id: match.id }, data: { externalId: dmExternalId(dm.id) } }),
    prisma.conversation.updateMany({ where: { id: match.conversationId, dmConversationId: null }, data: { dmConversationId: dm.dmConversationId } }),
  ]);
  return true;
}

/** The conversation a DM belongs to, if Earshot tracks one. */
async function findDmConversation(prisma: Prisma_, account: WatchedAccount, dm: SocialDirectMessage, authorId: string | undefined) {
  const scope = { platform: account.platform, accountId: account.id };
  // The open conversation that already holds this DM conversation (taken private, or started by DM).
  const holding = await prisma.conversation.findFirst({
    where: { ...scope, dmConversationId: dm.dmConversationId, status: { not: 'resolved' } },
    orderBy: { updatedAt: 'desc' },
  });
  if (holding) return holding;
  // The customer's open conversation: a private one first, else the most recently active.
  if (authorId) {
    const open = await prisma.conversation.findFirst({
      where: { ...scope, authorId, status: { not: 'resolved' } },
      orderBy: [{ visibility: 'desc' }, { updatedAt: 'desc' }],
    });
    if (open) return open;
  }
  // A conversation started by this DM conversation, since resolved: the customer writes again, so it reopens.
  const started = await prisma.conversation.findUnique({
    where: { platform_accountId_externalConversationId: { ...scope, externalConversationId: dm.dmConversationId } },
  });
  if (started || !dm.fromAccount) return started;
  // The account wrote in a DM conversation whose Earshot conversation was resolved: it joins that one.
  return prisma.conversation.findFirst({ where: { ...scope, dmConversationId: dm.dmConversationId }, orderBy: { updatedAt: 'desc' } });
}

async function startDmConversation(
  prisma: Prisma_,
  account: WatchedAccount,
  dm: SocialDirectMessage,
  profile: NonNullable<SocialDirectMessage['participant']>,
): Promise<string> {
  return prisma.$transaction(async (tx) => {
    const details = {
      handle: profile.handle,
      ...(profile.name !== undefined ? { name: profile.name } : {}),
      ...(profile.profileImageUrl !== undefined ? { profileImage: profile.profileImageUrl } : {}),
      ...(profile.followerCount !== undefined ? { followerCount: profile.followerCount } : {}),
    };
    const author = await tx.author.upsert({
      where: { platform_externalId: { platform: account.platform, externalId: dm.participantId } },
      create: { platform: account.platform, externalId: dm.participantId, ...details },
      update: details,
    });
    const conversation = await tx.conversation.create({
      data: {
        platform: account.platform,
        externalConversationId: dm.dmConversationId,
        dmConversationId: dm.dmConversationId,
        visibility: 'private',
        accountId: account.id,
        authorId: author.id,
        createdAt: dm.createdAt,
      },
    });
    await tx.message.create({ data: messageData(account, dm, conversation.id) });
    await tx.auditEntry.create({
      data: {
        conversationId: conversation.id,
        action: 'conversation.created',
        surface: directMessageSurface(account),
        details: { dmEventId: dm.id, dmConversationId: dm.dmConversationId },
      },
    });
    return conversation.id;
  });
}

function messageData(account: WatchedAccount, dm: SocialDirectMessage, conversationId: string): Prisma.MessageUncheckedCreateInput {
  return {
    conversationId,
    direction: dm.fromAccount ? 'outbound' : 'inbound',
    visibility: 'private',
    platform: account.platform,
    externalId: dmExternalId(dm.id),
    authorHandle: dm.fromAccount ? null : (dm.participant?.handle ?? null),
    authorName: dm.fromAccount ? null : (dm.participant?.name ?? null),
    text: dm.text,
    payload: { dmEvent: dm.raw } as Prisma.InputJsonValue,
    deliveryState: dm.fromAccount ? 'sent' : 'received',
    postedAt: dm.createdAt,
    createdAt: dm.createdAt,
  };
}

/** Audit entries of direct messages name their network's DMs (`x_dm`). */
function directMessageSurface(account: WatchedAccount): string {
  return `${account.platform}_dm`;
}

import { networkOf } from '../channels/networks.js';
import type { SocialPost } from '../channels/social-channel.js';
import { assignConversation } from '../conversations/assign-conversation.js';
import type { Database } from '../db/database.js';
import { isUniqueViolation } from '../db/prisma-errors.js';
import { inboundEvent, isReopening, isSettled, nextStatus } from '../domain/conversation-status.js';
import type { Prisma } from '../generated/prisma/client.js';
import type { Platform } from '../generated/prisma/enums.js';
import type { JobQueue } from '../jobs/job-queue.js';
import { matchRoutingRule } from '../routing/match-routing-rule.js';
import { loadRoutingRules } from '../routing/routing-rules.js';

type Prisma_ = Database['prisma'];

export interface WatchedAccount {
  id: string;
  platform: Platform;
  /** The account's id on the platform. */
  externalId: string;
}

export interface IngestOptions {
  /** Needed to hand a new conversation to the team a routing rule names (and notify its members). */
  queue?: JobQueue;
  /** Called once a mention has started a conversation (not for authors marked as spam), after it is stored. */
  onConversationStarted?: (conversationId: string) => Promise<void>;
}

/**
 * Stores posts (oldest first) as conversations and messages, each post exactly once whatever the
 * overlap between polls: the (platform, externalId) unique key decides, not the caller.
 * Returns the ids of conversations whose Slack thread must be brought up to date.
 */
export async function ingestPosts(prisma: Prisma_, account: WatchedAccount, posts: readonly SocialPost[], options: IngestOptions = {}): Promise<Set<string>> {
  const changed = new Set<string>();
  for (const post of posts) {
    const conversationId = await ingestPost(prisma, account, post, options);
    if (conversationId) changed.add(conversationId);
  }
  return changed;
}

async function ingestPost(prisma: Prisma_, account: WatchedAccount, post: SocialPost, options: IngestOptions, isRetry = false): Promise<string | undefined> {
  const known = await prisma.message.findUnique({ where: { platform_externalId: { platform: account.platform, externalId: post.id } } });
  if (known) return undefined;

  const fromBrand = post.author.id === account.externalId;
  const conversation = await findConversation(prisma, account, post);
  // The brand's own posts only matter inside conversations Earshot tracks; they never start one.
  if (!conversation && fromBrand) return undefined;

  try {
    if (!conversation) return await startConversation(prisma, account, post, options);
    if (fromBrand && (await adoptOwnReplyInFlight(prisma, account, conversation.id, post))) return undefined;
    // A spam-marked author's posts are kept, but never bring a conversation back into the queue.
    const fromSpamAuthor = !fromBrand && (await isMarkedAsSpam(prisma, account, post.author.id));
    return await prisma.$transaction(async (tx) => {
      const event = fromBrand ? 'replySent' : inboundEvent(post.text);
      const status = fromSpamAuthor ? conversation.status : nextStatus(conversation.status, event);
      const keptSettled = event === 'acknowledgementReceived' && isSettled(conversation.status);
      await tx.message.create({ data: { ...messageData(account, post, conversation.id, fromBrand), acknowledgement: keptSettled } });
      await tx.conversation.update({
        where: { id: conversation.id },
        data: {
          status,
          ...(status !== 'resolved' ? { resolvedAt: null } : {}),
          ...(fromBrand && !conversation.firstResponseAt ? { firstResponseAt: post.createdAt } : {}),
        },
      });
      if (!fromSpamAuthor && isReopening(conversation.status, event)) {
        await tx.auditEntry.create({
          data: { conversationId: conversation.id, action: 'conversation.reopened', surface: account.platform, details: { postId: post.id } },
        });
      }
      if (fromBrand) {
        await tx.auditEntry.create({
          data: { conversationId: conversation.id, action: 'reply.posted_elsewhere', surface: account.platform, details: { postId: post.id } },
        });
      }
      return conversation.id;
    });
  } catch (error) {
    // Another poll (or replica) stored this post, or started its conversation, first: look again.
    if (isUniqueViolation(error) && !isRetry) return ingestPost(prisma, account, post, options, true);
    throw error;
  }
}

/**
 * A reply Earshot is posting can show up in the poll of our own posts before the sender has
 * recorded its id. Link it to that reply (whose sender then finishes the job) instead of storing
 * it a second time as a post made elsewhere.
 */
async function adoptOwnReplyInFlight(prisma: Prisma_, account: WatchedAccount, conversationId: string, post: SocialPost): Promise<boolean> {
  const inFlight = await prisma.message.findMany({
    where: {
      conversationId,
      direction: 'outbound',
      externalId: null,
      deliveryState: { in: ['pending', 'sending'] },
      inReplyToExternalId: post.inReplyToPostId ?? null,
    },
  });
  const network = networkOf(account.platform);
  const match = inFlight.find((message) => network.isSamePostText(message.text, post.text));
  if (!match) return false;
  await prisma.message.update({ where: { id: match.id }, data: { externalId: post.id } });
  return true;
}

async function isMarkedAsSpam(prisma: Prisma_, account: WatchedAccount, authorExternalId: string): Promise<boolean> {
  const author = await prisma.author.findUnique({
    where: { platform_externalId: { platform: account.platform, externalId: authorExternalId } },
    select: { spamMarkedAt: true },
  });
  return Boolean(author?.spamMarkedAt);
}

async function findConversation(prisma: Prisma_, account: WatchedAccount, post: SocialPost) {
  const byConversation = await prisma.conversation.findUnique({
    where: {
      platform_accountId_externalConversationId: { platform: account.platform, accountId: account.id, externalConversationId: post.conversationId },
    },
  });
  if (byConversation || !post.inReplyToPostId) return byConversation;
  const repliedTo = await prisma.message.findUnique({
    where: { platform_externalId: { platform: account.platform, externalId: post.inReplyToPostId } },
    select: { conversation: true },
  });
  return repliedTo?.conversation ?? null;
}

/**
 * A new conversation goes where the first matching routing rule says (channel and/or team). An
 * author marked as spam starts none: the post is stored in a resolved conversation that the
 * thread sync never posts.
 */
async function startConversation(prisma: Prisma_, account: WatchedAccount, post: SocialPost, options: IngestOptions): Promise<string> {
  const rule = matchRoutingRule(await loadRoutingRules(prisma), post.text);
  const started = await prisma.$transaction(async (tx) => {
    const author = await tx.author.upsert({
      where: { platform_externalId: { platform: account.platform, externalId: post.author.id } },
      create: {
        platform: account.platform,
        externalId: post.author.id,
        handle: post.author.handle,
        name: post.author.name ?? null,
        profileImage: post.author.profileImageUrl ?? null,
        followerCount: post.author.followerCount ?? null,
      },
      update: {
        handle: post.author.handle,
        name: post.author.name ?? null,
        profileImage: post.author.profileImageUrl ?? null,
        followerCount: post.author.followerCount ?? null,
      },
    });
    const spam = author.spamMarkedAt !== null;
    const routed = spam ? undefined : rule;
    const conversation = await tx.conversation.create({
      data: {
        platform: account.platform,
        externalConversationId: post.conversationId,
        accountId: account.id,
        authorId: author.id,
        createdAt: post.createdAt,
        ...(spam ? { status: 'resolved', resolvedAt: new Date() } : {}),
        ...(routed ? { routingRuleId: routed.id, slackChannelId: routed.slackChannelId } : {}),
      },
    });
    await tx.message.create({ data: messageData(account, post, conversation.id, false) });
    const details = { postId: post.id, ...(spam ? { authorMarkedAsSpam: true } : {}), ...(routed ? { routingRuleId: routed.id } : {}) };
    await tx.auditEntry.create({ data: { conversationId: conversation.id, action: 'conversation.created', surface: account.platform, details } });
    return { conversationId: conversation.id, routed, spam };
  });
  if (started.routed?.slackUsergroupId && options.queue) {
    await assignConversation(
      { prisma, queue: options.queue },
      {
        conversationId: started.conversationId,
        toSlackTeamId: started.routed.slackUsergroupId,
        actorSlackUserId: started.routed.createdBySlackUserId,
        surface: 'routing_rule',
      },
    );
  }
  if (!started.spam) await options.onConversationStarted?.(started.conversationId);
  return started.conversationId;
}

function messageData(account: WatchedAccount, post: SocialPost, conversationId: string, fromBrand: boolean): Prisma.MessageUncheckedCreateInput {
  return {
    conversationId,
    direction: fromBrand ? 'outbound' : 'inbound',
    platform: account.platform,
    externalId: post.id,
    inReplyToExternalId: post.inReplyToPostId ?? null,
    authorHandle: post.author.handle,
    authorName: post.author.name ?? null,
    text: post.text,
    payload: { post: post.raw, urls: post.urls, media: post.media } as Prisma.InputJsonValue,
    deliveryState: fromBrand ? 'sent' : 'received',
    postedAt: post.createdAt,
    createdAt: post.createdAt,
  };
}

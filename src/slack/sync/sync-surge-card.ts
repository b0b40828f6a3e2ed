import { z } from 'zod';
import { surgeTopicPattern } from '../../domain/surge-topic.js';
import type { SurgeAlert } from '../../generated/prisma/client.js';
import { renderMovedSurgeCard, renderSurgeCard, type SurgeCardView } from '../blocks/surge-card.js';
import { slackArchiveUrl, toParentMessageConversation, type ConversationForSlack, type StoredMessage } from './conversation-view.js';
import { digestOf } from './message-digest.js';
import { postOnce } from './post-once.js';
import type { ThreadSyncDependencies } from './sync-conversation-thread.js';

export interface SurgeGroupingSettings {
  /** SURGE_CHANNEL: where alerts, and the cards of grouped conversations, are. */
  channelId: string | undefined;
  /** SURGE_GROUPING. */
  grouping: boolean;
}

const cardEvent = 'earshot_surge_card';
const topTermsSchema = z.array(z.string());

/**
 * A conversation grouped under a surge alert has a compact card in the alert's thread instead of
 * a thread of its own: this joins a new conversation to a running surge on its topic, then posts
 * its card once (marked as attempted, looked up by metadata on retry) or updates it when what it
 * shows changed. Returns false when the conversation is not grouped (it gets a parent as usual).
 */
export async function syncSurgeCard(deps: ThreadSyncDependencies, conversation: ConversationForSlack, root: StoredMessage): Promise<boolean> {
  const alert = conversation.surgeAlertId
    ? await deps.prisma.surgeAlert.findUnique({ where: { id: conversation.surgeAlertId } })
    : await joinRunningSurge(deps, conversation, root);
  if (!alert) return false;
  // The alert job posts the alert moments after the surge starts; the retry finds it there.
  if (!alert.slackTs) throw new Error('the surge alert is not in Slack yet: the card waits for it');

  const card = renderSurgeCard(toSurgeCard(conversation, root));
  // A grouped conversation has no parent message: the card's fingerprint takes its place.
  const digest = digestOf(card);
  if (!conversation.surgeCardTs) {
    const target = {
      channel: alert.slackChannelId,
      threadTs: alert.slackTs,
      attemptedAt: conversation.surgeCardAttemptedAt,
      eventType: cardEvent,
      id: conversation.id,
    };
    const ts = await postOnce(deps, target, card, (attemptedAt) =>
      deps.prisma.conversation.update({ where: { id: conversation.id }, data: { surgeCardAttemptedAt: attemptedAt } }),
    );
    await deps.prisma.conversation.update({ where: { id: conversation.id }, data: { surgeCardTs: ts, slackParentDigest: digest } });
  } else if (digest !== conversation.slackParentDigest) {
    await deps.slack.chat.update({ channel: alert.slackChannelId, ts: conversation.surgeCardTs, ...card });
    await deps.prisma.conversation.update({ where: { id: conversation.id }, data: { slackParentDigest: digest } });
  }
  return true;
}

/**
 * Once an opened conversation has its own thread, its card in the alert's thread says so and links
 * to it; the card is then forgotten (`surgeCardTs` cleared; `surgeCardAttemptedAt` stays, so the
 * conversation is never grouped again).
 */
export async function markSurgeCardMoved(deps: ThreadSyncDependencies, conversation: ConversationForSlack): Promise<void> {
  const cardChannel = deps.surges?.channelId;
  if (conversation.surgeAlertId || !conversation.surgeCardTs || !conversation.slackChannelId || !conversation.slackThreadTs || !cardChannel) return;
  const moved = renderMovedSurgeCard({
    handle: conversation.author.handle,
    ref: conversation.ref,
    threadUrl: slackArchiveUrl(conversation.slackChannelId, conversation.slackThreadTs),
  });
  await deps.slack.chat.update({ channel: cardChannel, ts: conversation.surgeCardTs, ...moved });
  await deps.prisma.conversation.update({ where: { id: conversation.id }, data: { surgeCardTs: null } });
}

/**
 * A public, unassigned conversation that started after a running surge (whose alert is posted) and
 * speaks of its topic joins it, once: never a conversation that has, or had, a thread or a card.
 */
async function joinRunningSurge(deps: ThreadSyncDependencies, conversation: ConversationForSlack, root: StoredMessage): Promise<SurgeAlert | undefined> {
  if (!deps.surges?.grouping || !deps.surges.channelId) return undefined;
  if (conversation.visibility !== 'public' || root.visibility !== 'public') return undefined;
  if (conversation.slackPostAttemptedAt || conversation.surgeCardAttemptedAt) return undefined;
  // A conversation already handed to someone (a routing rule's team) is announced in a thread of its own.
  if (conversation.assigneeSlackUserId || conversation.assigneeSlackTeamId) return undefined;
  const running = await deps.prisma.surgeAlert.findMany({
    where: { endedAt: null, slackTs: { not: null }, startedAt: { lt: conversation.createdAt } },
    orderBy: { startedAt: 'desc' },
  });
  // A keyword's surge is more specific than a surge of all mentions.
  const candidates = [...running.filter((alert) => alert.keyword !== null), ...running.filter((alert) => alert.keyword === null)];
  const alert = candidates.find((candidate) => {
    const topTerms = topTermsSchema.safeParse(candidate.topTerms);
    return surgeTopicPattern({ keyword: candidate.keyword, topTerms: topTerms.success ? topTerms.data : [] })?.test(root.text) ?? false;
  });
  if (!alert) return undefined;
  const joined = await deps.prisma.$transaction(async (tx) => {
    const { count } = await tx.conversation.updateMany({
      where: { id: conversation.id, surgeAlertId: null, slackPostAttemptedAt: null, surgeCardAttemptedAt: null },
      data: { surgeAlertId: alert.id },
    });
    if (count === 1) {
      await tx.auditEntry.create({ data: { conversationId: conversation.id, action: 'surge.grouped', surface: 'surge', details: { surgeAlertId: alert.id } } });
    }
    return count === 1;
  });
  return joined ? alert : undefined;
}

function toSurgeCard(conversation: ConversationForSlack, root: StoredMessage): SurgeCardView {
  const shown = toParentMessageConversation(conversation, root);
  const inbound = conversation.messages.filter((message) => message.direction === 'inbound');
  const latest = inbound.at(-1);
  const lastOutbound = conversation.messages.findLast((message) => message.direction === 'outbound' && message.slackUserId);
  return {
    conversationId: conversation.id,
    ref: conversation.ref,
    network: shown.network,
    author: { name: shown.author.name, handle: shown.author.handle, profileUrl: shown.author.profileUrl },
    post: { text: root.text, url: shown.post.url, createdAt: root.createdAt },
    postCount: inbound.length,
    ...(latest && latest.id !== root.id ? { latestText: latest.text } : {}),
    status: shown.status,
    ...(shown.lastReply ? { lastReply: shown.lastReply } : {}),
    ...(shown.replyingSlackUserId ? { replyingSlackUserId: shown.replyingSlackUserId } : {}),
    ...(lastOutbound?.deliveryState === 'failed'
      ? { failedReply: { messageId: lastOutbound.id, plainMessage: lastOutbound.lastError ?? `${shown.network.name} did not accept the reply.` } }
      : {}),
  };
}

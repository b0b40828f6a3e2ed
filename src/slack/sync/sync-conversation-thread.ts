import type { webApi } from '@slack/bolt';
import type { FailureKind, Network } from '../../channels/network.js';
import { networkOf } from '../../channels/networks.js';
import type { Database } from '../../db/database.js';
import type { Logger } from '../../log/create-logger.js';
import { renderApprovedDraft, renderPendingDraft, renderRejectedDraft } from '../blocks/draft-messages.js';
import { renderParentMessage } from '../blocks/parent-message.js';
import { renderPrivateMessageForThread } from '../blocks/private-thread-message.js';
import type { SlackMessage } from '../blocks/slack-message.js';
import { isStuck } from '../../replies/stuck-replies.js';
import {
  renderAutomatedReplySentNotice,
  renderCustomerDeletedPostNotice,
  renderReplyFailedNotice,
  renderReplyNotSentYetNotice,
  renderReplySendingNotice,
  renderReplySentNotice,
} from '../blocks/thread-notices.js';
import { renderThreadPost } from '../blocks/thread-post.js';
import { conversationEvent } from './conversation-event.js';
import {
  conversationForSlack,
  loadAuthorHistory,
  postExtras,
  rootMessageOf,
  toParentMessageConversation,
  type ConversationForSlack,
  type StoredMessage,
} from './conversation-view.js';
import { digestOf } from './message-digest.js';
import { postOnce } from './post-once.js';
import { markSurgeCardMoved, syncSurgeCard, type SurgeGroupingSettings } from './sync-surge-card.js';

export interface ThreadSyncDependencies {
  prisma: Database['prisma'];
  slack: webApi.WebClient;
  /** Where conversations without a routed channel are posted (SLACK_CHANNEL). */
  defaultChannelId: string;
  logger: Logger;
  /** Grouping of new conversations under surge alerts (SURGE_CHANNEL, SURGE_GROUPING); off when absent. */
  surges?: SurgeGroupingSettings;
  /** Mentioned on a draft awaiting approval so that approvers are notified (ROLE_APPROVERS, managers). */
  approverMentions?: readonly string[];
  /** The clock that says whether a queued reply is stuck (tests move it forward). */
  now?: () => Date;
}

const messageEvent = 'earshot_message';
const deletionEvent = 'earshot_post_deleted';

/**
 * Brings a conversation's Slack thread up to date with the database: posts the parent if it is
 * missing, then every message not yet in the thread (in order), updates outbound messages whose
 * delivery changed, and refreshes the parent when what it shows changed. Safe to run again at any
 * point: each Slack post is marked as attempted first and, after a crash, looked up (by its
 * message metadata) instead of being posted twice.
 */
export async function syncConversationThread(deps: ThreadSyncDependencies, conversationId: string): Promise<void> {
  let conversation = await load(deps, conversationId);
  // A forgotten customer's thread shows only removal notices (see erase-slack-thread.ts).
  if (!conversation || conversation.author.forgottenAt) return;
  const root = rootMessageOf(conversation);
  if (!root) return;

  if (!conversation.slackThreadTs) {
    // An author marked as spam starts no new threads (their posts are still stored).
    if (conversation.author.spamMarkedAt) return;
    // During a surge a new conversation may live as a card in the alert's thread instead.
    if (await syncSurgeCard(deps, conversation, root)) return;
    await postParent(deps, conversation, root);
    conversation = (await load(deps, conversationId))!;
  }
  await markSurgeCardMoved(deps, conversation);
  const channel = conversation.slackChannelId!;
  const threadTs = conversation.slackThreadTs!;

  for (const message of conversation.messages) {
    const rendered = renderForThread(conversation, message, deps.approverMentions ?? [], deps.now?.() ?? new Date());
    if (!rendered) continue;
    const digest = digestOf(rendered);
    if (!message.slackTs) {
      const ts = await postOnce(
        deps,
        { channel, threadTs, attemptedAt: message.slackPostAttemptedAt, eventType: messageEvent, id: message.id },
        rendered,
        (attemptedAt) => deps.prisma.message.update({ where: { id: message.id }, data: { slackPostAttemptedAt: attemptedAt } }),
      );
      await deps.prisma.message.update({ where: { id: message.id }, data: { slackTs: ts, slackSyncedState: message.deliveryState, slackDigest: digest } });
    } else if (message.direction === 'outbound' && showsSomethingElse(message, digest)) {
      await deps.slack.chat.update({ channel, ts: message.slackTs, ...rendered });
      await deps.prisma.message.update({ where: { id: message.id }, data: { slackSyncedState: message.deliveryState, slackDigest: digest } });
    }
  }

  if (root.deletedOnNetworkAt && !root.deletionNoticeSlackTs) await postDeletionNotice(deps, conversation, root);

  const parent = renderParentMessage(
    toParentMessageConversation(conversation, root, { history: await loadAuthorHistory(deps.prisma, conversation), now: new Date() }),
  );
  const digest = digestOf(parent);
  if (digest !== conversation.slackParentDigest) {
    await deps.slack.chat.update({ channel, ts: threadTs, ...parent });
    await deps.prisma.conversation.update({ where: { id: conversation.id }, data: { slackParentDigest: digest } });
  }
}

async function postDeletionNotice(deps: ThreadSyncDependencies, conversation: ConversationForSlack, root: StoredMessage): Promise<void> {
  const ts = await postOnce(
    deps,
    {
      channel: conversation.slackChannelId!,
      threadTs: conversation.slackThreadTs!,
      attemptedAt: root.deletionNoticeAttemptedAt,
      eventType: deletionEvent,
      id: root.id,
    },
    renderCustomerDeletedPostNotice(networkOf(conversation.platform)),
    (attemptedAt) => deps.prisma.message.update({ where: { id: root.id }, data: { deletionNoticeAttemptedAt: attemptedAt } }),
  );
  await deps.prisma.message.update({ where: { id: root.id }, data: { deletionNoticeSlackTs: ts } });
}

/** Whether the Slack copy of an outbound message is out of date (copies posted before digests were kept: by delivery state). */
function showsSomethingElse(message: StoredMessage, digest: string): boolean {
  return message.slackDigest === null ? message.slackSyncedState !== message.deliveryState : message.slackDigest !== digest;
}

function load(deps: ThreadSyncDependencies, conversationId: string): Promise<ConversationForSlack | null> {
  return deps.prisma.conversation.findUnique({ where: { id: conversationId }, include: conversationForSlack });
}

async function postParent(deps: ThreadSyncDependencies, conversation: ConversationForSlack, root: StoredMessage): Promise<void> {
  const channel = conversation.slackChannelId ?? deps.defaultChannelId;
  const parent = renderParentMessage(
    toParentMessageConversation(conversation, root, { history: await loadAuthorHistory(deps.prisma, conversation), now: new Date() }),
  );
  const ts = await postOnce(
    deps,
    { channel, attemptedAt: conversation.slackPostAttemptedAt, eventType: conversationEvent, id: conversation.id },
    parent,
    (attemptedAt) => deps.prisma.conversation.update({ where: { id: conversation.id }, data: { slackChannelId: channel, slackPostAttemptedAt: attemptedAt } }),
  );
  await deps.prisma.$transaction([
    deps.prisma.conversation.update({
      where: { id: conversation.id },
      data: { slackChannelId: channel, slackThreadTs: ts, slackParentDigest: digestOf(parent) },
    }),
    deps.prisma.message.update({ where: { id: root.id }, data: { slackTs: ts } }),
  ]);
}

/** What a stored message looks like in the thread, or nothing (notes came from Slack). */
function renderForThread(conversation: ConversationForSlack, message: StoredMessage, approverMentions: readonly string[], now: Date): SlackMessage | undefined {
  if (message.direction === 'note' || message.slackTs === conversation.slackThreadTs) return undefined;
  const network = networkOf(conversation.platform);
  if (message.visibility === 'private')
    return (
      (message.direction === 'outbound' && renderDraftForThread(network, message, approverMentions)) || renderPrivateMessageForThread(conversation, message)
    );
  const { urls, media } = postExtras(message);
  const postUrl = (authorHandle: string) => network.postUrl({ id: message.externalId ?? '', authorHandle });
  if (message.direction === 'inbound') {
    return renderThreadPost({
      network,
      direction: 'inbound',
      authorName: message.authorName ?? undefined,
      handle: message.authorHandle ?? conversation.author.handle,
      text: message.text,
      url: postUrl(message.authorHandle ?? conversation.author.handle),
      createdAt: message.createdAt,
      urls,
      media,
      keptSettled: message.acknowledgement,
    });
  }
  const brandHandle = conversation.account.handle;
  if (message.automated) return renderAutomatedReply(network, message, postUrl(brandHandle));
  if (!message.slackUserId) {
    return renderThreadPost({
      network,
      direction: 'outbound',
      handle: brandHandle,
      text: message.text,
      url: postUrl(brandHandle),
      createdAt: message.createdAt,
      urls,
      media,
    });
  }
  const draft = renderDraftForThread(network, message, approverMentions);
  if (draft) return draft;
  if (message.deliveryState === 'sent') {
    return renderReplySentNotice({
      network,
      slackUserId: message.slackUserId,
      text: message.text,
      postUrl: postUrl(brandHandle),
      approvedBySlackUserId: message.reviewedBySlackUserId ?? undefined,
      draftedBySlackUserId: message.draftedBySlackUserId ?? undefined,
    });
  }
  if (message.deliveryState === 'failed') {
    // The network refuses the same text again, so Retry would fail forever: the text is offered for editing.
    const offerEdit = message.failureKind === ('duplicate_content' satisfies FailureKind);
    return renderReplyFailedNotice({
      network,
      messageId: message.id,
      plainMessage: message.lastError ?? `${network.name} did not accept the reply.`,
      slackUserId: message.slackUserId,
      replyText: message.text,
      offerEdit,
    });
  }
  if (isStuck(message, now)) {
    const minutesWaiting = Math.floor((now.getTime() - message.updatedAt.getTime()) / 60_000);
    return renderReplyNotSentYetNotice({ messageId: message.id, slackUserId: message.slackUserId, replyText: message.text, minutesWaiting });
  }
  if (message.deliveryState === 'pending' || message.deliveryState === 'sending') {
    return renderReplySendingNotice({ network, slackUserId: message.slackUserId, replyText: message.text, waitingBecause: message.lastError ?? undefined });
  }
  return undefined;
}

/** Earshot's out-of-hours reply, once the network has taken it (or refused it). */
function renderAutomatedReply(network: Network, message: StoredMessage, postUrl: string): SlackMessage | undefined {
  if (message.deliveryState === 'sent') return renderAutomatedReplySentNotice({ network, text: message.text, postUrl });
  if (message.deliveryState === 'failed') {
    return renderReplyFailedNotice({
      network,
      messageId: message.id,
      plainMessage: message.lastError ?? `${network.name} did not accept the reply.`,
      replyText: message.text,
      automated: true,
    });
  }
  return undefined;
}

/** A held reply: pending review, approved and on its way, or rejected. */
function renderDraftForThread(network: Network, message: StoredMessage, approverMentions: readonly string[]): SlackMessage | undefined {
  const draft = { network, messageId: message.id, authorSlackUserId: message.slackUserId, text: message.text };
  if (message.deliveryState === 'awaiting_approval')
    return renderPendingDraft({ ...draft, reason: message.approvalReason ?? 'approval required', approverMentions, visibility: message.visibility });
  if (message.deliveryState === 'rejected')
    return renderRejectedDraft({ ...draft, reviewedBySlackUserId: message.reviewedBySlackUserId, rejectionReason: message.rejectionReason ?? '' });
  const approved = message.deliveryState === 'pending' || message.deliveryState === 'sending';
  if (approved && message.reviewedBySlackUserId) return renderApprovedDraft({ ...draft, reviewedBySlackUserId: message.reviewedBySlackUserId });
  return undefined;
}

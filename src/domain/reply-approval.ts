import type { TextMatcher } from '../routing/routing-pattern.js';
import type { ConversationStatus } from './conversation-status.js';

/** What the configured roles say about one person (see RoleSettings). */
export interface ResponderRoles {
  learning: boolean;
  publisher: boolean;
  approver: boolean;
  manager: boolean;
}

export interface ReplyApprovalInput {
  roles: ResponderRoles;
  /** ROLE_PUBLISHERS is set: only publishers, approvers and managers publish directly. */
  publishersConfigured: boolean;
  /** The reply as it would be posted. */
  text: string;
  /**
   * `direct`: a direct message to the customer. Learning members and sensitive topics hold it as
   * they hold a public reply; ROLE_PUBLISHERS, which is about speaking in public, does not.
   */
  audience?: 'public' | 'direct';
  /** APPROVAL_TOPICS, compiled; undefined when not configured. */
  topics: TextMatcher | undefined;
}

export type ReplyApprovalDecision = { action: 'publish' } | { action: 'hold'; reason: string };

/**
 * Whether a public reply goes out now or waits for an approver. Learning wins over every other
 * role; a sensitive topic holds whoever writes. Reasons are joined so the approver sees them all.
 */
export function decideReplyApproval(input: ReplyApprovalInput): ReplyApprovalDecision {
  const { roles } = input;
  const reasons: string[] = [];
  if (roles.learning) reasons.push('learning responder');
  else if (input.audience !== 'direct' && input.publishersConfigured && !roles.publisher && !roles.approver && !roles.manager) reasons.push('not a publisher');
  const topic = input.topics?.find(input.text)?.replace(/\s+/g, ' ').toLowerCase();
  if (topic) reasons.push(`sensitive topic: ${topic}`);
  return reasons.length === 0 ? { action: 'publish' } : { action: 'hold', reason: reasons.join('; ') };
}

export type ReviewRefusal = 'learning' | 'not_an_approver' | 'own_draft';

/**
 * Approvers and managers review drafts, but never their own; someone still learning never
 * reviews, even when also listed as an approver (an edit would publish their own words).
 */
export function reviewRefusal(reviewer: { roles: ResponderRoles; slackUserId: string }, draftAuthorSlackUserId: string | null): ReviewRefusal | undefined {
  if (reviewer.roles.learning) return 'learning';
  if (!reviewer.roles.approver && !reviewer.roles.manager) return 'not_an_approver';
  if (reviewer.slackUserId === draftAuthorSlackUserId) return 'own_draft';
  return undefined;
}

export const REVIEW_REFUSAL_TEXT: Record<ReviewRefusal, string> = {
  learning: 'While you are learning, drafts are reviewed by approvers and managers.',
  not_an_approver: 'Only approvers and managers can review drafts.',
  own_draft: 'Someone else must approve your draft.',
};

/**
 * A draft that no longer waits (rejected, or approved but refused by the network) stops holding the
 * conversation: it goes back to whoever had it, unless another draft still waits.
 */
export function statusAfterDraftSettled(current: ConversationStatus, conversation: { assigned: boolean; otherDraftsWaiting: boolean }): ConversationStatus {
  if (current !== 'awaiting_approval' || conversation.otherDraftsWaiting) return current;
  return conversation.assigned ? 'assigned' : 'open';
}

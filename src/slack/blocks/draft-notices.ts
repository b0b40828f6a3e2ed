import { REVIEW_REFUSAL_TEXT, type ReviewRefusal } from '../../domain/reply-approval.js';
import type { ReviewOutcome } from '../../replies/review-draft.js';

/** Why a review did not happen, in the words the reviewer sees. */
export function reviewFailureText(outcome: Exclude<ReviewOutcome, { ok: true }> | { ok: false; reason: ReviewRefusal }): string {
  if (outcome.reason === 'not_found') return 'This draft no longer exists.';
  if (outcome.reason !== 'already_reviewed') return REVIEW_REFUSAL_TEXT[outcome.reason];
  const by = outcome.reviewedBySlackUserId ? ` by <@${outcome.reviewedBySlackUserId}>` : '';
  return outcome.deliveryState === 'rejected' ? `This draft was already rejected${by}.` : `This draft was already approved${by}.`;
}

import { decideReplyApproval, type ReplyApprovalDecision } from '../domain/reply-approval.js';
import type { RoleResolver } from './role-resolver.js';

/** The approval policy applied to one reply (public, or a direct message) by one person. */
export async function decideReply(
  roles: RoleResolver,
  slackUserId: string,
  text: string,
  audience: 'public' | 'direct' = 'public',
): Promise<ReplyApprovalDecision> {
  return decideReplyApproval({
    roles: await roles.rolesOf(slackUserId),
    publishersConfigured: roles.settings.publishers !== undefined,
    text,
    topics: roles.topics,
    audience,
  });
}

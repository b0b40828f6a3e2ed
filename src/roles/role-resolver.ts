import type { RoleSettings } from '../config/load-config.js';
import type { ResponderRoles } from '../domain/reply-approval.js';
import { compileRoutingPattern, type TextMatcher } from '../routing/routing-pattern.js';
import type { SlackMembership } from './slack-membership.js';

export interface RoleResolver {
  readonly settings: RoleSettings;
  /** APPROVAL_TOPICS, compiled. */
  readonly topics: TextMatcher | undefined;
  /** A person's roles; a user group that cannot be read errs on the safe side (held, not approving). */
  rolesOf(slackUserId: string): Promise<ResponderRoles>;
  /** How to mention everyone who may approve: `<@U…>` and `<!subteam^S…>`. */
  approverMentions(): string[];
}

export function createRoleResolver(settings: RoleSettings, membership: SlackMembership): RoleResolver {
  const check = async (list: readonly string[] | undefined, slackUserId: string) => (list ? membership.check(list, slackUserId) : 'not_member');
  return {
    settings,
    topics: settings.approvalTopics ? compileRoutingPattern(settings.approvalTopics) : undefined,
    async rolesOf(slackUserId) {
      const [learning, publisher, approver, manager] = await Promise.all([
        check(settings.learning, slackUserId),
        check(settings.publishers, slackUserId),
        check(settings.approvers, slackUserId),
        check(settings.managers, slackUserId),
      ]);
      return { learning: learning !== 'not_member', publisher: publisher === 'member', approver: approver === 'member', manager: manager === 'member' };
    },
    approverMentions() {
      const ids = [...new Set([...(settings.approvers ?? []), ...(settings.managers ?? [])])];
      return ids.map((id) => (id.startsWith('S') ? `<!subteam^${id}>` : `<@${id}>`));
    },
  };
}

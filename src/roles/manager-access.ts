import type { webApi } from '@slack/bolt';
import type { Logger } from '../log/create-logger.js';
import { createSlackMembership } from './slack-membership.js';

/** Whether someone may do what only managers do; `none_configured` when no manager is set up at all. */
export type ManagerAccess = 'manager' | 'not_manager' | 'none_configured';

export interface ManagerAccessDependencies {
  slack: webApi.WebClient;
  logger: Logger;
  /** ROLE_MANAGERS (or REPORT_MANAGERS): user ids and user group ids; undefined when unset. */
  managers: readonly string[] | undefined;
}

export async function managerAccess(deps: ManagerAccessDependencies, slackUserId: string): Promise<ManagerAccess> {
  if (!deps.managers) return 'none_configured';
  const membership = await createSlackMembership({ slack: deps.slack, logger: deps.logger, cacheMs: 0 }).check(deps.managers, slackUserId);
  return membership === 'member' ? 'manager' : 'not_manager';
}

/**
 * What staff read when a managers-only action is refused: plain words, no setting names (those
 * are for the admin, who reads them in the log line logged beside it).
 */
export function managersOnlyText(access: Exclude<ManagerAccess, 'manager'>, what: string): string {
  return access === 'none_configured'
    ? `:lock: ${what} is only for managers, and no one is set up as a manager yet. Ask your Earshot admin to name the managers.`
    : `:lock: Sorry, ${what} is only for managers. Ask a manager, or your Earshot admin if you need it.`;
}

/** The admin's side of a refusal for lack of configured managers. */
export function logNoManagersConfigured(logger: Logger, what: string): void {
  logger.warn({ refused: what }, 'a managers-only action was refused because no managers are configured: set ROLE_MANAGERS (user ids or user group ids)');
}

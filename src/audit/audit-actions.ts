import type { Network } from '../channels/network.js';
import { findNetwork } from '../channels/networks.js';

/** Every audit action Earshot writes, in plain words for `/social audit`. */
const ACTION_PHRASES: Record<string, string> = {
  'conversation.created': 'Conversation started',
  'conversation.reopened': 'Reopened',
  'conversation.resolved': 'Resolved',
  'conversation.assigned': 'Handed over',
  'conversation.taken': 'Taken',
  'conversation.unassigned': 'Unassigned (back to the open queue)',
  'conversation.taken_private': 'Taken private (moved to direct messages)',
  'take_private.refused': 'Taking private refused (the texts needed changes)',
  'reply.queued': 'Public reply queued',
  'reply.retried': 'Public reply retried',
  'reply.sent': 'Public reply posted on {network}',
  'reply.failed': 'Public reply failed',
  'reply.refused': 'Public reply refused (the text needed changes)',
  'reply.posted_elsewhere': 'Reply posted on {network} outside Earshot',
  'reply.automated': 'Automatic out-of-hours reply sent',
  'post.deleted_by_customer': 'The customer deleted their post on {network}',
  'dm.queued': 'Direct message queued',
  'dm.retried': 'Direct message retried',
  'dm.sent': 'Direct message sent on {network}',
  'dm.failed': 'Direct message failed',
  'dm.refused': 'Direct message refused (the text needed changes)',
  'dm.received': 'Direct message received',
  'dm.sent_elsewhere': 'Direct message sent outside Earshot',
  'draft.held': 'Public reply held for approval',
  'draft.approved': 'Draft approved',
  'draft.edited': 'Draft edited by an approver',
  'draft.rejected': 'Draft rejected',
  'sla.reminded': 'SLA reminder sent',
  'surge.grouped': 'Grouped under a surge alert',
  'surge.opened': 'Moved out of a surge alert into its own thread',
  'surge.started': 'Surge alert started',
  'surge.ended': 'Surge alert ended',
  'author.marked_spam': 'Customer marked as spam',
  'author.unmarked_spam': 'Customer no longer marked as spam',
  'routing_rule.added': 'Routing rule added',
  'routing_rule.removed': 'Routing rule removed',
  'audit.exported': 'Audit log exported',
  'customer.forgotten': 'Customer’s data erased (data request)',
};

/**
 * A readable phrase for an audit action; an action this version does not know is still shown
 * readably. Actions on a network name it: their surface is the network (`x`, `x_dm`).
 */
export function describeAuditAction(action: string, surface: string | null = null): string {
  const known = ACTION_PHRASES[action];
  if (known) return known.replace('{network}', networkOfSurface(surface)?.name ?? 'the network');
  const words = action.replace(/[._]+/g, ' ').trim();
  return words === '' ? 'Unknown action' : `${words.charAt(0).toUpperCase()}${words.slice(1)}`;
}

/** The actions `describeAuditAction` has a phrase for. */
export function knownAuditActions(): string[] {
  return Object.keys(ACTION_PHRASES);
}

const SURFACE_NAMES: Record<string, string> = {
  reply_modal: 'Reply form',
  take_private_modal: 'Take private form',
  assign_modal: 'Assign form',
  retry_button: 'Retry button',
  button: 'button on the thread',
  parent_overflow: 'menu on the thread',
  team_notification: 'team notification',
  app_home: 'App Home',
  slash_command: '/social',
  routing_rule: 'routing rule',
  forget_modal: 'data request form',
};

/** Where an action came from, for people (`reply_modal` → "Reply form", `x_dm` → "X direct messages"); unknown surfaces as written. */
export function describeAuditSurface(surface: string | null): string | undefined {
  if (!surface) return undefined;
  const network = networkOfSurface(surface);
  if (network) return surface === network.id ? network.name : `${network.name} direct messages`;
  return SURFACE_NAMES[surface] ?? surface.replace(/_/g, ' ');
}

/** Entries written by a network's poller or sender have the network's id as surface, `<id>_dm` for its direct messages. */
function networkOfSurface(surface: string | null): Network | undefined {
  return surface ? findNetwork(surface.replace(/_dm$/, '')) : undefined;
}

import { escapeMrkdwn } from '../slack/blocks/escape-mrkdwn.js';

const PROBLEMS: Record<string, string> = {
  empty: 'nothing written',
  too_long: 'too long',
  invalid_characters: 'characters the network refuses',
  'private_data:payment_card': 'a payment card number',
  'private_data:national_id': 'a national ID number',
  'private_data:email': 'an e-mail address',
  'private_data:phone': 'a phone number',
  'private_data:account_number': 'an account number',
  'private_data:custom': 'private data (custom pattern)',
};

const REASON_MAX = 200;
const REFS_SHOWN = 10;

/**
 * The details of an audit entry worth reading, as mrkdwn fragments ("to @alice", "reason: …").
 * Ids people cannot use (message ids, post ids) are left out; unknown keys are ignored.
 */
export function describeAuditDetails(details: unknown): string[] {
  if (!details || typeof details !== 'object' || Array.isArray(details)) return [];
  const d = details as Record<string, unknown>;
  const parts: string[] = [];
  const user = (value: unknown) => (typeof value === 'string' && /^[UW][A-Z0-9]+$/.test(value) ? `<@${value}>` : undefined);
  const team = (value: unknown) => (typeof value === 'string' && /^S[A-Z0-9]+$/.test(value) ? `<!subteam^${value}>` : undefined);
  const text = (value: unknown) => (typeof value === 'string' && value.trim() !== '' ? escapeMrkdwn(shorten(value.trim())) : undefined);

  const to = [user(d.toSlackUserId), team(d.toSlackTeamId)].filter(Boolean);
  if (to.length > 0) parts.push(`to ${to.join(' and ')}`);
  const previous = [user(d.previousSlackUserId), team(d.previousSlackTeamId) ?? team(d.team)].filter(Boolean);
  if (previous.length > 0) parts.push(`before: ${previous.join(' and ')}`);
  if (d.withNote === true) parts.push('with a note');
  if (Array.isArray(d.problems) && d.problems.length > 0) parts.push(`problem: ${d.problems.map((code) => describeProblem(String(code))).join(', ')}`);
  const reason = text(d.reason);
  if (reason) parts.push(`reason: ${reason}`);
  if (typeof d.kind === 'string') parts.push(`error: ${escapeMrkdwn(d.kind.replace(/_/g, ' '))}`);
  if (d.authorMarkedAsSpam === true) parts.push('author marked as spam: no thread');
  if (typeof d.routingRuleId === 'string') parts.push('routed by a rule');
  if (typeof d.keyword === 'string') parts.push(`keyword: ${escapeMrkdwn(shorten(d.keyword))}`);
  if (typeof d.conversations === 'number' && typeof d.messages === 'number') parts.push(`${d.conversations} conversation(s), ${d.messages} message(s) erased`);
  if (Array.isArray(d.conversationRefs) && d.conversationRefs.length > 0) {
    const shown = d.conversationRefs.slice(0, REFS_SHOWN).map((ref) => escapeMrkdwn(String(ref)));
    const more = d.conversationRefs.length - shown.length;
    parts.push(`refs: ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''}`);
  }
  if (typeof d.from === 'string' && typeof d.to === 'string') parts.push(`period: ${escapeMrkdwn(d.from)} → ${escapeMrkdwn(d.to)}`);
  if (typeof d.rows === 'number') parts.push(`${d.rows} row(s)`);
  return parts;
}

function describeProblem(code: string): string {
  const direct = /^direct_message:(.+)$/.exec(code)?.[1];
  if (direct) return `direct message ${PROBLEMS[direct] ?? escapeMrkdwn(direct)}`;
  return PROBLEMS[code] ?? escapeMrkdwn(code.replace(/_/g, ' '));
}

function shorten(text: string): string {
  const single = text.replace(/\s+/g, ' ');
  return single.length > REASON_MAX ? `${single.slice(0, REASON_MAX - 1)}…` : single;
}

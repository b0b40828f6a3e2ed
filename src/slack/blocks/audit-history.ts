import type { types } from '@slack/bolt';
import { describeAuditAction, describeAuditSurface } from '../../audit/audit-actions.js';
import { describeAuditDetails } from '../../audit/audit-details.js';
import type { AuditLine } from '../../audit/conversation-audit.js';
import { formatConversationRef } from '../../domain/conversation-ref.js';
import { escapeMrkdwn, formatMrkdwnLink } from './escape-mrkdwn.js';
import { formatSlackDate } from './format-slack-date.js';
import { MESSAGE_BLOCKS_MAX, SECTION_TEXT_MAX } from './slack-limits.js';
import type { SlackMessage } from './slack-message.js';

export interface AuditHistoryInput {
  ref: number;
  threadUrl?: string | undefined;
  /** Every entry of the conversation. */
  total: number;
  /** The newest entries, newest first (as many as were read). */
  newestFirst: readonly AuditLine[];
  /** How to get everything, e.g. "/social audit export 2026-11-01..2026-11-30". */
  exportCommand: string;
}

/** Blocks around the entries: the title and the footer. */
const FRAME_BLOCKS = 2;

/**
 * `/social audit <ref>`: the conversation's history, oldest first. When it does not fit in one
 * message (50 blocks of 3,000 characters), the newest entries that fit are shown and the earlier
 * ones counted, with the command that exports them.
 */
export function renderAuditHistory(input: AuditHistoryInput): SlackMessage {
  const label = formatConversationRef(input.ref);
  const title = `*Audit trail of ${input.threadUrl ? formatMrkdwnLink(input.threadUrl, label) : label}* · ${input.total} ${input.total === 1 ? 'entry' : 'entries'}, oldest first`;
  if (input.total === 0) {
    const text = `${title}\nNothing recorded yet.`;
    return { text: `Audit trail of ${label}: nothing recorded yet.`, blocks: [section(text)] };
  }

  // Fill sections from the newest entry backwards, then show them oldest first.
  const sections: string[][] = [];
  let current: string[] = [];
  let currentLength = 0;
  let shown = 0;
  for (const entry of input.newestFirst) {
    const line = auditLine(entry);
    if (currentLength + line.length + 1 > SECTION_TEXT_MAX) {
      if (sections.length + 1 >= MESSAGE_BLOCKS_MAX - FRAME_BLOCKS) break;
      sections.push(current);
      current = [];
      currentLength = 0;
    }
    current.push(line);
    currentLength += line.length + 1;
    shown += 1;
  }
  if (current.length > 0) sections.push(current);

  const blocks: types.KnownBlock[] = [section(title)];
  for (const lines of sections.reverse()) blocks.push(section(lines.reverse().join('\n')));
  const omitted = input.total - shown;
  if (omitted > 0) {
    const earlier = `${omitted} earlier ${omitted === 1 ? 'entry is' : 'entries are'} not shown`;
    blocks.push({
      type: 'context',
      elements: [{ type: 'mrkdwn', text: `${earlier}. A manager can export the whole audit log: \`${escapeMrkdwn(input.exportCommand)}\`` }],
    });
  }
  const summary = omitted > 0 ? `the newest ${shown} of ${input.total} entries` : `${input.total} ${input.total === 1 ? 'entry' : 'entries'}`;
  return { text: `Audit trail of ${label}: ${summary}.`, blocks };
}

/** One entry: when, who, what, where, details. */
export function auditLine(entry: AuditLine): string {
  const who = entry.actorSlackUserId ? `<@${escapeMrkdwn(entry.actorSlackUserId)}>` : 'Earshot';
  const surface = describeAuditSurface(entry.surface);
  const parts = [formatSlackDate(entry.createdAt), who, `*${escapeMrkdwn(describeAuditAction(entry.action, entry.surface))}*`];
  if (surface) parts.push(`_${escapeMrkdwn(surface)}_`);
  parts.push(...describeAuditDetails(entry.details));
  return `• ${parts.join(' · ')}`;
}

function section(text: string): types.KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text } };
}

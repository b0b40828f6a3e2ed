import { describe, expect, it } from 'vitest';
import type { AuditLine } from '../../../src/audit/conversation-audit.js';
import { auditLine, renderAuditHistory } from '../../../src/slack/blocks/audit-history.js';
import { MESSAGE_BLOCKS_MAX, SECTION_TEXT_MAX } from '../../../src/slack/blocks/slack-limits.js';

const at = new Date('2026-11-20T09:30:00Z');

function entry(id: number, action = 'conversation.assigned'): AuditLine {
  return {
    id: BigInt(id),
    createdAt: new Date(at.getTime() + id * 60_000),
    actorSlackUserId: 'U1',
    action,
    surface: 'slash_command',
    details: { toSlackUserId: 'U2', reason: `step ${id} ${'·'.repeat(150)}` },
  };
}

const sectionTexts = (blocks: unknown[]) =>
  blocks.flatMap((block) => ((block as { type: string }).type === 'section' ? [(block as { text: { text: string } }).text.text] : []));

describe('/social audit rendering', () => {
  it('writes when, who, what, where and details; Earshot when nobody acted', () => {
    expect(auditLine(entry(1))).toBe(
      `• <!date^${Math.floor(entry(1).createdAt.getTime() / 1000)}^{date_short_pretty} {time}|2026-11-20 09:31 UTC> · <@U1> · *Handed over* · _/social_ · to <@U2> · reason: step 1 ${'·'.repeat(150)}`,
    );
    expect(auditLine({ ...entry(2, 'conversation.created'), actorSlackUserId: null, surface: 'x', details: null })).toMatch(
      / · Earshot · \*Conversation started\* · _X_$/,
    );
  });

  it('shows everything oldest first when it fits', () => {
    const message = renderAuditHistory({
      ref: 42,
      total: 3,
      newestFirst: [entry(3), entry(2), entry(1)],
      exportCommand: '/social audit export 2026-11-20..2026-11-23',
      threadUrl: 'https://slack.example/t',
    });
    const texts = sectionTexts(message.blocks);
    expect(texts[0]).toBe('*Audit trail of <https://slack.example/t|E-42>* · 3 entries, oldest first');
    const body = texts.slice(1).join('\n');
    expect(body.indexOf('step 1')).toBeLessThan(body.indexOf('step 2'));
    expect(body.indexOf('step 2')).toBeLessThan(body.indexOf('step 3'));
    expect(JSON.stringify(message.blocks)).not.toContain('not shown');
    expect(message.text).toBe('Audit trail of E-42: 3 entries.');
  });

  it('keeps to Slack’s limits: the newest entries that fit, and how to export the earlier ones', () => {
    const newestFirst = Array.from({ length: 500 }, (_, index) => entry(1000 - index));
    const message = renderAuditHistory({ ref: 7, total: 1000, newestFirst, exportCommand: '/social audit export 2026-11-20..2026-11-23' });
    expect(message.blocks.length).toBeLessThanOrEqual(MESSAGE_BLOCKS_MAX);
    for (const text of sectionTexts(message.blocks)) expect(text.length).toBeLessThanOrEqual(SECTION_TEXT_MAX);
    const lines = sectionTexts(message.blocks).slice(1).join('\n').split('\n');
    expect(lines.at(-1)).toContain('step 1000 ');
    const shown = lines.length;
    expect(shown).toBeGreaterThan(100);
    const footer = JSON.stringify(message.blocks.at(-1));
    expect(footer).toContain(`${1000 - shown} earlier entries are not shown`);
    expect(footer).toContain('/social audit export 2026-11-20..2026-11-23');
    expect(message.text).toBe(`Audit trail of E-7: the newest ${shown} of 1000 entries.`);
  });

  it('says when nothing was recorded', () => {
    expect(renderAuditHistory({ ref: 1, total: 0, newestFirst: [], exportCommand: '' }).text).toBe('Audit trail of E-1: nothing recorded yet.');
  });
});

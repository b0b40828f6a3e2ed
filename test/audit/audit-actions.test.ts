import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { describeAuditAction, describeAuditSurface, knownAuditActions } from '../../src/audit/audit-actions.js';
import { describeAuditDetails } from '../../src/audit/audit-details.js';

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'generated' ? [] : sourceFiles(full);
    return entry.name.endsWith('.ts') ? [full] : [];
  });
}

/** Every audit action written in src/: literals (`action: 'x.y'`, ternaries too) and `${kind}.queued`-style templates. */
function actionsWrittenInSource(): Set<string> {
  const actions = new Set<string>();
  for (const file of sourceFiles(path.resolve('src'))) {
    const source = readFileSync(file, 'utf8');
    for (const match of source.matchAll(/action: ([^,}\n]+)/g)) {
      for (const literal of match[1]!.matchAll(/'([a-z_]+\.[a-z_]+)'/g)) actions.add(literal[1]!);
      const template = /`\$\{[^}]*\.kind\}\.([a-z_]+)`/.exec(match[1]!);
      if (template) for (const kind of ['reply', 'dm']) actions.add(`${kind}.${template[1]}`);
    }
  }
  return actions;
}

describe('audit action phrases', () => {
  it('has a phrase for every action the code writes', () => {
    const written = actionsWrittenInSource();
    expect(written.size).toBeGreaterThan(15);
    expect([...written].filter((action) => !knownAuditActions().includes(action))).toEqual([]);
  });

  it('knows the actions of approvals, SLA reminders, automation and surges', () => {
    for (const action of [
      'draft.held',
      'draft.approved',
      'draft.edited',
      'draft.rejected',
      'sla.reminded',
      'reply.automated',
      'surge.grouped',
      'surge.opened',
    ]) {
      expect(knownAuditActions()).toContain(action);
    }
    expect(describeAuditAction('draft.rejected')).toBe('Draft rejected');
    expect(describeAuditAction('customer.forgotten')).toBe('Customer’s data erased (data request)');
  });

  it('still reads an action it does not know', () => {
    expect(describeAuditAction('label.added_by_rule')).toBe('Label added by rule');
    expect(describeAuditAction('')).toBe('Unknown action');
  });

  it('names the network an action happened on, from its surface', () => {
    expect(describeAuditAction('reply.sent', 'x')).toBe('Public reply posted on X');
    expect(describeAuditAction('dm.sent', 'x')).toBe('Direct message sent on X');
    expect(describeAuditAction('reply.posted_elsewhere', 'x')).toBe('Reply posted on X outside Earshot');
    expect(describeAuditAction('reply.sent', null)).toBe('Public reply posted on the network');
    expect(describeAuditSurface('x')).toBe('X');
    expect(describeAuditSurface('x_dm')).toBe('X direct messages');
  });

  it('names surfaces for people', () => {
    expect(describeAuditSurface('reply_modal')).toBe('Reply form');
    expect(describeAuditSurface('some_new_surface')).toBe('some new surface');
    expect(describeAuditSurface(null)).toBeUndefined();
  });
});

describe('audit details', () => {
  it('shows who it went to, problems and reasons, and escapes text', () => {
    expect(describeAuditDetails({ toSlackUserId: 'U1', toSlackTeamId: 'S2', withNote: true, previousSlackUserId: null })).toEqual([
      'to <@U1> and <!subteam^S2>',
      'with a note',
    ]);
    expect(describeAuditDetails({ problems: ['too_long', 'private_data:phone', 'direct_message:empty'] })).toEqual([
      'problem: too long, a phone number, direct message nothing written',
    ]);
    expect(describeAuditDetails({ reason: 'tone <b> & more' })).toEqual(['reason: tone &lt;b&gt; &amp; more']);
    expect(describeAuditDetails({ messageId: 'x', postId: '123' })).toEqual([]);
    expect(describeAuditDetails(null)).toEqual([]);
  });

  it('keeps long lists and reasons short', () => {
    const refs = Array.from({ length: 12 }, (_, index) => `E-${index + 1}`);
    expect(describeAuditDetails({ conversationRefs: refs })).toEqual(['refs: E-1, E-2, E-3, E-4, E-5, E-6, E-7, E-8, E-9, E-10 and 2 more']);
    expect(describeAuditDetails({ reason: 'x'.repeat(500) })[0]!.length).toBeLessThan(220);
  });
});

import { describe, expect, it } from 'vitest';
import { auditCsvColumns, auditCsvHeader, auditCsvLine } from '../../src/audit/audit-csv.js';

describe('audit CSV', () => {
  it('has one header line with the columns, ending in CRLF', () => {
    expect(auditCsvHeader()).toBe('id,time_utc,conversation,actor_slack_user_id,action,surface,details_json\r\n');
    expect(auditCsvColumns).toHaveLength(7);
  });

  it('writes a row with ISO UTC time, the reference, and the details as quoted JSON (RFC 4180)', () => {
    const line = auditCsvLine({
      id: 42n,
      createdAt: new Date('2026-11-20T09:30:00.123Z'),
      conversationRef: 7,
      actorSlackUserId: 'U123',
      action: 'conversation.assigned',
      surface: 'slash_command',
      details: { toSlackUserId: 'U9', reason: 'said "hi", then\nleft' },
    });
    expect(line).toBe(
      '42,2026-11-20T09:30:00.123Z,E-7,U123,conversation.assigned,slash_command,"{""toSlackUserId"":""U9"",""reason"":""said \\""hi\\"", then\\nleft""}"\r\n',
    );
  });

  it('leaves empty what Earshot did itself, or what has no conversation', () => {
    const line = auditCsvLine({
      id: 1n,
      createdAt: new Date('2026-01-01T00:00:00Z'),
      conversationRef: null,
      actorSlackUserId: null,
      action: 'audit.exported',
      surface: null,
      details: null,
    });
    expect(line).toBe('1,2026-01-01T00:00:00.000Z,,,audit.exported,,\r\n');
  });

  it('defuses a cell a spreadsheet would run as a formula', () => {
    const line = auditCsvLine({
      id: 2n,
      createdAt: new Date('2026-01-01T00:00:00Z'),
      conversationRef: 1,
      actorSlackUserId: 'U1',
      action: '=cmd',
      surface: '+x',
      details: 'a,b',
    });
    expect(line).toBe(`2,2026-01-01T00:00:00.000Z,E-1,U1,'=cmd,'+x,"""a,b"""\r\n`);
  });
});

import { describe, expect, it } from 'vitest';
import { classifyXDmError } from '../../../src/channels/x/x-dm-errors.js';

const now = new Date('2026-07-21T13:50:00Z');

describe('classifyXDmError', () => {
  it("waits for the reset of X's DM limit", () => {
    const reset = String(Date.parse('2026-07-21T14:02:00Z') / 1000);
    const result = classifyXDmError({ status: 429, headers: { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': reset } }, now);
    expect(result).toMatchObject({ kind: 'rate_limited', retryable: true, retryAt: new Date('2026-07-21T14:02:00Z') });
    expect(result.plainMessage).toBe(
      "X's limit on direct messages was reached (X allows 15 every 15 minutes); the message will be sent automatically after 14:02 UTC.",
    );
  });

  it('treats a dropped connection as an unknown outcome, looked up before sending again', () => {
    const result = classifyXDmError({ code: 'ECONNRESET' }, now);
    expect(result.kind).toBe('timeout_unknown_outcome');
    expect(result.plainMessage).toMatch(/unknown whether the direct message was sent/);
  });

  it('explains a customer who does not accept DMs, in plain words, without retrying', () => {
    const result = classifyXDmError({ status: 403, body: { title: 'Forbidden', status: 403, detail: 'You cannot send messages to this user.' } }, now);
    expect(result).toMatchObject({ kind: 'reply_not_allowed', retryable: false });
    expect(result.plainMessage).toBe(
      'X refused the direct message: You cannot send messages to this user. The customer may not accept direct messages from the account: ask them publicly to follow the account or to send a DM first, then retry.',
    );
  });

  it('speaks of direct messages for server errors and missing app permission', () => {
    expect(classifyXDmError({ status: 503 }, now)).toMatchObject({
      kind: 'server_error',
      retryable: true,
      plainMessage: 'X had a server error (HTTP 503); the direct message will be retried automatically.',
    });
    const permission = classifyXDmError({ status: 403, body: { type: 'https://api.x.com/2/problems/oauth1-permissions', title: 'Forbidden' } }, now);
    expect(permission.kind).toBe('credentials_revoked');
    expect(permission.plainMessage).toMatch(/Direct Messages/);
  });
});

import type { FailureDescription } from '../network.js';
import { classifyXError, type XFailure } from './x-errors.js';

const DM_REFUSED_TEXT = /direct message|send messages to|cannot send|not accept|dm/i;

/**
 * Turns a failure of X's direct-message endpoints into a decision and plain words. The retry
 * policy is the public replies' (classifyXError); the words speak of a direct message.
 */
export function classifyXDmError(failure: XFailure, now: Date = new Date()): FailureDescription {
  const described = classifyXError(failure, now);
  const detail = problemText(failure.body);
  switch (described.kind) {
    case 'rate_limited':
      return {
        ...described,
        plainMessage: `X's limit on direct messages was reached (X allows 15 every 15 minutes); the message will be sent automatically ${described.retryAt ? `after ${formatUtc(described.retryAt, now)}` : 'in a few minutes'}.`,
      };
    case 'timeout_unknown_outcome':
      return {
        ...described,
        plainMessage: `The connection to X dropped (${failure.code ?? 'no answer'}) before X answered, so it is unknown whether the direct message was sent. Earshot checks the conversation on X before sending it again.`,
      };
    case 'server_error':
      return failure.status === undefined
        ? { ...described, plainMessage: `Earshot could not reach X (${failure.code ?? 'network error'}); the direct message will be retried automatically.` }
        : { ...described, plainMessage: `X had a server error (HTTP ${failure.status}); the direct message will be retried automatically.` };
    case 'credentials_revoked':
      return failure.status === 401
        ? described
        : {
            ...described,
            plainMessage:
              'X says Earshot\'s app may not send direct messages. An admin must give the app "Read, write and Direct Messages" permission in the X developer portal, then renew the access token and secret.',
          };
    case 'post_deleted':
      return { ...described, plainMessage: "X could not find the customer's account (deleted, suspended or protected), so the direct message was not sent." };
    default:
      if (failure.status === 403 && DM_REFUSED_TEXT.test(detail)) {
        return {
          kind: 'reply_not_allowed',
          retryable: false,
          plainMessage: `X refused the direct message${quote(detail)}. The customer may not accept direct messages from the account: ask them publicly to follow the account or to send a DM first, then retry.`,
        };
      }
      if (failure.status === 400) return { ...described, plainMessage: `X rejected the direct message as invalid${quote(detail)}. Edit it and send it again.` };
      if (failure.status === undefined)
        return {
          ...described,
          plainMessage: `Sending the direct message failed${failure.code ? ` (${failure.code})` : ''} for a reason Earshot does not recognise.`,
        };
      return { ...described, plainMessage: `X refused the direct message (HTTP ${failure.status}${quote(detail)}).` };
  }
}

function problemText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (typeof body !== 'object' || body === null) return '';
  const record = body as Record<string, unknown>;
  const nested = Array.isArray(record.errors)
    ? (record.errors as unknown[]).filter((e): e is Record<string, unknown> => typeof e === 'object' && e !== null)
    : [];
  const texts = [record, ...nested]
    .flatMap((entry) => [entry.detail, entry.message])
    .filter((value): value is string => typeof value === 'string' && value !== '');
  return [...new Set(texts)].join(' ');
}

function quote(text: string): string {
  const said = text.replace(/[.\s]+$/, '');
  if (said === '') return '';
  return `: ${said.length > 300 ? `${said.slice(0, 299)}…` : said}`;
}

function formatUtc(date: Date, now: Date): string {
  const iso = date.toISOString();
  const time = iso.slice(11, 16);
  return Math.abs(date.getTime() - now.getTime()) < 24 * 60 * 60 * 1000 ? `${time} UTC` : `${iso.slice(0, 10)} ${time} UTC`;
}

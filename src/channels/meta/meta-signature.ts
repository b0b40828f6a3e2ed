import { createHmac, timingSafeEqual } from 'node:crypto';
import type { WebhookVerification } from '../../ingest/webhooks/webhook-handler.js';

/**
 * Checks `X-Hub-Signature-256`: `sha256=` and the lowercase hex HMAC-SHA256 of the raw body with
 * the app secret, compared in constant time. The raw bytes are what Meta signed: a parsed and
 * re-serialised body would not match
 * (https://developers.facebook.com/docs/graph-api/webhooks/getting-started#validate-payloads).
 */
export function verifyMetaSignature(rawBody: Buffer, header: string | string[] | undefined, appSecret: string): WebhookVerification {
  if (header === undefined || header === '') return { ok: false, refusal: 'unsigned', reason: 'no X-Hub-Signature-256 header' };
  if (Array.isArray(header)) return { ok: false, refusal: 'forged', reason: 'several X-Hub-Signature-256 headers' };
  const expected = Buffer.from(`sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`);
  const given = Buffer.from(header);
  const matches = given.length === expected.length && timingSafeEqual(given, expected);
  return matches ? { ok: true } : { ok: false, refusal: 'forged', reason: 'X-Hub-Signature-256 does not match the body signed with the Meta app secret' };
}

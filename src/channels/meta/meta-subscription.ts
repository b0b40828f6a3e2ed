import { createHash, timingSafeEqual } from 'node:crypto';
import type { WebhookHandshakeAnswer } from '../../ingest/webhooks/webhook-handler.js';

const refused: WebhookHandshakeAnswer = { status: 403, contentType: 'text/plain; charset=utf-8', body: 'verification refused\n' };

/**
 * Meta's check of a callback URL before it subscribes it: `GET ?hub.mode=subscribe&hub.challenge=…&hub.verify_token=…`,
 * answered 200 with the challenge alone when the verify token is ours, 403 otherwise
 * (https://developers.facebook.com/docs/graph-api/webhooks/getting-started#verification-requests).
 */
export function answerMetaSubscription(query: URLSearchParams, verifyToken: string): WebhookHandshakeAnswer {
  const challenge = query.get('hub.challenge');
  const token = query.get('hub.verify_token');
  if (query.get('hub.mode') !== 'subscribe' || !challenge || token === null || !sameSecret(token, verifyToken)) return refused;
  return { status: 200, contentType: 'text/plain; charset=utf-8', body: challenge };
}

/** Constant-time equality whatever the lengths: the digests being compared always have the same length. */
function sameSecret(given: string, expected: string): boolean {
  const digest = (value: string) => createHash('sha256').update(value).digest();
  return timingSafeEqual(digest(given), digest(expected));
}

import { createHmac } from 'node:crypto';

/**
 * A notification body as Meta writes it: JSON with every non-ASCII character escaped as `\uXXXX`
 * in lowercase hex and `/` escaped as `\/`. Meta signs these exact bytes, so a receiver that
 * re-serialises the parsed JSON before checking the signature fails, as it would against Meta
 * ("we generate the signature using an escaped unicode version of the payload, with lowercase hex
 * digits": https://developers.facebook.com/docs/messenger-platform/webhooks#validate-payloads).
 */
export function encodeLikeMeta(value: unknown): string {
  return JSON.stringify(value)
    .replace(/[\u0080-\uffff]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`)
    .replace(/\//g, '\\/');
}

/** `X-Hub-Signature-256` (HMAC-SHA256 of the raw body with the app secret) and the legacy SHA-1 `X-Hub-Signature`. */
export function signatureHeaders(appSecret: string, rawBody: string): Record<string, string> {
  return {
    'x-hub-signature': `sha1=${createHmac('sha1', appSecret).update(rawBody).digest('hex')}`,
    'x-hub-signature-256': `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`,
  };
}

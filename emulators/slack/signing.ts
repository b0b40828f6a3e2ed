import { createHmac } from 'node:crypto';

/** Slack's v0 request signature: "v0=" + hex HMAC-SHA256(signing secret, "v0:{timestamp}:{raw body}"). */
export function signRequest(signingSecret: string, timestampSeconds: number, rawBody: string): string {
  const digest = createHmac('sha256', signingSecret).update(`v0:${timestampSeconds}:${rawBody}`).digest('hex');
  return `v0=${digest}`;
}

export function signedHeaders(signingSecret: string, rawBody: string, timestampSeconds = Math.floor(Date.now() / 1000)): Record<string, string> {
  return {
    'x-slack-request-timestamp': String(timestampSeconds),
    'x-slack-signature': signRequest(signingSecret, timestampSeconds, rawBody),
  };
}

import { randomInt } from 'node:crypto';

export interface VerificationResult {
  /** The endpoint answered 200 with exactly the challenge. */
  ok: boolean;
  /** The verification request's full URL, hub parameters included. */
  url: string;
  challenge: string;
  status?: number;
  body?: string;
  error?: string;
}

/**
 * What Meta does when a callback URL is saved: `GET <url>?hub.mode=subscribe&hub.challenge=<int>&hub.verify_token=<token>`,
 * accepted only if the endpoint answers 200 with the challenge as its whole body
 * (https://developers.facebook.com/docs/graph-api/webhooks/getting-started#verification-requests).
 */
export async function verifySubscription(callbackUrl: string, verifyToken: string, timeoutMs: number): Promise<VerificationResult> {
  const challenge = String(randomInt(1, 2 ** 31 - 1));
  const target = new URL(callbackUrl);
  target.searchParams.set('hub.mode', 'subscribe');
  target.searchParams.set('hub.challenge', challenge);
  target.searchParams.set('hub.verify_token', verifyToken);
  const url = target.toString();
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs), redirect: 'manual' });
    const body = await response.text();
    return { ok: response.status === 200 && body === challenge, url, challenge, status: response.status, body };
  } catch (error) {
    return { ok: false, url, challenge, error: error instanceof Error ? error.message : String(error) };
  }
}

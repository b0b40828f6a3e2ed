import https from 'node:https';
import { TwitterApi } from 'twitter-api-v2';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startXEmulator, type XEmulator } from '../../../emulators/x/index.js';
import { RateLimitedError } from '../../../src/channels/rate-limited-error.js';
import { classifyXError } from '../../../src/channels/x/x-errors.js';
import { toXFailure } from '../../../src/channels/x/x-failure.js';

describe('toXFailure', () => {
  let x: XEmulator;
  let client: TwitterApi;
  beforeEach(async () => {
    x = await startXEmulator();
    client = new TwitterApi(
      { appKey: x.credentials.appKey, appSecret: x.credentials.appSecret, accessToken: x.credentials.accessToken, accessSecret: x.credentials.accessSecret },
      { httpAgent: new https.Agent({ ca: x.ca }) },
    );
  });
  afterEach(async () => {
    await x.close();
  });

  async function failureOfReply(): Promise<unknown> {
    const jo = x.control.createUser({ username: 'jo' });
    const mention = x.control.post(jo.id, { text: `@${x.brand.username} hi` });
    return client.v2.post('tweets', { text: 'hello', reply: { in_reply_to_tweet_id: mention.id } }, { prefix: x.baseUrl, timeout: 500 }).then(
      () => {
        throw new Error('expected the reply to fail');
      },
      (error: unknown) => error,
    );
  }

  it('sees a dropped connection as an unknown outcome (twitter-api-v2 hides the network error)', async () => {
    x.control.injectFault({ method: 'POST', path: '/2/tweets', kind: 'commitThenDrop' });
    const failure = toXFailure(await failureOfReply());
    expect(failure).toEqual({ code: 'ECONNRESET' });
    expect(classifyXError(failure).kind).toBe('timeout_unknown_outcome');
  });

  it("sees the client's own timeout as an unknown outcome", async () => {
    x.control.injectFault({ method: 'POST', path: '/2/tweets', kind: 'hang' });
    expect(classifyXError(toXFailure(await failureOfReply())).kind).toBe('timeout_unknown_outcome');
  });

  it('keeps the status, body and rate-limit headers of an API error', async () => {
    x.control.injectFault({ method: 'POST', path: '/2/tweets', kind: 'rateLimit', resetInSeconds: 60 });
    const failure = toXFailure(await failureOfReply());
    expect(failure.status).toBe(429);
    expect(Number(failure.headers?.['x-rate-limit-reset'])).toBeGreaterThan(Date.now() / 1000);
    expect(classifyXError(failure).kind).toBe('rate_limited');
  });

  it('turns a partial fetch stopped by the rate limit into a rate-limited failure with its reset time', () => {
    const resetAt = new Date(Date.now() + 90_000);
    const description = classifyXError(toXFailure(new RateLimitedError(resetAt)));
    expect(description.kind).toBe('rate_limited');
    expect(description.retryAt?.getTime()).toBe(Math.floor(resetAt.getTime() / 1000) * 1000);
  });
});

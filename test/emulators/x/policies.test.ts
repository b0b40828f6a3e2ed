import { Agent, request } from 'node:https';
import { ApiResponseError } from 'twitter-api-v2';
import { afterEach, describe, expect, it } from 'vitest';
import { startXEmulator, type XEmulator, type XEmulatorOptions } from '../../../emulators/x/index.js';
import { clientFor } from './client.js';

let x: XEmulator | undefined;
afterEach(async () => {
  await x?.close();
  x = undefined;
});
async function start(options?: XEmulatorOptions): Promise<XEmulator> {
  x = await startXEmulator(options);
  return x;
}

async function apiError(promise: Promise<unknown>): Promise<ApiResponseError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(error instanceof ApiResponseError)) throw new Error(`expected an ApiResponseError, got ${String(error)}`);
  return error;
}

function rawGet(emulator: XEmulator, path: string, headers: Record<string, string> = {}): Promise<{ status: number; body: unknown }> {
  return new Promise((resolve, reject) => {
    const req = request(`${emulator.origin}${path}`, { agent: new Agent({ ca: emulator.ca }), headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
    });
    req.on('error', reject);
    req.end();
  });
}

const UNAUTHORIZED = { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' };

describe('X emulator: authentication', () => {
  it('rejects a request signed with the wrong access secret with X 401 body', async () => {
    const emulator = await start();
    const client = clientFor(emulator, { accessToken: emulator.credentials.accessToken, accessSecret: 'not-the-secret' });
    const error = await apiError(client.v2.me());
    expect(error.code).toBe(401);
    expect(error.data).toEqual(UNAUTHORIZED);
    expect(emulator.control.requests({ path: '/2/users/me' })).toEqual([expect.objectContaining({ status: 401, outcome: 'answered' })]);
  });

  it('rejects unknown tokens, a missing Authorization header and a wrong Bearer token', async () => {
    const emulator = await start();
    const error = await apiError(clientFor(emulator, { accessToken: 'nobody', accessSecret: 'x' }).v2.me());
    expect(error.code).toBe(401);
    expect(await rawGet(emulator, '/2/users/me')).toEqual({ status: 401, body: UNAUTHORIZED });
    expect(await rawGet(emulator, '/2/tweets/1', { authorization: 'Bearer wrong' })).toEqual({ status: 401, body: UNAUTHORIZED });
  });
});

describe('X emulator: rate limits', () => {
  it('sends x-rate-limit headers and answers 429 with X body once the window is used up', async () => {
    let now = Date.parse('2026-03-01T10:00:00Z');
    const emulator = await start({ now: () => now, rateLimits: { 'GET /2/users/me': { limit: 2, windowSeconds: 900 } } });
    const client = clientFor(emulator);
    const reset = Date.parse('2026-03-01T10:15:00Z') / 1000;
    const first = await client.v2.get('users/me', undefined, { fullResponse: true });
    expect(first.rateLimit).toEqual({ limit: 2, remaining: 1, reset });
    await client.v2.me();
    const error = await apiError(client.v2.me());
    expect(error.code).toBe(429);
    expect(error.rateLimitError).toBe(true);
    expect(error.rateLimit).toEqual({ limit: 2, remaining: 0, reset });
    expect(error.data).toEqual({ title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 });

    now += 900_000;
    const afterReset = await client.v2.me();
    expect(afterReset.data.id).toBe(emulator.brand.id);
  });

  it('counts per user and per endpoint; the DM send limit is 15 per 15 minutes', async () => {
    const emulator = await start();
    const jane = emulator.control.createUser({ username: 'jane' });
    const client = clientFor(emulator);
    for (let i = 0; i < 15; i += 1) await client.v2.sendDmToParticipant(jane.id, { text: `message ${i}` });
    const error = await apiError(client.v2.sendDmToParticipant(jane.id, { text: 'one too many' }));
    expect(error.code).toBe(429);
    expect(emulator.control.dmEvents()).toHaveLength(15);
    await expect(clientFor(emulator, jane).v2.sendDmToParticipant(emulator.brand.id, { text: 'hi' })).resolves.toBeDefined();
    await expect(client.v2.me()).resolves.toBeDefined();
  });

  it('can be switched off (benchmarks) while still sending the headers', async () => {
    const emulator = await start({ rateLimits: false });
    const jane = emulator.control.createUser({ username: 'jane' });
    const client = clientFor(emulator);
    for (let i = 0; i < 20; i += 1) await client.v2.sendDmToParticipant(jane.id, { text: `message ${i}` });
    const me = await client.v2.get('users/me', undefined, { fullResponse: true });
    expect(me.rateLimit).toEqual({ limit: 75, remaining: 75, reset: expect.any(Number) });
    expect(emulator.control.configure({ rateLimits: true })).toEqual({ replyRestriction: true, rateLimits: true });
  });
});

describe('X emulator: posting rules', () => {
  it('refuses duplicate content from the same user with X 403', async () => {
    const emulator = await start();
    const client = clientFor(emulator);
    await client.v2.tweet('We are back online.');
    const error = await apiError(client.v2.tweet('We are back online.'));
    expect(error.code).toBe(403);
    expect(error.data).toEqual({
      detail: 'You are not allowed to create a Tweet with duplicate content.',
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
    });
    expect(emulator.control.posts({ author: 'acme_support' })).toHaveLength(1);
  });

  it('allows a reply only when the original author mentioned or quoted the replier', async () => {
    const emulator = await start();
    emulator.control.createUser({ username: 'jane' });
    const client = clientFor(emulator);
    const unrelated = emulator.control.post('jane', { text: 'just a post about nothing' });
    const error = await apiError(client.v2.reply('Hi! Can we help?', unrelated.id));
    expect(error.code).toBe(403);
    expect(error.data).toEqual({
      detail:
        'Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author of the post you are replying to.',
      type: 'about:blank',
      title: 'Forbidden',
      status: 403,
    });

    const ours = await client.v2.tweet('New release today');
    const quote = emulator.control.post('jane', { text: 'finally!', quoteOfId: ours.data.id });
    await expect(client.v2.reply('Glad you like it', quote.id)).resolves.toBeDefined();
    const mention = emulator.control.post('jane', { text: '@acme_support help' });
    await expect(client.v2.reply('On it', mention.id)).resolves.toBeDefined();

    emulator.control.configure({ replyRestriction: false });
    await expect(client.v2.reply('Hi! Can we help?', unrelated.id)).resolves.toBeDefined();
  });

  it('refuses a reply to a deleted or missing post with X 403', async () => {
    const emulator = await start({ replyRestriction: false });
    emulator.control.createUser({ username: 'jane' });
    const gone = emulator.control.post('jane', { text: '@acme_support nevermind' });
    emulator.control.deletePost(gone.id);
    const error = await apiError(clientFor(emulator).v2.reply('Hello', gone.id));
    expect(error.code).toBe(403);
    expect(error.data).toMatchObject({ title: 'Forbidden', detail: 'You attempted to reply to a Tweet that is deleted or not visible to you.' });
  });
});

describe('X emulator: request validation', () => {
  it('answers max_results=3 with X 400 invalid-request body', async () => {
    const emulator = await start();
    const error = await apiError(clientFor(emulator).v2.userMentionTimeline(emulator.brand.id, { max_results: 3 }));
    expect(error.code).toBe(400);
    expect(error.data).toEqual({
      errors: [{ parameters: { max_results: ['3'] }, message: 'The `max_results` query parameter value [3] is not between 5 and 100' }],
      title: 'Invalid Request',
      detail: 'One or more parameters to your request was invalid.',
      type: 'https://api.twitter.com/2/problems/invalid-request',
    });
  });

  it('rejects unknown field values, unknown parameters, bad ids and bad bodies', async () => {
    const emulator = await start();
    const client = clientFor(emulator);
    // The rule misreads the assertion that lets a field X does not know through the client's types.
    // eslint-disable-next-line @typescript-eslint/no-unnecessary-type-assertion
    const badField = await apiError(client.v2.singleTweet('1', { 'tweet.fields': ['created_at', 'colour' as 'lang'] }));
    expect(badField.code).toBe(400);
    expect((badField.data.errors as { message: string }[])[0]?.message).toMatch(/^The `tweet.fields` query parameter value \[colour\] is not one of \[/);
    const unknown = await apiError(client.v2.get('users/me', { colour: 'red' }));
    expect((unknown.data.errors as { message: string }[])[0]?.message).toMatch(/^The query parameter \[colour\] is not one of \[/);
    const badId = await apiError(client.v2.singleTweet('abc'));
    expect(badId.code).toBe(400);
    const noText = await apiError(client.v2.post('tweets', { reply: { in_reply_to_tweet_id: '1' } }));
    expect(noText.code).toBe(400);
    expect(noText.data).toMatchObject({ title: 'Invalid Request', type: 'https://api.twitter.com/2/problems/invalid-request' });
  });
});

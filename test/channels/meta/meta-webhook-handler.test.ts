import { describe, expect, it } from 'vitest';
import { encodeLikeMeta } from '../../../emulators/meta/webhooks/encode.js';
import { createMetaWebhookHandler } from '../../../src/channels/meta/meta-webhook-handler.js';
import { createLogger } from '../../../src/log/create-logger.js';
import feedComment from '../../fixtures/meta/webhook-page-feed-comment.json' with { type: 'json' };
import instagramMessaging from '../../fixtures/meta/webhook-instagram-messaging.json' with { type: 'json' };

const verifyToken = 'a-token-we-chose';
const handler = createMetaWebhookHandler({ appSecret: '0123456789abcdef0123456789abcdef', verifyToken }, { ingest: () => Promise.resolve() });

function query(params: Record<string, string>) {
  return new URLSearchParams(params);
}

async function processed(payload: unknown) {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void lines.push(line) } });
  const body = encodeLikeMeta(payload);
  await handler.process({ id: 'd1', network: 'meta', receivedAt: new Date(0), body, headers: {} }, { logger });
  return lines.map((line) => JSON.parse(line) as Record<string, unknown>);
}

describe('the Meta subscription check', () => {
  it('echoes the challenge alone when the verify token is ours', () => {
    expect(handler.handshake!(query({ 'hub.mode': 'subscribe', 'hub.challenge': '1158201444', 'hub.verify_token': verifyToken }))).toEqual({
      status: 200,
      contentType: 'text/plain; charset=utf-8',
      body: '1158201444',
    });
  });

  it('refuses a wrong or missing token, another mode, or no challenge', () => {
    const refusedQueries: Array<Record<string, string>> = [
      { 'hub.mode': 'subscribe', 'hub.challenge': '1', 'hub.verify_token': 'a-token-we-chose-not' },
      { 'hub.mode': 'subscribe', 'hub.challenge': '1', 'hub.verify_token': '' },
      { 'hub.mode': 'subscribe', 'hub.challenge': '1' },
      { 'hub.mode': 'unsubscribe', 'hub.challenge': '1', 'hub.verify_token': verifyToken },
      { 'hub.mode': 'subscribe', 'hub.verify_token': verifyToken },
    ];
    for (const params of refusedQueries) {
      expect(handler.handshake!(query(params)).status).toBe(403);
    }
  });
});

describe('processing a Meta delivery while neither the Page nor the Instagram account is watched', () => {
  it('logs what a notification holds in counts, without ids, names or words of customers', async () => {
    const [line] = await processed({ object: 'page', entry: [feedComment.entry[0], feedComment.entry[0]] });
    expect(line).toMatchObject({ msg: 'Meta notification received', object: 'page', entries: 2, changes: { feed: 2 }, messages: 0 });
    const [dm] = await processed(instagramMessaging);
    expect(dm).toMatchObject({ object: 'instagram', entries: 1, changes: {}, messages: 1 });
    const text = JSON.stringify([line, dm]);
    const comment = feedComment.entry[0]!.changes[0]!.value;
    const sender = instagramMessaging.entry[0]!.messaging[0]!.sender;
    for (const personal of [comment.from.id, comment.from.name, comment.message, sender.id, 'Hello']) {
      expect(text).not.toContain(personal);
    }
  });

  it('sets aside what is not a notification, saying where it differs but not what it holds', async () => {
    const [line] = await processed({ object: 'user', entry: [{ id: '1', time: 1, changes: [{ field: 'email', value: 'jane@example.com' }] }] });
    expect(line).toMatchObject({ level: 40, problems: ['object: invalid_value'] });
    expect(JSON.stringify(line)).not.toContain('jane@example.com');
  });
});

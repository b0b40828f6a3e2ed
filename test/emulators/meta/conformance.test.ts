import { createHmac } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { startMetaEmulator, type MetaEmulator } from '../../../emulators/meta/index.js';
import { graph } from './graph-client.js';
import { startReceiver, type Receiver } from './receiver.js';

/*
 * Schemas written from the reference pages listed in test/fixtures/meta/README.md. Every object is
 * strict: a field the reference does not list, or a missing required one, fails. Each reference
 * example must parse with its schema, and so must what the emulator sends.
 */
const FIXTURES = path.resolve(import.meta.dirname, '../../fixtures/meta');
const fixture = (file: string): unknown => JSON.parse(readFileSync(path.join(FIXTURES, file), 'utf8'));

const numericId = z.string().regex(/^\d+(_\d+)?$/);
const graphTime = z.string().regex(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+0000$/);
const unixSeconds = z.number().int().positive().lt(1e11);
const unixMilliseconds = z.number().int().gt(1e11);
const link = z.string().startsWith('https://');

const paging = z.strictObject({
  cursors: z.strictObject({ before: z.string().min(1), after: z.string().min(1) }),
  previous: link.optional(),
  next: link.optional(),
});
const connection = <T extends z.ZodType>(item: T, extra: z.ZodRawShape = {}) => z.strictObject({ data: z.array(item), paging: paging.optional(), ...extra });

/** Page webhooks reference, `feed`; `message` is absent when the comment was removed. */
const feedNotification = z.strictObject({
  entry: z
    .array(
      z.strictObject({
        id: numericId,
        time: unixSeconds,
        changes: z.array(
          z.strictObject({
            value: z.strictObject({
              from: z.strictObject({ id: numericId, name: z.string() }),
              post: z.strictObject({
                status_type: z.string(),
                is_published: z.boolean(),
                updated_time: graphTime,
                permalink_url: link,
                promotion_status: z.string(),
                id: numericId,
              }),
              message: z.string().optional(),
              post_id: numericId,
              comment_id: numericId,
              created_time: unixSeconds,
              item: z.literal('comment'),
              parent_id: numericId,
              verb: z.enum(['add', 'edited', 'remove']),
            }),
            field: z.literal('feed'),
          }),
        ),
      }),
    )
    .min(1),
  object: z.literal('page'),
});

/** One message per `messaging` array; Instagram flags the account's own messages `is_echo`. */
const messagingEvent = z.strictObject({
  sender: z.strictObject({ id: numericId }),
  recipient: z.strictObject({ id: numericId }),
  timestamp: unixMilliseconds,
  message: z.strictObject({ mid: z.string().min(1), text: z.string(), is_echo: z.literal(true).optional() }),
});
const messagingNotification = (object: 'page' | 'instagram') =>
  z.strictObject({
    object: z.literal(object),
    entry: z.array(z.strictObject({ id: numericId, time: unixMilliseconds, messaging: z.array(messagingEvent).length(1) })).min(1),
  });

/** Instagram webhooks reference, `comments` (FBInstagramCommentsField) and `mentions`. */
const instagramCommentValue = z.strictObject({
  id: numericId,
  from: z.strictObject({ id: numericId, username: z.string(), self_ig_scoped_id: numericId.optional() }),
  text: z.string(),
  media: z.strictObject({
    id: numericId,
    media_product_type: z.string(),
    ad_id: numericId.optional(),
    ad_title: z.string().optional(),
    original_media_id: numericId.optional(),
  }),
  parent_id: numericId.optional(),
});
const instagramChangesNotification = z.strictObject({
  object: z.literal('instagram'),
  entry: z
    .array(
      z.strictObject({
        id: numericId,
        time: unixSeconds,
        changes: z.array(
          z.union([
            z.strictObject({ field: z.literal('comments'), value: instagramCommentValue }),
            z.strictObject({ field: z.literal('mentions'), value: z.strictObject({ comment_id: numericId, media_id: numericId }) }),
          ]),
        ),
      }),
    )
    .min(1),
});

const graphError = z.strictObject({
  error: z.strictObject({
    message: z.string(),
    type: z.string(),
    code: z.number().int(),
    error_subcode: z.number().int().optional(),
    error_user_title: z.string().optional(),
    error_user_msg: z.string().optional(),
    fbtrace_id: z.string().min(1),
  }),
});

const schemas = {
  'webhook-page-feed-comment.json': feedNotification,
  'webhook-page-messages.json': messagingNotification('page'),
  'webhook-instagram-comments.json': instagramChangesNotification,
  'webhook-instagram-mentions.json': instagramChangesNotification,
  'webhook-instagram-messaging.json': messagingNotification('instagram'),
  'graph-error.json': graphError,
  'messenger-error.json': graphError,
  'send-api-response.json': z.strictObject({ recipient_id: numericId, message_id: z.string().min(1) }),
  'paginated-results.json': connection(z.unknown()).extend({ paging }),
  'page.json': z.strictObject({ name: z.string(), id: numericId }),
  'page-feed.json': connection(z.strictObject({ created_time: graphTime, message: z.string(), id: numericId })),
  'object-comments.json': connection(
    z.strictObject({ created_time: graphTime, from: z.strictObject({ name: z.string(), id: numericId }), message: z.string(), id: numericId }),
    {
      summary: z.strictObject({ order: z.string(), total_count: z.number().int(), can_comment: z.boolean() }),
    },
  ),
  'create-comment-response.json': z.strictObject({ id: numericId }),
  'comment.json': z.strictObject({
    id: numericId,
    message: z.string(),
    from: z.strictObject({ id: numericId, name: z.string() }),
    created_time: graphTime,
    parent: z.strictObject({ id: numericId }).optional(),
    permalink_url: link,
  }),
  'success.json': z.strictObject({ success: z.literal(true) }),
  'ig-user.json': z.strictObject({ username: z.string(), id: numericId }),
  'ig-user-media.json': connection(z.strictObject({ id: numericId })),
  'ig-media-comments.json': connection(z.strictObject({ timestamp: graphTime, text: z.string(), id: numericId })),
  'ig-comment.json': z.strictObject({
    id: numericId,
    text: z.string(),
    username: z.string(),
    from: z.strictObject({ id: numericId, username: z.string() }),
    timestamp: graphTime,
    parent_id: numericId.optional(),
    media: z.strictObject({ id: numericId }),
  }),
  'ig-replies-response.json': z.strictObject({ id: numericId }),
  'conversations.json': connection(z.strictObject({ id: z.string().min(1), updated_time: graphTime })),
  'conversation-messages.json': z.strictObject({
    messages: connection(z.strictObject({ id: z.string().min(1), created_time: graphTime })),
    id: z.string().min(1),
  }),
  'message-instagram.json': z.strictObject({
    id: z.string().min(1),
    created_time: graphTime,
    to: z.strictObject({ data: z.array(z.strictObject({ username: z.string(), id: numericId })).length(1) }),
    from: z.strictObject({ username: z.string(), id: numericId }),
    message: z.string(),
  }),
  'message-messenger.json': z.strictObject({
    id: z.string().min(1),
    created_time: graphTime,
    to: z.strictObject({ data: z.array(z.strictObject({ name: z.string(), email: z.string(), id: numericId })).length(1) }),
    from: z.strictObject({ name: z.string(), email: z.string(), id: numericId }),
    message: z.string(),
  }),
  'ig-mentioned-comment.json': z.strictObject({
    mentioned_comment: z.strictObject({ timestamp: graphTime, like_count: z.number().int(), text: z.string(), id: numericId }),
    id: numericId,
  }),
} satisfies Record<string, z.ZodType>;

type FixtureFile = keyof typeof schemas;

/** The issues of `value` against the schema of `file`; empty when it conforms. */
const issuesOf = (file: FixtureFile, value: unknown): string[] =>
  (schemas[file].safeParse(value).error?.issues ?? []).map((issue) => `${issue.path.join('.')}: ${issue.message}`);

describe('Meta reference examples and the schemas written from them', () => {
  it.each(Object.keys(schemas) as FixtureFile[])('%s parses with its schema', (file) => {
    expect(issuesOf(file, fixture(file))).toEqual([]);
  });
});

describe('Meta emulator against the reference', () => {
  let meta: MetaEmulator;
  let receiver: Receiver;
  const responses = new Map<FixtureFile, unknown[]>();
  const record = (file: FixtureFile, body: unknown): void => {
    responses.set(file, [...(responses.get(file) ?? []), body]);
  };

  beforeAll(async () => {
    receiver = await startReceiver();
    meta = await startMetaEmulator({ webhook: { url: receiver.url } });
    const { control } = meta;
    const jane = control.createFacebookUser({ name: 'Jane Doe' });
    control.createInstagramUser({ username: 'jane.doe', name: 'Jane Doe' });
    const post = control.createPost({ message: 'Our new kettle ✨ is out' });
    const question = control.comment({ from: 'Jane Doe', on: post.id, message: 'Is it available in blue? Ça coûte combien €?' });
    const media = control.createMedia({ caption: 'Kettle launch' });
    const igQuestion = control.commentOnMedia({ from: 'jane.doe', on: media.id, text: 'Where can I buy this? 😍' });
    const mention = control.mention({ from: 'jane.doe', text: 'my kettle from @acme_support leaks' });
    control.sendMessengerMessage({ from: 'Jane Doe', text: 'Order #998 is late' });
    control.sendInstagramMessage({ from: 'jane.doe', text: 'Hello' });
    await control.settled();

    const reply = await graph(meta, 'POST', `/${question.id}/comments`, { json: { message: 'Yes, in every colour.' } });
    record('create-comment-response.json', reply.body);
    const replyId = (reply.body as { id: string }).id;
    record('comment.json', (await graph(meta, 'GET', `/${replyId}?fields=id,message,from{id,name},created_time,parent{id},permalink_url`)).body);
    record('comment.json', (await graph(meta, 'GET', `/${question.id}?fields=id,message,from{id,name},created_time,parent{id},permalink_url`)).body);
    record('object-comments.json', (await graph(meta, 'GET', `/${post.id}/comments?filter=stream&summary=true&limit=1`)).body);
    record('page.json', (await graph(meta, 'GET', `/${meta.page.id}`)).body);
    record('page-feed.json', (await graph(meta, 'GET', `/${meta.page.id}/feed`)).body);
    record(
      'paginated-results.json',
      (
        await graph(
          meta,
          'GET',
          `/${post.id}/comments?filter=stream&limit=1&after=${cursorOfFirst(await graph(meta, 'GET', `/${post.id}/comments?filter=stream&limit=1`))}`,
        )
      ).body,
    );
    control.editComment({ id: question.id, message: 'Is it available in blue?' });
    record('success.json', (await graph(meta, 'DELETE', `/${replyId}`)).body);

    record('ig-user.json', (await graph(meta, 'GET', `/${meta.instagram.id}?fields=username`)).body);
    record('ig-user-media.json', (await graph(meta, 'GET', `/${meta.instagram.id}/media`)).body);
    const igReply = await graph(meta, 'POST', `/${igQuestion.id}/replies`, { form: { message: '@jane.doe in our shop!' } });
    record('ig-replies-response.json', igReply.body);
    record('ig-media-comments.json', (await graph(meta, 'GET', `/${media.id}/comments`)).body);
    const igFields = 'id,text,username,from{id,username},timestamp,parent_id,media{id}';
    record('ig-comment.json', (await graph(meta, 'GET', `/${igQuestion.id}?fields=${igFields}`)).body);
    record(
      'ig-comment.json',
      (await graph(meta, 'GET', `/${(igReply.body as { id: string }).id}?fields=${igFields}`, { token: meta.credentials.instagramAccessToken })).body,
    );
    record(
      'ig-mentioned-comment.json',
      (await graph(meta, 'GET', `/${meta.instagram.id}?fields=mentioned_comment.comment_id(${mention.id}){timestamp,like_count,text,id}`)).body,
    );

    record(
      'send-api-response.json',
      (await graph(meta, 'POST', `/me/messages`, { json: { recipient: { id: jane.psid }, messaging_type: 'RESPONSE', message: { text: 'On its way' } } })).body,
    );
    record(
      'send-api-response.json',
      (
        await graph(meta, 'POST', `/me/messages`, {
          token: meta.credentials.instagramAccessToken,
          json: { recipient: { id: control.instagramUsers()[0]?.id }, messaging_type: 'RESPONSE', message: { text: 'Hi!' } },
        })
      ).body,
    );
    for (const platform of ['messenger', 'instagram']) {
      const conversations = await graph(meta, 'GET', `/${meta.page.id}/conversations?platform=${platform}`);
      record('conversations.json', conversations.body);
      const conversationId = (conversations.body as { data: { id: string }[] }).data[0]?.id ?? '';
      const messages = await graph(meta, 'GET', `/${conversationId}?fields=messages`);
      record('conversation-messages.json', messages.body);
      for (const { id } of (messages.body as { messages: { data: { id: string }[] } }).messages.data) {
        const details = await graph(meta, 'GET', `/${id}?fields=id,created_time,from,to,message`);
        record(platform === 'messenger' ? 'message-messenger.json' : 'message-instagram.json', details.body);
      }
    }
    record('graph-error.json', (await graph(meta, 'GET', '/me', { token: 'not-a-token' })).body);
    control.createFacebookUser({ name: 'Silent Sam' });
    const sam = control.facebookUsers().find((u) => u.name === 'Silent Sam');
    record(
      'messenger-error.json',
      (await graph(meta, 'POST', `/me/messages`, { json: { recipient: { id: sam?.psid }, messaging_type: 'RESPONSE', message: { text: 'Hello?' } } })).body,
    );
    await control.settled();
  });

  afterAll(async () => {
    await meta.close();
    await receiver.close();
  });

  function cursorOfFirst(response: { body: unknown }): string {
    return (response.body as { paging: { cursors: { after: string } } }).paging.cursors.after;
  }

  it.each([...Object.keys(schemas)].filter((file) => !file.startsWith('webhook-')) as FixtureFile[])(
    'Graph answers have the fields and types of %s',
    (file) => {
      const bodies = responses.get(file) ?? [];
      expect(bodies.length).toBeGreaterThan(0);
      for (const body of bodies) expect(issuesOf(file, body)).toEqual([]);
    },
  );

  it('error answers carry the documented codes and subcodes', () => {
    expect(responses.get('graph-error.json')).toEqual([{ error: expect.objectContaining({ type: 'OAuthException', code: 190 }) }]);
    expect(responses.get('messenger-error.json')).toEqual([{ error: expect.objectContaining({ code: 10, error_subcode: 2018278 }) }]);
  });

  const delivered = (object: 'page' | 'instagram', has: 'changes' | 'messaging') =>
    receiver.received.filter(
      (r) => (r.body as { object: string }).object === object && (r.body as { entry: Record<string, unknown>[] }).entry.some((e) => has in e),
    );

  it('webhook notifications have the fields and types of the reference', () => {
    const feed = delivered('page', 'changes');
    const verbs = feed.flatMap((r) => (r.body as z.infer<typeof feedNotification>).entry.flatMap((e) => e.changes.map((c) => c.value.verb)));
    expect(verbs.sort()).toEqual(['add', 'add', 'edited', 'remove']);
    for (const { body } of feed) expect(issuesOf('webhook-page-feed-comment.json', body)).toEqual([]);
    for (const { body } of delivered('page', 'messaging')) expect(issuesOf('webhook-page-messages.json', body)).toEqual([]);
    const instagram = delivered('instagram', 'changes');
    const fields = instagram.flatMap((r) => (r.body as z.infer<typeof instagramChangesNotification>).entry.flatMap((e) => e.changes.map((c) => c.field)));
    expect(fields.sort()).toEqual(['comments', 'comments', 'mentions']);
    for (const { body } of instagram) expect(issuesOf('webhook-instagram-comments.json', body)).toEqual([]);
    const igMessages = delivered('instagram', 'messaging');
    expect(igMessages).toHaveLength(2);
    for (const { body } of igMessages) expect(issuesOf('webhook-instagram-messaging.json', body)).toEqual([]);
  });

  it('signs every notification over its raw bytes with the app secret (SHA-256 and the legacy SHA-1)', () => {
    expect(receiver.received.length).toBeGreaterThanOrEqual(8);
    for (const { headers, rawBody } of receiver.received) {
      const sha256 = createHmac('sha256', meta.credentials.appSecret).update(rawBody, 'utf8').digest('hex');
      const sha1 = createHmac('sha1', meta.credentials.appSecret).update(rawBody, 'utf8').digest('hex');
      expect(headers['x-hub-signature-256']).toBe(`sha256=${sha256}`);
      expect(headers['x-hub-signature']).toBe(`sha1=${sha1}`);
      expect(headers['content-type']).toBe('application/json');
    }
  });

  it('sends non-ASCII text as lowercase \\u escapes, so the signature covers the escaped form', () => {
    const notification = receiver.received.find((r) => r.rawBody.includes('available in blue? '));
    expect(notification?.rawBody).toContain('\\u00c7a co\\u00fbte combien \\u20ac?');
    expect(/^[\x20-\x7e]*$/.test(notification?.rawBody ?? '')).toBe(true);
    const emoji = receiver.received.find((r) => r.rawBody.includes('Where can I buy this?'));
    expect(emoji?.rawBody).toContain('\\ud83d\\ude0d');
    expect(JSON.stringify(emoji?.body)).toContain('Where can I buy this? 😍');
  });
});

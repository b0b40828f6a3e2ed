import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { startMetaEmulator, type MetaEmulator } from '../../../emulators/meta/index.js';
import { graph, rawRequest, type GraphResponse } from './graph-client.js';

let meta: MetaEmulator;
let now = Date.parse('2026-03-01T10:00:00Z');
const HOUR = 3600_000;

beforeEach(async () => {
  now = Date.parse('2026-03-01T10:00:00Z');
  meta = await startMetaEmulator({ now: () => now, page: { name: 'Acme Support' }, instagram: { username: 'acme_support' } });
});
afterEach(() => meta.close());

const errorOf = (response: GraphResponse) => (response.body as { error: { code: number; error_subcode?: number; message: string; type: string } }).error;
const dataOf = <T = Record<string, unknown>>(response: GraphResponse) => (response.body as { data: T[] }).data;

describe('Meta emulator Graph API: the Page and its comments', () => {
  it('answers the Page with default or requested fields, by id or as me, over HTTPS', async () => {
    expect((await graph(meta, 'GET', `/${meta.page.id}`)).body).toEqual({ name: 'Acme Support', id: meta.page.id });
    const me = await graph(meta, 'GET', '/me?fields=id,name,username,instagram_business_account', { bearer: true });
    expect(me.status).toBe(200);
    expect(me.headers['content-type']).toBe('application/json; charset=UTF-8');
    expect(me.body).toEqual({ id: meta.page.id, name: 'Acme Support', username: meta.page.username, instagram_business_account: { id: meta.instagram.id } });
  });

  it('accepts any vNN.N version and unversioned paths, and names the version answered', async () => {
    const v19 = await rawRequest(meta, 'GET', `/v19.0/me?access_token=${meta.credentials.pageAccessToken}`);
    expect([v19.status, v19.headers['facebook-api-version']]).toEqual([200, 'v19.0']);
    const bare = await rawRequest(meta, 'GET', `/me?access_token=${meta.credentials.pageAccessToken}`);
    expect([bare.status, bare.headers['facebook-api-version']]).toEqual([200, 'v21.0']);
  });

  it('pages the feed newest first with cursors, next and previous links, and since/until', async () => {
    const posts = Array.from({ length: 30 }, (_, i) => {
      now += 60_000;
      return meta.control.createPost({ message: `post ${i}` });
    });
    const first = await graph(meta, 'GET', `/${meta.page.id}/feed`);
    expect(dataOf(first)).toHaveLength(25);
    expect(dataOf(first)[0]).toEqual({ created_time: '2026-03-01T10:30:00+0000', message: 'post 29', id: posts[29]?.id });
    const paging = (first.body as { paging: { cursors: { before: string; after: string }; next?: string; previous?: string } }).paging;
    expect(paging.previous).toBeUndefined();
    expect(paging.next).toContain(`/v21.0/${meta.page.id}/feed?access_token=`);

    const next = new URL(paging.next ?? '');
    const secondBody = (await rawRequest(meta, 'GET', `${next.pathname}${next.search}`)).body as {
      data: { message: string }[];
      paging: { next?: string; previous?: string };
    };
    expect(secondBody.data.map((p) => p.message)).toEqual(['post 4', 'post 3', 'post 2', 'post 1', 'post 0']);
    expect(secondBody.paging.next).toBeUndefined();
    expect(secondBody.paging.previous).toContain('before=');

    const window = await graph(meta, 'GET', `/${meta.page.id}/feed?since=${Date.parse('2026-03-01T10:10:00Z') / 1000}&until=2026-03-01T10:12:00Z`);
    expect(dataOf<{ message: string }>(window).map((p) => p.message)).toEqual(['post 11', 'post 10', 'post 9']);
    expect(errorOf(await graph(meta, 'GET', `/${meta.page.id}/feed?limit=101`)).code).toBe(100);
  });

  it('lists top-level comments by default and every comment with filter=stream, with a summary', async () => {
    meta.control.createFacebookUser({ name: 'Jane Doe' });
    const post = meta.control.createPost({ message: 'Launch' });
    const question = meta.control.comment({ from: 'Jane Doe', on: post.id, message: 'Blue?' });
    const followUp = meta.control.comment({ from: 'Jane Doe', on: question.id, message: 'Or red?' });
    const other = meta.control.comment({ from: 'Jane Doe', on: post.id, message: 'Price?' });
    // Replying to a reply joins the top-level comment, as Facebook threads are two levels deep.
    const nested = meta.control.comment({ from: meta.page.name, on: followUp.id, message: 'Both.' });
    expect(nested.parentId).toBe(question.id);

    const topLevel = await graph(meta, 'GET', `/${post.id}/comments?summary=1`);
    expect(dataOf(topLevel).map((c) => c.id)).toEqual([question.id, other.id]);
    expect((topLevel.body as { summary: unknown }).summary).toEqual({ order: 'chronological', total_count: 2, can_comment: true });
    const stream = await graph(meta, 'GET', `/${post.id}/comments?filter=stream&order=reverse_chronological`);
    expect(dataOf(stream).map((c) => c.id)).toEqual([nested.id, other.id, followUp.id, question.id]);
    const replies = await graph(meta, 'GET', `/${question.id}/comments?fields=message,from{name}`);
    expect(dataOf(replies)).toEqual([
      { message: 'Or red?', from: { name: 'Jane Doe', id: expect.any(String) }, id: followUp.id },
      { message: 'Both.', from: { name: 'Acme Support', id: meta.page.id }, id: nested.id },
    ]);
    expect(errorOf(await graph(meta, 'GET', `/${post.id}/comments?filter=everything`)).code).toBe(100);
  });

  it('expands edges inside fields, leaving out empty ones', async () => {
    meta.control.createFacebookUser({ name: 'Jane Doe' });
    const quiet = meta.control.createPost({ message: 'Quiet post' });
    const busy = meta.control.createPost({ message: 'Busy post' });
    const comments = ['a', 'b', 'c'].map((message) => meta.control.comment({ from: 'Jane Doe', on: busy.id, message }));
    const feed = await graph(meta, 'GET', `/${meta.page.id}/feed?fields=id,comments.filter(stream).limit(2){message}`);
    const [busyOut, quietOut] = dataOf<{ id: string; comments?: { data: unknown[]; paging: { next: string } } }>(feed);
    expect(quietOut).toEqual({ id: quiet.id });
    expect(busyOut?.comments?.data).toEqual(comments.slice(0, 2).map((c) => ({ message: c.message, id: c.id })));
    const next = new URL(busyOut?.comments?.paging.next ?? '');
    expect(next.pathname).toBe(`/v21.0/${busy.id}/comments`);
    expect(Object.fromEntries(next.searchParams)).toMatchObject({ filter: 'stream', limit: '2', fields: 'message' });
  });

  it('reads one comment with its author, parent and permalink', async () => {
    const jane = meta.control.createFacebookUser({ name: 'Jane Doe' });
    const post = meta.control.createPost({ message: 'Launch' });
    const question = meta.control.comment({ from: 'Jane Doe', on: post.id, message: 'Blue?' });
    const reply = meta.control.comment({ from: 'Jane Doe', on: question.id, message: 'Or red?' });
    const fields = 'id,message,from{id,name},created_time,parent{id},permalink_url';
    expect((await graph(meta, 'GET', `/${reply.id}?fields=${fields}`)).body).toEqual({
      id: reply.id,
      message: 'Or red?',
      from: { id: jane.id, name: 'Jane Doe' },
      created_time: '2026-03-01T10:00:00+0000',
      parent: { id: question.id },
      permalink_url: expect.stringMatching(new RegExp(`^https://www\\.facebook\\.com/${meta.page.id}/posts/\\d+\\?comment_id=\\d+&reply_comment_id=\\d+$`)),
    });
    expect((await graph(meta, 'GET', `/${question.id}`)).body).toEqual({
      created_time: '2026-03-01T10:00:00+0000',
      from: { name: 'Jane Doe', id: jane.id },
      message: 'Blue?',
      id: question.id,
    });
  });

  it('comments and replies as the Page, and deletes comments', async () => {
    meta.control.createFacebookUser({ name: 'Jane Doe' });
    const post = meta.control.createPost({ message: 'Launch' });
    const question = meta.control.comment({ from: 'Jane Doe', on: post.id, message: 'Blue?' });

    const reply = await graph(meta, 'POST', `/${question.id}/comments`, { form: { message: 'Yes, in blue.' } });
    expect(reply.status).toBe(200);
    const replyId = (reply.body as { id: string }).id;
    expect(meta.control.comments({ post: post.id }).at(-1)).toMatchObject({
      id: replyId,
      parentId: question.id,
      authorId: meta.page.id,
      message: 'Yes, in blue.',
    });
    const onPost = await graph(meta, 'POST', `/${post.id}/comments`, { json: { message: 'Thanks all!' } });
    expect(meta.control.comments().find((c) => c.id === (onPost.body as { id: string }).id)?.parentId).toBeUndefined();
    expect(errorOf(await graph(meta, 'POST', `/${post.id}/comments`, { form: { message: ' ' } }))).toMatchObject({
      code: 100,
      message: '(#100) The parameter message is required',
    });

    expect((await graph(meta, 'DELETE', `/${question.id}`)).body).toEqual({ success: true });
    const gone = await graph(meta, 'GET', `/${replyId}`);
    expect(gone.status).toBe(400);
    expect(errorOf(gone)).toMatchObject({ code: 100, error_subcode: 33, type: 'GraphMethodException' });
  });

  it('answers Graph errors for unknown fields, edges, ids and malformed field lists', async () => {
    expect(errorOf(await graph(meta, 'GET', '/me?fields=id,fan_club'))).toMatchObject({
      code: 100,
      message: '(#100) Tried accessing nonexisting field (fan_club) on node type (Page)',
    });
    expect(errorOf(await graph(meta, 'GET', '/me/albums'))).toMatchObject({ code: 2500, message: 'Unknown path components: /albums' });
    expect(errorOf(await graph(meta, 'GET', '/me?fields=id,from{name'))).toMatchObject({ code: 2500 });
    expect(errorOf(await graph(meta, 'GET', '/123456'))).toMatchObject({ code: 100, error_subcode: 33 });
    expect(errorOf(await graph(meta, 'POST', '/me/feed', { form: { message: 'x' } }))).toMatchObject({ code: 100, error_subcode: 33 });
  });

  it('reads a Messenger customer profile by PSID', async () => {
    const jane = meta.control.createFacebookUser({ name: 'Jane van Dam' });
    expect((await graph(meta, 'GET', `/${jane.psid}`)).body).toEqual({
      first_name: 'Jane',
      last_name: 'van Dam',
      profile_pic: expect.stringMatching(/^https:\/\//),
      id: jane.psid,
    });
    expect(errorOf(await graph(meta, 'GET', `/${jane.id}`))).toMatchObject({ code: 100, error_subcode: 33 });
  });
});

describe('Meta emulator Graph API: tokens', () => {
  it('answers a missing token with code 104 and a wrong one with code 190', async () => {
    const missing = await graph(meta, 'GET', '/me', { token: null });
    expect([missing.status, errorOf(missing).code]).toEqual([400, 104]);
    const wrong = await graph(meta, 'GET', '/me', { token: 'EAAnope' });
    expect(wrong.status).toBe(400);
    expect(errorOf(wrong)).toMatchObject({ type: 'OAuthException', code: 190, message: 'Invalid OAuth access token - Cannot parse access token' });
    expect(wrong.headers['www-authenticate']).toContain('invalid_token');
    expect(meta.control.requests({ path: '/me' }).map((r) => [r.status, r.errorCode, r.query.access_token])).toEqual([
      [400, 104, undefined],
      [400, 190, '[redacted]'],
    ]);
  });

  it('answers an expired token with code 190, subcode 463, until reset', async () => {
    meta.control.expireToken('page');
    now += HOUR;
    const expired = errorOf(await graph(meta, 'GET', '/me'));
    expect(expired).toMatchObject({ code: 190, error_subcode: 463 });
    expect(expired.message).toMatch(/^Error validating access token: Session has expired on .+\. The current time is .+\.$/);
    expect((await graph(meta, 'GET', '/me', { token: meta.credentials.instagramAccessToken })).status).toBe(200);
    meta.control.reset();
    expect((await graph(meta, 'GET', '/me')).status).toBe(200);
  });

  it('lets an Instagram Login token reach the Instagram account only', async () => {
    const ig = { token: meta.credentials.instagramAccessToken };
    expect((await graph(meta, 'GET', '/me?fields=id,username', ig)).body).toEqual({ id: meta.instagram.id, username: 'acme_support' });
    const post = meta.control.createPost({ message: 'Launch' });
    expect(errorOf(await graph(meta, 'GET', `/${meta.page.id}`, ig))).toMatchObject({ code: 100, error_subcode: 33 });
    expect(errorOf(await graph(meta, 'GET', `/${post.id}`, ig))).toMatchObject({ code: 100, error_subcode: 33 });
  });
});

describe('Meta emulator Graph API: Instagram', () => {
  it('reads the account, its media and their comments, and replies to a comment', async () => {
    const jane = meta.control.createInstagramUser({ username: 'jane.doe', name: 'Jane Doe' });
    const older = meta.control.createMedia({ caption: 'Old' });
    now += 1000;
    const media = meta.control.createMedia({ caption: 'Launch' });
    const question = meta.control.commentOnMedia({ from: 'jane.doe', on: media.id, text: 'Where can I buy this?' });

    expect((await graph(meta, 'GET', `/${meta.instagram.id}?fields=username`)).body).toEqual({ username: 'acme_support', id: meta.instagram.id });
    expect(dataOf(await graph(meta, 'GET', `/${meta.instagram.id}/media?fields=id,caption,media_product_type`))).toEqual([
      { id: media.id, caption: 'Launch', media_product_type: 'FEED' },
      { id: older.id, caption: 'Old', media_product_type: 'FEED' },
    ]);
    expect(dataOf(await graph(meta, 'GET', `/${media.id}/comments`))).toEqual([
      { timestamp: '2026-03-01T10:00:01+0000', text: 'Where can I buy this?', id: question.id },
    ]);

    const reply = await graph(meta, 'POST', `/${question.id}/replies`, {
      form: { message: '@jane.doe in our shop' },
      token: meta.credentials.instagramAccessToken,
    });
    const replyId = (reply.body as { id: string }).id;
    const fields = 'id,text,username,from{id,username},timestamp,parent_id,media{id}';
    expect((await graph(meta, 'GET', `/${replyId}?fields=${fields}`)).body).toEqual({
      id: replyId,
      text: '@jane.doe in our shop',
      username: 'acme_support',
      from: { id: meta.instagram.id, username: 'acme_support' },
      timestamp: '2026-03-01T10:00:01+0000',
      parent_id: question.id,
      media: { id: media.id },
    });
    expect((await graph(meta, 'GET', `/${question.id}?fields=from{id,username},parent_id`)).body).toEqual({
      from: { id: jane.id, username: 'jane.doe' },
      id: question.id,
    });
    // A reply to a reply joins the top-level comment.
    const nested = await graph(meta, 'POST', `/${replyId}/replies`, { json: { message: 'ok' } });
    expect(meta.control.mediaComments().find((c) => c.id === (nested.body as { id: string }).id)?.parentId).toBe(question.id);
    expect(dataOf(await graph(meta, 'GET', `/${question.id}/replies?fields=text`)).map((r) => r.text)).toEqual(['ok', '@jane.doe in our shop']);
    expect((await graph(meta, 'DELETE', `/${replyId}`)).body).toEqual({ success: true });
  });

  it('reads a mention through mentioned_comment and replies through /mentions, never directly', async () => {
    meta.control.createInstagramUser({ username: 'jane.doe' });
    const mention = meta.control.mention({ from: 'jane.doe', text: 'Hey @Acme_Support my order?' });
    const read = await graph(meta, 'GET', `/${meta.instagram.id}?fields=mentioned_comment.comment_id(${mention.id}){id,text,timestamp,media{id}}`);
    expect(read.body).toEqual({
      mentioned_comment: { id: mention.id, text: 'Hey @Acme_Support my order?', timestamp: '2026-03-01T10:00:00+0000', media: { id: mention.mediaId } },
      id: meta.instagram.id,
    });
    expect(errorOf(await graph(meta, 'GET', `/${mention.id}`))).toMatchObject({ code: 100, error_subcode: 33 });
    expect(errorOf(await graph(meta, 'GET', `/${mention.mediaId}/comments`))).toMatchObject({ code: 100, error_subcode: 33 });
    expect(errorOf(await graph(meta, 'GET', `/${meta.instagram.id}?fields=mentioned_comment{id}`)).code).toBe(100);

    const reply = await graph(meta, 'POST', `/${meta.instagram.id}/mentions`, {
      form: { comment_id: mention.id, media_id: mention.mediaId, message: 'Checking now!' },
    });
    expect(reply.status).toBe(200);
    expect(meta.control.mediaComments({ media: mention.mediaId }).map((c) => [c.text, c.parentId])).toEqual([
      ['Checking now!', mention.id],
      ['Hey @Acme_Support my order?', undefined],
    ]);
    expect(errorOf(await graph(meta, 'POST', `/${meta.instagram.id}/mentions`, { form: { comment_id: mention.id, media_id: '1', message: 'x' } })).code).toBe(
      100,
    );
  });
});

describe('Meta emulator Send API and the messaging window', () => {
  const send = (recipient: string, extra: Record<string, unknown> = {}, token?: string) =>
    graph(meta, 'POST', '/me/messages', {
      json: { recipient: { id: recipient }, messaging_type: 'RESPONSE', message: { text: 'We are on it' }, ...extra },
      ...(token !== undefined ? { token } : {}),
    });

  it('answers within 24 hours of the customer’s last message, and refuses after with code 10 / 2018278', async () => {
    const jane = meta.control.createFacebookUser({ name: 'Jane Doe' });
    meta.control.sendMessengerMessage({ from: 'Jane Doe', text: 'Where is my order?' });

    now += 24 * HOUR;
    const within = await send(jane.psid);
    expect(within.body).toEqual({ recipient_id: jane.psid, message_id: expect.stringMatching(/^m_/) });
    expect(meta.control.messages({ with: 'Jane Doe' }).map((m) => [m.direction, m.text])).toEqual([
      ['inbound', 'Where is my order?'],
      ['outbound', 'We are on it'],
    ]);

    now += 1;
    const late = await send(jane.psid);
    expect(late.status).toBe(400);
    expect(errorOf(late)).toMatchObject({
      type: 'OAuthException',
      code: 10,
      error_subcode: 2018278,
      message: '(#10) This message is sent outside of allowed window.',
    });

    meta.control.sendMessengerMessage({ from: 'Jane Doe', text: 'Hello again' });
    expect((await send(jane.psid)).status).toBe(200);
  });

  it('extends the window to 7 days with the HUMAN_AGENT tag', async () => {
    const jane = meta.control.createFacebookUser({ name: 'Jane Doe' });
    meta.control.sendMessengerMessage({ from: 'Jane Doe', text: 'Hi' });
    now += 6 * 24 * HOUR;
    expect((await send(jane.psid)).status).toBe(400);
    const tagged = { messaging_type: 'MESSAGE_TAG', tag: 'HUMAN_AGENT' };
    expect((await send(jane.psid, tagged)).status).toBe(200);
    now += 24 * HOUR + 1;
    expect(errorOf(await send(jane.psid, tagged))).toMatchObject({ code: 10, error_subcode: 2018278 });
  });

  it('takes the Send API parameters as form fields holding JSON, on /{page-id}/messages', async () => {
    const jane = meta.control.createFacebookUser({ name: 'Jane Doe' });
    meta.control.sendMessengerMessage({ from: 'Jane Doe', text: 'Hi' });
    const sent = await graph(meta, 'POST', `/${meta.page.id}/messages`, {
      form: { recipient: JSON.stringify({ id: jane.psid }), messaging_type: 'RESPONSE', message: JSON.stringify({ text: 'hello, world' }) },
    });
    expect(sent.body).toMatchObject({ recipient_id: jane.psid });
    expect(meta.control.requests({ method: 'POST', path: '/:id/messages' })[0]?.body).toEqual({
      recipient: JSON.stringify({ id: jane.psid }),
      messaging_type: 'RESPONSE',
      message: JSON.stringify({ text: 'hello, world' }),
    });
  });

  it('refuses unknown recipients, bad messaging types and overlong texts', async () => {
    const jane = meta.control.createFacebookUser({ name: 'Jane Doe' });
    meta.control.sendMessengerMessage({ from: 'Jane Doe', text: 'Hi' });
    expect(errorOf(await send('999'))).toMatchObject({ code: 100, error_subcode: 2018001 });
    expect(errorOf(await send(jane.psid, { messaging_type: 'PROMOTION' })).code).toBe(100);
    expect(errorOf(await send(jane.psid, { message: { text: 'x'.repeat(2001) } })).code).toBe(100);
    expect(errorOf(await send(jane.psid, { recipient: undefined })).message).toBe('(#100) The parameter recipient is required');
  });

  it('sends Instagram DMs with the Instagram-scoped id, through the Page or with an Instagram token', async () => {
    const jane = meta.control.createInstagramUser({ username: 'jane.doe' });
    expect(errorOf(await send(jane.id))).toMatchObject({ code: 10, error_subcode: 2534022 });
    meta.control.sendInstagramMessage({ from: 'jane.doe', text: 'Hi' });
    expect((await send(jane.id)).body).toMatchObject({ recipient_id: jane.id });
    const direct = await graph(meta, 'POST', `/${meta.instagram.id}/messages`, {
      token: meta.credentials.instagramAccessToken,
      json: { recipient: { id: jane.id }, messaging_type: 'RESPONSE', message: { text: 'Also from the app' } },
    });
    expect(direct.status).toBe(200);
    expect(meta.control.messages({ channel: 'instagram' }).map((m) => m.text)).toEqual(['Hi', 'We are on it', 'Also from the app']);
    now += 24 * HOUR + 1;
    expect(errorOf(await send(jane.id, {}, meta.credentials.instagramAccessToken))).toMatchObject({ code: 10, error_subcode: 2534022 });
  });

  it('lists conversations and their messages, with details of the 20 most recent only', async () => {
    const jane = meta.control.createFacebookUser({ name: 'Jane Doe' });
    const sam = meta.control.createFacebookUser({ name: 'Sam Roe' });
    const igJane = meta.control.createInstagramUser({ username: 'jane.doe' });
    const first = meta.control.sendMessengerMessage({ from: 'Jane Doe', text: 'message 0' });
    for (let i = 1; i < 21; i += 1) {
      now += 1000;
      meta.control.sendMessengerMessage({ from: 'Jane Doe', text: `message ${i}` });
    }
    now += 1000;
    meta.control.sendMessengerMessage({ from: 'Sam Roe', text: 'hi' });
    meta.control.sendInstagramMessage({ from: 'jane.doe', text: 'on Instagram' });

    const messenger = dataOf<{ id: string; updated_time: string }>(await graph(meta, 'GET', `/${meta.page.id}/conversations?platform=messenger`));
    expect(messenger).toEqual([
      { id: expect.any(String), updated_time: '2026-03-01T10:00:21+0000' },
      { id: expect.any(String), updated_time: '2026-03-01T10:00:20+0000' },
    ]);
    const janes = dataOf<{ id: string }>(await graph(meta, 'GET', `/${meta.page.id}/conversations?platform=messenger&user_id=${jane.psid}`));
    expect(janes.map((c) => c.id)).toEqual([messenger[1]?.id]);
    expect(dataOf(await graph(meta, 'GET', `/${meta.page.id}/conversations?platform=messenger&user_id=${sam.psid}`))).toHaveLength(1);

    const thread = await graph(meta, 'GET', `/${janes[0]?.id}?fields=messages.limit(25){message,from}`);
    const messages = (thread.body as { messages: { data: { message: string; from: unknown; id: string }[] } }).messages.data;
    expect(messages.map((m) => m.message)).toEqual(Array.from({ length: 21 }, (_, i) => `message ${20 - i}`));
    expect(messages[0]?.from).toEqual({ name: 'Jane Doe', email: `${jane.psid}@facebook.com`, id: jane.psid });
    expect((await graph(meta, 'GET', `/${messages[19]?.id}?fields=message`)).body).toEqual({ message: 'message 1', id: messages[19]?.id });
    expect(errorOf(await graph(meta, 'GET', `/${first.mid}?fields=message`))).toMatchObject({ code: 100, error_subcode: 33 });

    const instagram = await graph(meta, 'GET', '/me/conversations?platform=instagram&fields=messages{message,from{username}}', {
      token: meta.credentials.instagramAccessToken,
    });
    expect(dataOf(instagram)).toEqual([
      {
        messages: { data: [{ message: 'on Instagram', from: { username: 'jane.doe', id: igJane.id }, id: expect.any(String) }], paging: expect.anything() },
        id: expect.any(String),
      },
    ]);
    expect(errorOf(await graph(meta, 'GET', `/${messenger[0]?.id}`, { token: meta.credentials.instagramAccessToken }))).toMatchObject({
      code: 100,
      error_subcode: 33,
    });
  });

  it('reads an Instagram customer profile by their Instagram-scoped id', async () => {
    const jane = meta.control.createInstagramUser({ username: 'jane.doe', name: 'Jane Doe' });
    expect((await graph(meta, 'GET', `/${jane.id}?fields=name,username`)).body).toEqual({ name: 'Jane Doe', username: 'jane.doe', id: jane.id });
  });
});

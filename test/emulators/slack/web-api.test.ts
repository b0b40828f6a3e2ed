import { type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebClient, WebClientEvent } from '@slack/web-api';
import { afterEach, describe, expect, it } from 'vitest';
import { jsonText, type SlackEmulator, type SlackEmulatorOptions, startSlackEmulator } from '../../../emulators/slack/index.js';
import { parentMessageBlocks, recordingLogger, replyModal } from './helpers.js';

let emulator: SlackEmulator | undefined;
let appServer: Server | undefined;
afterEach(async () => {
  await emulator?.close();
  emulator = undefined;
  appServer?.closeAllConnections();
  appServer?.close();
  appServer = undefined;
});

async function start(options: SlackEmulatorOptions = {}): Promise<SlackEmulator> {
  emulator = await startSlackEmulator(options);
  return emulator;
}

/** An app endpoint that acknowledges everything at once (tests then drive the Web API themselves). */
async function ackingApp(target: SlackEmulator): Promise<void> {
  appServer = createServer((req, res) => {
    req.resume();
    req.on('end', () => res.writeHead(200).end());
  });
  await new Promise<void>((resolve) => appServer?.listen(0, '127.0.0.1', resolve));
  target.setRequestUrl(`http://127.0.0.1:${(appServer.address() as AddressInfo).port}/slack/events`);
}

async function call(
  target: SlackEmulator,
  method: string,
  body: Record<string, string>,
  token: string | null = target.botToken,
): Promise<{ status: number; headers: Headers; json: Record<string, unknown> }> {
  const response = await fetch(`${target.apiUrl}${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: new URLSearchParams(body).toString(),
  });
  return { status: response.status, headers: response.headers, json: (await response.json()) as Record<string, unknown> };
}

function client(target: SlackEmulator, options: ConstructorParameters<typeof WebClient>[1] = {}): WebClient {
  return new WebClient(target.botToken, { slackApiUrl: target.apiUrl, retryConfig: { retries: 0 }, logger: recordingLogger(), ...options });
}

describe('Web API: authentication and errors', () => {
  it('answers not_authed, invalid_auth and not_allowed_token_type like Slack', async () => {
    const slack = await start();
    expect((await call(slack, 'auth.test', {}, null)).json).toEqual({ ok: false, error: 'not_authed' });
    expect((await call(slack, 'auth.test', {}, 'xoxb-wrong')).json).toEqual({ ok: false, error: 'invalid_auth' });
    expect((await call(slack, 'auth.test', {}, slack.appToken)).json).toEqual({ ok: false, error: 'not_allowed_token_type' });
    expect((await call(slack, 'apps.connections.open', {}, slack.botToken)).json).toEqual({ ok: false, error: 'not_allowed_token_type' });
    const viaBody = await call(slack, 'auth.test', { token: slack.botToken }, null);
    expect(viaBody.json).toMatchObject({ ok: true, user_id: slack.botUserId, bot_id: slack.botId, team_id: slack.team.id });
    expect((await call(slack, 'no.such.method', {})).json).toMatchObject({ ok: false, error: 'unknown_method' });
  });

  it('accepts JSON bodies and reports invalid_blocks with reasons', async () => {
    const slack = await start();
    const response = await fetch(`${slack.apiUrl}chat.postMessage`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8', authorization: `Bearer ${slack.botToken}` },
      body: JSON.stringify({ channel: slack.channels.social, text: 'x', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'y'.repeat(3001) } }] }),
    });
    expect(await response.json()).toEqual({
      ok: false,
      error: 'invalid_blocks',
      errors: ['must be less than 3001 characters [json-pointer:/blocks/0/text/text]'],
      response_metadata: { messages: ['[ERROR] must be less than 3001 characters [json-pointer:/blocks/0/text/text]'] },
    });
    expect((await call(slack, 'chat.postMessage', { channel: slack.channels.social as string })).json).toEqual({ ok: false, error: 'no_text' });
    expect((await call(slack, 'chat.postMessage', { channel: slack.channels.social as string, text: 'z'.repeat(40_001) })).json).toEqual({
      ok: false,
      error: 'msg_too_long',
    });
    expect((await call(slack, 'chat.postMessage', { channel: slack.channels.social as string, blocks: '[{' })).json).toEqual({
      ok: false,
      error: 'invalid_blocks_format',
    });
  });

  it('needs the bot in the channel (not_in_channel) until conversations.join', async () => {
    const slack = await start();
    const web = client(slack);
    const general = slack.channels.general as string;
    await expect(web.chat.postMessage({ channel: general, text: 'hi' })).rejects.toMatchObject({ data: { error: 'not_in_channel' } });
    expect(await web.conversations.join({ channel: general })).toMatchObject({ ok: true, channel: { id: general, is_member: true } });
    expect(await web.chat.postMessage({ channel: '#general', text: 'hi' })).toMatchObject({ ok: true, channel: general });
  });
});

describe('Web API: rate limits and injected faults', () => {
  it('answers 429 with Retry-After; WebClient waits and the message still arrives', async () => {
    const slack = await start();
    slack.faults.rateLimit('chat.postMessage', { times: 1, retryAfterSeconds: 1 });
    const web = client(slack, { retryConfig: { retries: 2, minTimeout: 10, maxTimeout: 10 } });
    const limited: number[] = [];
    web.on(WebClientEvent.RATE_LIMITED, (seconds: number) => limited.push(seconds));
    const started = Date.now();

    const posted = await web.chat.postMessage({ channel: slack.channels.social as string, text: 'after the rate limit' });

    expect(limited).toEqual([1]);
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(slack.state.messages('social').map((m) => m.ts)).toEqual([posted.ts]);
  });

  it('counts calls per method (and per channel for chat.postMessage) against configurable limits', async () => {
    const slack = await start({ rateLimits: { 'chat.postMessage': { limit: 2, windowMs: 30_000 } } });
    const social = slack.channels.social as string;
    await call(slack, 'chat.postMessage', { channel: social, text: '1' });
    await call(slack, 'chat.postMessage', { channel: social, text: '2' });
    const third = await call(slack, 'chat.postMessage', { channel: social, text: '3' });
    expect(third.status).toBe(429);
    expect(third.json).toEqual({ ok: false, error: 'ratelimited' });
    expect(Number(third.headers.get('retry-after'))).toBeGreaterThanOrEqual(29);
    const dm = await call(slack, 'chat.postMessage', { channel: slack.users.alice?.id as string, text: 'other channel' });
    expect(dm.json.ok).toBe(true);
  });

  it('injects 5xx answers and Slack error codes for the next N calls', async () => {
    const slack = await start();
    slack.faults.serverError('users.info', { times: 1, status: 503 });
    slack.faults.apiError('users.info', 'fatal_error');
    const alice = slack.users.alice?.id as string;
    expect((await fetch(`${slack.apiUrl}users.info?user=${alice}`, { method: 'POST', headers: { authorization: `Bearer ${slack.botToken}` } })).status).toBe(
      503,
    );
    expect((await call(slack, 'users.info', { user: alice })).json).toEqual({ ok: false, error: 'fatal_error' });
    expect((await call(slack, 'users.info', { user: alice })).json).toMatchObject({ ok: true, user: { name: 'alice', real_name: 'Alice Adams' } });
  });
});

describe('Web API: files.uploadV2 through WebClient', () => {
  it('uploads to the upload_url and shares the file in the channel thread', async () => {
    const slack = await start();
    const web = client(slack);
    const parent = await web.chat.postMessage({ channel: slack.channels.social as string, text: 'mention' });

    const result = await web.filesUploadV2({
      channel_id: slack.channels.social as string,
      thread_ts: parent.ts as string,
      filename: 'weekly-report.csv',
      content: 'person,answered\nalice,12\n',
      initial_comment: 'Weekly report',
    });

    const [file] = slack.state.files();
    expect(file).toMatchObject({ name: 'weekly-report.csv', filetype: 'csv', channels: [slack.channels.social], threadTs: parent.ts });
    expect(file?.content?.toString('utf8')).toBe('person,answered\nalice,12\n');
    const thread = slack.state.thread('social', parent.ts as string);
    expect(thread[1]).toMatchObject({ text: 'Weekly report', upload: true, files: [expect.objectContaining({ id: file?.id, name: 'weekly-report.csv' })] });
    expect(JSON.stringify(result)).toContain(file?.id);
    const download = await fetch(jsonText(thread[1]?.files?.[0]?.url_private), { headers: { authorization: `Bearer ${slack.botToken}` } });
    expect(await download.text()).toBe('person,answered\nalice,12\n');
  });
});

describe('Web API: messages, threads and conversations', () => {
  it('keeps threads, edits, reactions, permalinks and history like Slack', async () => {
    const slack = await start();
    const web = client(slack);
    const social = slack.channels.social as string;
    const parent = await web.chat.postMessage({
      channel: social,
      text: 'New mention',
      blocks: parentMessageBlocks() as never,
      metadata: { event_type: 'mention_posted', event_payload: { conversation: 'conv_1' } },
    });
    const reply = await web.chat.postMessage({ channel: social, thread_ts: parent.ts as string, text: 'Replied publicly by alice' });
    await web.chat.postMessage({ channel: social, thread_ts: reply.ts as string, text: 'reply to the reply joins the thread', reply_broadcast: true });
    await web.chat.update({ channel: social, ts: parent.ts as string, text: 'New mention (resolved)' });
    await web.reactions.add({ channel: social, timestamp: parent.ts as string, name: 'white_check_mark' });

    const replies = await web.conversations.replies({ channel: social, ts: parent.ts as string });
    expect(replies.messages?.map((m) => m.text)).toEqual(['New mention (resolved)', 'Replied publicly by alice', 'reply to the reply joins the thread']);
    expect(replies.messages?.[0]).toMatchObject({ reply_count: 2, thread_ts: parent.ts, edited: { user: slack.botUserId } });
    expect(replies.messages?.[0]).not.toHaveProperty('metadata');
    const history = await web.conversations.history({ channel: social, include_all_metadata: true });
    expect(history.messages?.map((m) => m.text)).toEqual(['reply to the reply joins the thread', 'New mention (resolved)']);
    expect(history.messages?.[1]).toMatchObject({ metadata: { event_type: 'mention_posted' }, reactions: [{ name: 'white_check_mark', count: 1 }] });
    expect(slack.state.edits('social', parent.ts as string).map((e) => e.text)).toEqual(['New mention']);
    const link = await web.chat.getPermalink({ channel: social, message_ts: reply.ts as string });
    expect(link.permalink).toBe(
      `https://${slack.team.domain}.slack.com/archives/${social}/p${String(reply.ts).replace('.', '')}?thread_ts=${parent.ts}&cid=${social}`,
    );
    await expect(web.reactions.add({ channel: social, timestamp: parent.ts as string, name: 'white_check_mark' })).rejects.toMatchObject({
      data: { error: 'already_reacted' },
    });
    await expect(web.chat.postMessage({ channel: social, thread_ts: '1.000000', text: 'x' })).rejects.toMatchObject({ data: { error: 'thread_not_found' } });
  });

  it('opens DMs, posts ephemerals and lists users and user groups', async () => {
    const slack = await start();
    const web = client(slack);
    const carol = slack.users.carol?.id as string;
    const opened = await web.conversations.open({ users: carol });
    const again = await web.conversations.open({ users: carol, return_im: true });
    expect(opened.channel?.id).toMatch(/^D[0-9A-Z]{10}$/);
    expect(again).toMatchObject({ already_open: true, channel: { id: opened.channel?.id, is_im: true, user: carol } });
    await web.chat.postMessage({ channel: opened.channel?.id as string, text: 'You were assigned a mention' });
    expect(slack.state.messages(opened.channel?.id as string).map((m) => m.text)).toEqual(['You were assigned a mention']);

    await web.chat.postEphemeral({ channel: slack.channels.social as string, user: carol, text: 'Only you can see this' });
    expect(slack.state.ephemerals('carol')).toEqual([expect.objectContaining({ text: 'Only you can see this', source: 'chat.postEphemeral' })]);

    const groups = await web.usergroups.list({ include_users: true });
    const billing = slack.usergroups.billing;
    expect(groups.usergroups).toEqual([expect.objectContaining({ id: billing?.id, handle: 'billing', users: [carol, slack.users.dana?.id] })]);
    expect(billing?.id).toMatch(/^S/);
    expect((await web.usergroups.users.list({ usergroup: billing?.id as string })).users).toEqual([carol, slack.users.dana?.id]);
    expect((await web.users.info({ user: carol })).user).toMatchObject({
      name: 'carol',
      tz: 'Europe/Berlin',
      is_bot: false,
      profile: { real_name: 'Carol Chen' },
    });
    expect((await web.users.info({ user: slack.botUserId })).user).toMatchObject({ is_bot: true, profile: { bot_id: slack.botId } });
    expect((await web.conversations.info({ channel: slack.channels.social as string })).channel).toMatchObject({
      name: 'social',
      is_channel: true,
      is_member: true,
    });
  });
});

describe('Web API: conversations.members', () => {
  it('lists members page by page with cursors, and refuses what Slack refuses', async () => {
    const slack = await start({
      channels: [
        { name: 'social', members: ['alice', 'bob', 'carol'] },
        { name: 'secret', private: true, botIsMember: false },
      ],
    });
    const web = client(slack);
    const social = slack.channels.social as string;
    const members: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await web.conversations.members({ channel: social, limit: 2, ...(cursor ? { cursor } : {}) });
      members.push(...(page.members ?? []));
      cursor = page.response_metadata?.next_cursor || undefined;
      pages += 1;
    } while (cursor);
    expect(pages).toBe(2);
    expect(members.sort()).toEqual([slack.users.alice?.id, slack.users.bob?.id, slack.users.carol?.id, slack.botUserId].sort());
    expect(members).not.toContain(slack.users.dana?.id);

    expect((await call(slack, 'conversations.members', { channel: social, cursor: 'bm90IGEgY3Vyc29y' })).json).toEqual({ ok: false, error: 'invalid_cursor' });
    expect((await call(slack, 'conversations.members', { channel: social, limit: '0' })).json).toEqual({ ok: false, error: 'invalid_limit' });
    // A private channel the app is not in is not found, as in Slack.
    expect((await call(slack, 'conversations.members', { channel: slack.channels.secret as string })).json).toEqual({ ok: false, error: 'channel_not_found' });
  });
});

describe('Web API: views and response_url', () => {
  it('views.open needs a fresh, unused trigger_id; views.update checks the hash', async () => {
    const slack = await start({ timings: { triggerTtlMs: 100 } });
    await ackingApp(slack);
    const web = client(slack);
    const posted = await web.chat.postMessage({ channel: slack.channels.social as string, text: 'mention', blocks: parentMessageBlocks() as never });
    const click = () => slack.driver.clickButton({ user: 'alice', channel: 'social', ts: posted.ts as string, actionId: 'reply' });

    await expect(web.views.open({ trigger_id: '123.456.abc', view: replyModal('x') as never })).rejects.toMatchObject({
      data: { error: 'invalid_trigger_id' },
    });
    const first = await click();
    const opened = await web.views.open({ trigger_id: first.triggerId, view: { ...replyModal('x'), external_id: 'reply-conv_1' } as never });
    await expect(web.views.open({ trigger_id: first.triggerId, view: replyModal('x') as never })).rejects.toMatchObject({
      data: { error: 'exchanged_trigger_id' },
    });
    const late = await click();
    await new Promise((resolve) => setTimeout(resolve, 150));
    await expect(web.views.open({ trigger_id: late.triggerId, view: replyModal('x') as never })).rejects.toMatchObject({
      data: { error: 'expired_trigger_id' },
    });

    const view = opened.view as { id: string; hash: string };
    expect(view.id).toMatch(/^V/);
    const updated = await web.views.update({
      external_id: 'reply-conv_1',
      hash: view.hash,
      view: { ...replyModal('y'), external_id: 'reply-conv_1' } as never,
    });
    expect(updated.view).toMatchObject({ id: view.id, private_metadata: 'y' });
    await expect(web.views.update({ view_id: view.id, hash: view.hash, view: replyModal('z') as never })).rejects.toMatchObject({
      data: { error: 'hash_conflict' },
    });
    const invalid = await web.views
      .update({ view_id: view.id, view: { ...replyModal('z'), title: { type: 'plain_text', text: 'A title that is far too long' } } as never })
      .catch((error: { data: unknown }) => error.data);
    expect(invalid).toEqual({
      ok: false,
      error: 'invalid_arguments',
      response_metadata: { messages: ['[ERROR] must be less than 25 characters [json-pointer:/view/title/text]'] },
    });
  });

  it('response_url accepts 5 posts, then answers used_url', async () => {
    const slack = await start();
    await ackingApp(slack);
    const web = client(slack);
    const posted = await web.chat.postMessage({ channel: slack.channels.social as string, text: 'mention', blocks: parentMessageBlocks() as never });
    const click = await slack.driver.clickButton({ user: 'bob', channel: 'social', ts: posted.ts as string, actionId: 'resolve' });
    const post = (body: unknown) =>
      fetch(click.responseUrl as string, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

    expect((await post({ text: 'Resolved ✔', replace_original: true })).status).toBe(200);
    for (let i = 0; i < 4; i += 1) expect((await post({ text: `note ${i}` })).status).toBe(200);
    const sixth = await post({ text: 'one too many' });

    expect(sixth.status).toBe(404);
    expect(await sixth.json()).toEqual({ ok: false, error: 'used_url' });
    expect(slack.state.message('social', posted.ts as string)?.text).toBe('Resolved ✔');
    expect(slack.state.ephemerals('bob')).toHaveLength(4);
    expect(slack.state.responseUrlPosts().map((p) => p.status)).toEqual([200, 200, 200, 200, 200, 404]);
  });
});

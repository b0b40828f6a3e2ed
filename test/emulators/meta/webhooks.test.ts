import { createHmac } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { startMetaEmulator, type MetaEmulator } from '../../../emulators/meta/index.js';
import { graph } from './graph-client.js';
import { startReceiver, type ReceivedWebhook, type Receiver } from './receiver.js';

let meta: MetaEmulator;
let receiver: Receiver;
let now = Date.parse('2026-03-01T10:00:00Z');

beforeEach(async () => {
  now = Date.parse('2026-03-01T10:00:00Z');
  receiver = await startReceiver('let-me-in');
  meta = await startMetaEmulator({
    protocol: 'http',
    now: () => now,
    credentials: { verifyToken: 'let-me-in' },
    webhook: { url: receiver.url, retryDelaysMs: [5, 5], timeoutMs: 10_000 },
  });
});
afterEach(async () => {
  await meta.close();
  await receiver.close();
});

interface CommentsPage {
  data: { id: string }[];
  paging?: { next?: string };
}

interface Change {
  field: string;
  value: Record<string, unknown>;
}
const changesOf = (webhook: ReceivedWebhook | undefined): Change[] =>
  ((webhook?.body as { entry: { changes?: Change[] }[] } | undefined)?.entry ?? []).flatMap((e) => e.changes ?? []);

/** Page, post and a customer, as most tests need them. */
function seedPost() {
  const jane = meta.control.createFacebookUser({ name: 'Jane Doe' });
  const post = meta.control.createPost({ message: 'Kettles are back in stock' });
  return { jane, post };
}

describe('Meta emulator webhook deliveries', () => {
  it('delivers a customer comment as a signed feed notification the receiver can verify', async () => {
    const { jane, post } = seedPost();
    const comment = meta.control.comment({ from: jane.id, on: post.id, message: 'Mine arrived broken' });
    await meta.control.settled();

    expect(receiver.received).toHaveLength(1);
    const [webhook] = receiver.received;
    const expected = createHmac('sha256', meta.credentials.appSecret)
      .update(webhook?.rawBody ?? '')
      .digest('hex');
    expect(webhook?.headers['x-hub-signature-256']).toBe(`sha256=${expected}`);
    expect(webhook?.body).toMatchObject({ object: 'page', entry: [{ id: meta.page.id, time: now / 1000 }] });
    expect(changesOf(webhook)).toEqual([
      {
        field: 'feed',
        value: expect.objectContaining({
          item: 'comment',
          verb: 'add',
          comment_id: comment.id,
          post_id: post.id,
          parent_id: post.id,
          from: { id: jane.id, name: 'Jane Doe' },
          message: 'Mine arrived broken',
          created_time: now / 1000,
        }),
      },
    ]);
    expect(meta.control.deliveries()).toEqual([
      expect.objectContaining({ state: 'delivered', attempts: [expect.objectContaining({ attempt: 1, status: 200 })] }),
    ]);
  });

  it('notifies replies with the parent comment, and edits and removals with their verbs', async () => {
    const { jane, post } = seedPost();
    const question = meta.control.comment({ from: 'Jane Doe', on: post.id, message: 'When?' });
    const followUp = meta.control.comment({ from: 'jane doe', on: question.id, message: 'Any news?' });
    await meta.control.settled();
    meta.control.editComment({ id: followUp.id, message: 'Any news at all?' });
    await meta.control.settled();
    expect(meta.control.deleteComment(question.id)).toBe(true);
    await meta.control.settled();

    const values = receiver.received.flatMap((w) => changesOf(w).map((c) => c.value));
    expect(values.map((v) => [v.verb, v.comment_id, v.parent_id, v.message])).toEqual([
      ['add', question.id, post.id, 'When?'],
      ['add', followUp.id, question.id, 'Any news?'],
      ['edited', followUp.id, question.id, 'Any news at all?'],
      ['remove', question.id, post.id, undefined],
    ]);
    expect(values.every((v) => (v.from as { id: string }).id === jane.id)).toBe(true);
    // The removal took the reply with it, as Facebook removes a thread.
    expect(meta.control.comments()).toEqual([]);
  });

  it("notifies the Page's own comments too, with the Page as from", async () => {
    const { post } = seedPost();
    const question = meta.control.comment({ from: 'Jane Doe', on: post.id, message: 'Still in stock?' });
    const answer = await graph(meta, 'POST', `/${question.id}/comments`, { form: { message: 'Yes!' } });
    await meta.control.settled();

    const own = receiver.received.flatMap(changesOf).find((c) => c.value.comment_id === (answer.body as { id: string }).id);
    expect(own?.value).toMatchObject({ verb: 'add', from: { id: meta.page.id, name: meta.page.name }, parent_id: question.id });
  });

  it('retries a failed delivery on the configured schedule until the receiver acknowledges', async () => {
    receiver.replyWith([500, 503]);
    const { post } = seedPost();
    meta.control.comment({ from: 'Jane Doe', on: post.id, message: 'Hello?' });
    await meta.control.settled();

    expect(receiver.received).toHaveLength(3);
    expect(new Set(receiver.received.map((r) => r.rawBody)).size).toBe(1);
    const [delivery] = meta.control.deliveries();
    expect(delivery?.state).toBe('delivered');
    expect(delivery?.attempts.map((a) => a.status)).toEqual([500, 503, 200]);
  });

  it('counts an answer that never comes as a failure, and retries it', async () => {
    receiver.replyWith(['hang']);
    meta.control.configure({ deliveryTimeoutMs: 100, retryDelaysMs: [3_600_000] });
    const { post } = seedPost();
    meta.control.comment({ from: 'Jane Doe', on: post.id, message: 'Hello?' });
    await vi.waitFor(() => expect(meta.control.deliveries().map((d) => d.state)).toEqual(['retrying']));
    expect(meta.control.deliveries()[0]?.attempts).toEqual([expect.objectContaining({ attempt: 1, error: 'no response within 100 ms' })]);

    // A pause holds the waiting retry; resuming sends it at once.
    meta.control.configure({ deliveryTimeoutMs: 10_000 });
    meta.control.pauseDeliveries('queue');
    meta.control.resumeDeliveries();
    await meta.control.settled();
    expect(meta.control.deliveries()).toEqual([
      expect.objectContaining({ state: 'delivered', attempts: [expect.anything(), expect.objectContaining({ attempt: 2, status: 200 })] }),
    ]);
  });

  it('gives a delivery up as failed when every retry fails', async () => {
    receiver.replyWith([500, 500, 500]);
    const { post } = seedPost();
    meta.control.comment({ from: 'Jane Doe', on: post.id, message: 'Hello?' });
    await meta.control.settled();

    expect(meta.control.deliveries()).toEqual([
      expect.objectContaining({ state: 'failed', attempts: [expect.anything(), expect.anything(), expect.anything()] }),
    ]);
    expect(receiver.received).toHaveLength(3);
  });

  it('batches notifications made together into one delivery per object and kind', async () => {
    const { post } = seedPost();
    meta.control.createInstagramUser({ username: 'jane.doe' });
    const media = meta.control.createMedia({ caption: 'Launch' });
    const comments = ['one', 'two', 'three'].map((message) => meta.control.comment({ from: 'Jane Doe', on: post.id, message }));
    meta.control.commentOnMedia({ from: 'jane.doe', on: media.id, text: 'nice' });
    meta.control.sendMessengerMessage({ from: 'Jane Doe', text: 'hi' });
    await meta.control.settled();

    const shapes = receiver.received.map((r) => {
      const body = r.body as { object: string; entry: Record<string, unknown>[] };
      return `${body.object}: ${body.entry.map((e) => ('messaging' in e ? 'messaging' : 'changes')).join(',')}`;
    });
    expect(shapes.sort()).toEqual(['instagram: changes', 'page: changes,changes,changes', 'page: messaging']);
    const feed = receiver.received.find((r) => changesOf(r).length === 3);
    expect(changesOf(feed).map((c) => c.value.comment_id)).toEqual(comments.map((c) => c.id));
  });

  it('holds notifications while paused in queue mode and sends them on resume', async () => {
    const { post } = seedPost();
    meta.control.pauseDeliveries('queue');
    const comment = meta.control.comment({ from: 'Jane Doe', on: post.id, message: 'Anyone there?' });
    await meta.control.settled();
    expect(receiver.received).toEqual([]);
    expect(meta.control.deliveries().map((d) => d.state)).toEqual(['queued']);

    meta.control.resumeDeliveries();
    await meta.control.settled();
    expect(changesOf(receiver.received[0]).map((c) => c.value.comment_id)).toEqual([comment.id]);
    expect(meta.control.deliveries().map((d) => d.state)).toEqual(['delivered']);
  });

  it('holds a delivery waiting for a retry when a queue-mode pause starts, and retries it on resume', async () => {
    receiver.replyWith([500]);
    meta.control.configure({ retryDelaysMs: [3_600_000] });
    const { post } = seedPost();
    meta.control.comment({ from: 'Jane Doe', on: post.id, message: 'Hello?' });
    await vi.waitFor(() => expect(meta.control.deliveries().map((d) => d.state)).toEqual(['retrying']));
    meta.control.pauseDeliveries('queue');
    await meta.control.settled();
    expect(meta.control.deliveries()).toEqual([expect.objectContaining({ state: 'queued', attempts: [expect.objectContaining({ status: 500 })] })]);

    meta.control.resumeDeliveries();
    await meta.control.settled();
    expect(meta.control.deliveries()[0]?.attempts.map((a) => a.status)).toEqual([500, 200]);
  });

  it('loses notifications while paused in drop mode; the Graph reads still find every comment and message', async () => {
    const { post } = seedPost();
    meta.control.createInstagramUser({ username: 'jane.doe' });
    const media = meta.control.createMedia({ caption: 'Launch' });
    meta.control.pauseDeliveries('drop');
    const missed = ['first', 'second', 'third'].map((message) => meta.control.comment({ from: 'Jane Doe', on: post.id, message }));
    const reply = meta.control.comment({ from: 'Jane Doe', on: missed[0]?.id ?? '', message: 'and a reply' });
    const igMissed = meta.control.commentOnMedia({ from: 'jane.doe', on: media.id, text: 'where to buy?' });
    await meta.control.settled();
    expect(receiver.received).toEqual([]);
    expect(meta.control.deliveries().every((d) => d.state === 'dropped' && d.reason === 'deliveries were paused in drop mode')).toBe(true);

    // Reconciliation as an adapter does it after downtime: the feed, then every comment page by page.
    const feed = await graph(meta, 'GET', `/${meta.page.id}/feed?fields=id,message`);
    expect((feed.body as { data: { id: string }[] }).data.map((p) => p.id)).toEqual([post.id]);
    const seen: string[] = [];
    let next: string | undefined =
      `${meta.graphUrl}/${post.id}/comments?filter=stream&limit=2&fields=id,message,parent{id}&access_token=${meta.credentials.pageAccessToken}`;
    while (next !== undefined) {
      const page: CommentsPage = await fetch(next).then((r) => r.json() as Promise<CommentsPage>);
      seen.push(...page.data.map((c) => c.id));
      next = page.paging?.next;
    }
    expect(seen).toEqual([...missed.map((c) => c.id), reply.id]);
    const igComments = await graph(meta, 'GET', `/${media.id}/comments?fields=id,text,from{id,username}`);
    expect(igComments.body).toMatchObject({ data: [{ id: igMissed.id, text: 'where to buy?' }] });

    meta.control.sendMessengerMessage({ from: 'Jane Doe', text: 'sent while you were down' });
    await meta.control.settled();
    const conversations = await graph(meta, 'GET', `/${meta.page.id}/conversations?platform=messenger&fields=messages{message}`);
    expect(conversations.body).toMatchObject({ data: [{ messages: { data: [{ message: 'sent while you were down' }] } }] });

    meta.control.resumeDeliveries();
    meta.control.comment({ from: 'Jane Doe', on: post.id, message: 'after the outage' });
    await meta.control.settled();
    expect(receiver.received).toHaveLength(1);
  });

  it('records notifications as dropped when no callback URL is subscribed', async () => {
    meta.control.setWebhookUrl(null);
    const { post } = seedPost();
    meta.control.comment({ from: 'Jane Doe', on: post.id, message: 'Hello?' });
    await meta.control.settled();
    expect(meta.control.deliveries()).toEqual([expect.objectContaining({ state: 'dropped', reason: 'no callback URL is subscribed', attempts: [] })]);
    expect(receiver.received).toEqual([]);
  });

  it('subscribes a callback URL only when it echoes the challenge for the verify token', async () => {
    const other = await startReceiver('another-token');
    try {
      const refused = await meta.control.subscribe({ url: other.url });
      expect(refused).toMatchObject({ ok: false, status: 403 });
      expect(meta.control.settings().webhookUrl).toBe(receiver.url);

      const accepted = await meta.control.subscribe({ url: other.url, verifyToken: 'another-token' });
      expect(accepted).toMatchObject({ ok: true, status: 200, body: accepted.challenge });
      expect(meta.control.settings().webhookUrl).toBe(other.url);
      expect(other.verifications.at(-1)).toEqual({ 'hub.mode': 'subscribe', 'hub.challenge': accepted.challenge, 'hub.verify_token': 'another-token' });
      expect(accepted.challenge).toMatch(/^\d+$/);
    } finally {
      await other.close();
    }
    expect(await meta.control.verifySubscription({ url: receiver.url })).toMatchObject({ ok: true });
  });

  it('delivers Messenger and Instagram DMs, and Instagram echoes of the account’s own replies', async () => {
    const jane = meta.control.createFacebookUser({ name: 'Jane Doe' });
    const igJane = meta.control.createInstagramUser({ username: 'jane.doe' });
    const inbound = meta.control.sendMessengerMessage({ from: 'Jane Doe', text: 'Order #998?' });
    meta.control.sendInstagramMessage({ from: 'jane.doe', text: 'Hi there' });
    await meta.control.settled();
    await graph(meta, 'POST', '/me/messages', { json: { recipient: { id: igJane.id }, messaging_type: 'RESPONSE', message: { text: 'Hello!' } } });
    await graph(meta, 'POST', '/me/messages', { json: { recipient: { id: jane.psid }, messaging_type: 'RESPONSE', message: { text: 'Shipped' } } });
    await meta.control.settled();

    const events = receiver.received.map((r) => {
      const body = r.body as { object: string; entry: { id: string; time: number; messaging: Record<string, unknown>[] }[] };
      return { object: body.object, entryId: body.entry[0]?.id, time: body.entry[0]?.time, event: body.entry[0]?.messaging[0] };
    });
    expect(events).toEqual([
      {
        object: 'page',
        entryId: meta.page.id,
        time: now,
        event: { sender: { id: jane.psid }, recipient: { id: meta.page.id }, timestamp: now, message: { mid: inbound.mid, text: 'Order #998?' } },
      },
      {
        object: 'instagram',
        entryId: meta.instagram.id,
        time: now,
        event: { sender: { id: igJane.id }, recipient: { id: meta.instagram.id }, timestamp: now, message: { mid: expect.any(String), text: 'Hi there' } },
      },
      {
        object: 'instagram',
        entryId: meta.instagram.id,
        time: now,
        event: {
          sender: { id: meta.instagram.id },
          recipient: { id: igJane.id },
          timestamp: now,
          message: { mid: expect.any(String), text: 'Hello!', is_echo: true },
        },
      },
    ]);
  });

  it('sends Instagram comments and mentions with the ids the Graph reads take', async () => {
    const jane = meta.control.createInstagramUser({ username: 'jane.doe' });
    const media = meta.control.createMedia({ caption: 'Launch' });
    const comment = meta.control.commentOnMedia({ from: '@jane.doe', on: media.id, text: 'Price?' });
    const mention = meta.control.mention({ from: 'jane.doe', text: 'my kettle leaks' });
    await meta.control.settled();

    expect(mention.text).toBe('@acme_support my kettle leaks');
    const changes = receiver.received.flatMap(changesOf);
    expect(changes).toEqual([
      {
        field: 'comments',
        value: { from: { id: jane.id, username: 'jane.doe' }, media: { id: media.id, media_product_type: 'FEED' }, id: comment.id, text: 'Price?' },
      },
      { field: 'mentions', value: { comment_id: mention.id, media_id: mention.mediaId } },
    ]);
  });
});

import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '../support/test-databases.js';
import { eventually, startHarness, visibleText, type Harness } from '../support/earshot-harness.js';

describe.each(databaseKinds)('a reply on its way to X (%s)', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(kind);
  });
  afterEach(async () => {
    await h?.stop();
  });

  const brandPosts = () => h.x.control.posts({ author: h.x.brand.id });
  const threadReplies = (parentTs: string) => h.slack.state.thread(h.channelId, parentTs).filter((message) => message.ts !== parentTs);
  const parentNow = (ts: string) => visibleText(h.slack.state.message(h.channelId, ts)!);

  async function replyFromSlack(text: string) {
    const jo = h.x.control.createUser({ username: 'jo', name: 'Jo' });
    h.x.control.post(jo.id, { text: `@${h.x.brand.username} where is my parcel?` });
    await h.earshot.pollNow();
    const parent = await eventually(
      () => h.slack.state.messages(h.channelId).find((message) => !message.thread_ts || message.thread_ts === message.ts),
      'the parent message',
    );
    expect(parentNow(parent.ts)).toContain('🆕 New');
    await h.slack.driver.clickButton({ user: 'alice', channel: h.channelId, ts: parent.ts, actionId: 'reply_open' });
    await eventually(() => h.slack.state.openViews(h.slack.users.alice!.id)[0], 'the reply modal');
    await h.slack.driver.submitView({ user: 'alice', values: { reply_text_input: text } });
    return parent;
  }

  it('X rate-limits the reply: the parent and the thread say "Sending…" while it waits, then the same message shows it sent', async () => {
    h.x.control.injectFault({ method: 'POST', path: '/2/tweets', kind: 'rateLimit', resetInSeconds: 8 });
    const parent = await replyFromSlack('@jo it ships tomorrow');
    const alice = h.slack.users.alice!.id;

    // During the wait: nothing on X yet, and Slack says why.
    const sending = await eventually(
      () => threadReplies(parent.ts).find((message) => visibleText(message).includes('X rate limit reached')),
      'the Sending… message with the reason',
    );
    expect(brandPosts()).toHaveLength(0);
    expect(visibleText(sending)).toContain('Sending…');
    expect(visibleText(sending)).toContain('it ships tomorrow');
    await eventually(() => parentNow(parent.ts).includes(`📤 Sending… (reply by <@${alice}>)`), 'the parent showing Sending…');
    expect(brandPosts()).toHaveLength(0);
    expect(parentNow(parent.ts)).not.toContain('🆕 New');

    const posted = await eventually(() => brandPosts()[0], 'the reply on X after the reset', 30_000);
    await eventually(
      () => visibleText(h.slack.state.message(h.channelId, sending.ts)!).includes('Replied publicly'),
      'the same message showing the reply sent',
    );
    expect(visibleText(h.slack.state.message(h.channelId, sending.ts)!)).toContain(`status/${posted.id}`);
    expect(threadReplies(parent.ts)).toHaveLength(1);
    await eventually(() => parentNow(parent.ts).includes(`Replied by <@${alice}>`), 'the parent showing the reply');
    // The parent never went back to "New" once the reply was on its way.
    const revisions = [...h.slack.state.edits(h.channelId, parent.ts), h.slack.state.message(h.channelId, parent.ts)!].map(visibleText);
    const sendingSince = revisions.findIndex((revision) => revision.includes('📤 Sending…'));
    expect(sendingSince).toBeGreaterThanOrEqual(0);
    expect(revisions.slice(sendingSince).filter((revision) => revision.includes('🆕 New'))).toEqual([]);
  });

  it('X refuses the reply: the same "Sending…" message turns into the reason, with Retry', async () => {
    h.x.control.injectFault({ method: 'POST', path: '/2/tweets', kind: 'rateLimit', resetInSeconds: 3 });
    h.x.control.injectFault({
      method: 'POST',
      path: '/2/tweets',
      kind: 'status',
      status: 403,
      body: { title: 'Forbidden', type: 'about:blank', status: 403, detail: 'Something went wrong on our side.' },
    });
    const parent = await replyFromSlack('@jo thanks!');
    const sending = await eventually(() => threadReplies(parent.ts).find((message) => visibleText(message).includes('Sending…')), 'the Sending… message');
    await eventually(
      () => visibleText(h.slack.state.message(h.channelId, sending.ts)!).includes('X refused the reply'),
      'the same message showing the refusal',
      30_000,
    );
    expect(visibleText(h.slack.state.message(h.channelId, sending.ts)!)).toContain('reply_retry');
    expect(threadReplies(parent.ts)).toHaveLength(1);
  });

  it('a sent Reply form is stored before the form closes: a process that dies right after loses nothing', async () => {
    await replyFromSlack('@jo it ships tomorrow');
    const stored = await h.earshot.database.prisma.message.findMany({ where: { direction: 'outbound' }, select: { text: true } });
    expect(stored).toEqual([{ text: '@jo it ships tomorrow' }]);
  });
});

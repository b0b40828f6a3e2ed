import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '../support/test-databases.js';
import { eventually, startHarness, visibleText, type Harness } from '../support/earshot-harness.js';

const minute = 60_000;

describe.each(databaseKinds)('a reply that stays unsent (%s)', (kind) => {
  let h: Harness;
  /** Earshot's clock: moved forward instead of waiting. */
  let clock = new Date();
  beforeEach(async () => {
    clock = new Date();
    h = await startHarness(kind, { now: () => clock });
  });
  afterEach(async () => {
    await h?.stop();
  });

  const brandPosts = () => h.x.control.posts({ author: h.x.brand.id });
  const threadReplies = (parentTs: string) => h.slack.state.thread(h.channelId, parentTs).filter((message) => message.ts !== parentTs);
  const health = async () => (await fetch(`http://127.0.0.1:${h.earshot.port}/healthz`)).json() as Promise<{ status: string; stuckOutbound?: number }>;

  it('is shown in its thread as not sent yet, with Retry, and counted in /healthz; Retry posts it once', { timeout: 120_000 }, async () => {
    const jo = h.x.control.createUser({ username: 'jo' });
    h.x.control.post(jo.id, { text: `@${h.x.brand.username} where is my parcel?` });
    await h.earshot.pollNow();
    const parent = await eventually(() => h.slack.state.messages(h.channelId)[0], 'the parent message');

    // X takes every reply request and never answers: the reply stays `sending`.
    h.x.control.injectFault({ method: 'POST', path: '/2/tweets', kind: 'hang', times: 100 });
    await h.slack.driver.clickButton({ user: 'alice', channel: h.channelId, ts: parent.ts, actionId: 'reply_open' });
    await eventually(() => h.slack.state.openViews(h.slack.users.alice!.id)[0], 'the reply modal');
    await h.slack.driver.submitView({ user: 'alice', values: { reply_text_input: '@jo it ships tomorrow' } });
    await eventually(() => h.x.control.requests({ method: 'POST', path: '/2/tweets' }).length > 0, 'the reply request to reach X');
    expect(await health()).toMatchObject({ status: 'ok', stuckOutbound: 0 });

    clock = new Date(clock.getTime() + 10 * minute);
    expect(await health()).toMatchObject({ status: 'ok', stuckOutbound: 1 });
    await h.earshot.showStuckRepliesNow();
    const notice = await eventually(() => threadReplies(parent.ts).find((message) => visibleText(message).includes('not sent yet')), 'the not-sent-yet notice');
    expect(visibleText(notice)).toContain('reply_retry');
    expect(visibleText(notice)).toContain('it ships tomorrow');

    h.x.control.clearFaults();
    await h.slack.driver.clickButton({ user: 'alice', channel: h.channelId, ts: notice.ts, actionId: 'reply_retry' });
    await eventually(
      () => visibleText(h.slack.state.message(h.channelId, notice.ts)!).includes('Replied publicly'),
      'the notice turned into a confirmation',
      60_000,
    );
    expect(brandPosts().map((post) => post.text)).toEqual(['@jo it ships tomorrow']);
    expect(await health()).toMatchObject({ status: 'ok', stuckOutbound: 0 });
  });
});

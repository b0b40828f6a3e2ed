import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { databaseKinds } from '../support/test-databases.js';
import { eventually, startHarness, visibleText, type Harness } from '../support/earshot-harness.js';

/** After a send whose outcome is unknown, Earshot looks on X for the reply before posting again. */
describe.each(databaseKinds)('looking up a reply whose send had an unknown outcome (%s)', (kind) => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness(kind);
  });
  afterEach(async () => {
    await h?.stop();
  });

  const prisma = () => h.earshot.database.prisma;
  const brandPosts = () => h.x.control.posts({ author: h.x.brand.id });
  const threadReplies = (parentTs: string) => h.slack.state.thread(h.channelId, parentTs).filter((message) => message.ts !== parentTs);

  /** Alice replies to Jo's mention; X stores the reply but the connection drops before it answers. */
  async function replyWhoseAnswerIsLost(text: string, { firstLookupMisses = false } = {}) {
    const jo = h.x.control.createUser({ username: 'jo', name: 'Jo' });
    h.x.control.post(jo.id, { text: `@${h.x.brand.username} where is my parcel?` });
    await h.earshot.pollNow();
    const parent = await eventually(
      () => h.slack.state.messages(h.channelId).find((message) => !message.thread_ts || message.thread_ts === message.ts),
      'the parent message',
    );
    h.x.control.injectFault({ method: 'POST', path: '/2/tweets', kind: 'commitThenDrop' });
    // The reply is not visible yet when Earshot first looks for it.
    if (firstLookupMisses) h.x.control.injectFault({ method: 'GET', path: '/2/users/:id/tweets', kind: 'notYetVisible' });
    await h.slack.driver.clickButton({ user: 'alice', channel: h.channelId, ts: parent.ts, actionId: 'reply_open' });
    await eventually(() => h.slack.state.openViews(h.slack.users.alice!.id)[0], 'the reply modal');
    await h.slack.driver.submitView({ user: 'alice', values: { reply_text_input: text } });
    return { parent };
  }

  async function expectSentOnce(parentTs: string, text: string) {
    await eventually(() => threadReplies(parentTs).find((message) => message.text.includes('Replied publicly')), 'the confirmation');
    const replies = brandPosts().filter((post) => post.text === text);
    expect(replies).toHaveLength(1);
    const message = await prisma().message.findFirstOrThrow({ where: { direction: 'outbound' } });
    expect(message).toMatchObject({ deliveryState: 'sent', externalId: replies[0]!.id, failureKind: null });
  }

  it('finds the reply on a later page of the account’s posts instead of posting it twice', async () => {
    const text = '@jo it ships tomorrow';
    const { parent } = await replyWhoseAnswerIsLost(text);
    await eventually(() => brandPosts().find((post) => post.text === text), 'the reply stored on X');
    // Before Earshot looks again, the account posts more than one page of other posts.
    for (let i = 0; i < 120; i += 1) h.x.control.postAsBrand({ text: `Announcement number ${i}` });
    await expectSentOnce(parent.ts, text);
    const lookups = h.x.control.requests({ method: 'GET', path: `/2/users/${h.x.brand.id}/tweets` });
    expect(lookups.some((request) => request.query.pagination_token)).toBe(true);
  });

  it('looks from when sending started, even when the row changed much later', async () => {
    const text = '@jo sorted, sorry for the wait';
    const { parent } = await replyWhoseAnswerIsLost(text);
    const failed = await eventually(
      async () => (await prisma().message.findFirst({ where: { direction: 'outbound', lastError: { not: null } } })) ?? undefined,
      'the lost answer recorded',
    );
    // Something else touched the row well after the attempt (its updatedAt moves, its send start does not).
    await prisma().message.update({ where: { id: failed.id }, data: { updatedAt: new Date(Date.now() + 10 * 60_000) } });
    await expectSentOnce(parent.ts, text);
  });

  it('a duplicate refusal after a lost answer means the earlier attempt posted: sent, linked to that post, never failed', async () => {
    const text = '@jo your refund is on its way';
    // Not finding it, Earshot posts again and X refuses the duplicate.
    const { parent } = await replyWhoseAnswerIsLost(text, { firstLookupMisses: true });
    await expectSentOnce(parent.ts, text);
    expect(h.x.control.requests({ method: 'POST', path: '/2/tweets' })).toHaveLength(2);
    expect(threadReplies(parent.ts).map(visibleText).join('\n')).not.toContain('duplicate');
  });
});

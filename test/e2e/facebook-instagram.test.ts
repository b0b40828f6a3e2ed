import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { MetaEmulator } from '../../emulators/meta/index.js';
import { databaseKinds } from '../support/test-databases.js';
import { eventually, parentMessages, startHarness, visibleText, type Harness } from '../support/earshot-harness.js';

/** A Facebook Page and its Instagram account watched beside X: comments become Slack threads, replies land once on the right network. */
describe.each(databaseKinds)('Facebook and Instagram in Slack (%s)', (kind) => {
  let h: Harness;
  let meta: MetaEmulator;
  beforeEach(async () => {
    h = await startHarness(kind, { meta: true });
    meta = h.meta!;
  });
  afterEach(async () => {
    await h?.stop();
  });

  const threadReplies = (parentTs: string) => h.slack.state.thread(h.channelId, parentTs).filter((message) => message.ts !== parentTs);
  const pageComments = () => meta.control.comments().filter((comment) => comment.authorId === meta.page.id);
  const accountComments = () => meta.control.mediaComments().filter((comment) => comment.authorId === meta.instagram.id);
  const conversations = (platform: 'facebook' | 'instagram') => h.earshot.database.prisma.conversation.findMany({ where: { platform } });

  async function replyFromSlack(parentTs: string, text: string) {
    await h.slack.driver.clickButton({ user: 'alice', channel: h.channelId, ts: parentTs, actionId: 'reply_open' });
    const modal = await eventually(() => h.slack.state.openViews(h.slack.users.alice!.id)[0], 'the reply modal');
    await h.slack.driver.submitView({ user: 'alice', values: { reply_text_input: text } });
    return modal;
  }

  async function facebookCommentInSlack(message: string) {
    const jane = meta.control.createFacebookUser({ name: 'Jane Doe' });
    const post = meta.control.createPost({ message: 'Kettles are back in stock' });
    const comment = meta.control.comment({ from: jane.id, on: post.id, message });
    const parent = await eventually(
      () => parentMessages(h).find((candidate) => candidate.text.includes(message) || visibleText(candidate).includes(message)),
      'the Facebook thread',
    );
    return { comment, parent };
  }

  async function instagramCommentInSlack(text: string) {
    const sam = meta.control.createInstagramUser({ username: 'sam.k' });
    const media = meta.control.createMedia({ caption: 'Autumn collection' });
    const comment = meta.control.commentOnMedia({ from: sam.id, on: media.id, text });
    const parent = await eventually(() => parentMessages(h).find((candidate) => visibleText(candidate).includes(text)), 'the Instagram thread');
    return { comment, parent };
  }

  it('a Facebook comment becomes a thread showing Facebook; the reply from Slack lands once, under the comment', async () => {
    const { comment, parent } = await facebookCommentInSlack('Mine leaks, what now?');
    expect(visibleText(parent)).toContain('Facebook');
    expect(visibleText(parent)).toContain('Jane Doe');

    const modal = await replyFromSlack(parent.ts, 'So sorry Jane, we are sending a new one today');
    expect(modal.title?.text).toBe('Reply on Facebook');
    await eventually(() => threadReplies(parent.ts).find((message) => message.text.includes('Replied publicly')), 'the confirmation');
    await meta.control.settled();
    await h.slack.idle();
    expect(pageComments()).toEqual([expect.objectContaining({ parentId: comment.id, message: 'So sorry Jane, we are sending a new one today' })]);
    // The Page's own comment came back by webhook, and both come back in the reconciliation poll: each is
    // recognised (the reply as Earshot's), never a new conversation or a second message.
    await h.earshot.pollNow();
    await h.slack.idle();
    expect(parentMessages(h)).toHaveLength(1);
    expect(await conversations('facebook')).toHaveLength(1);
    const outbound = await h.earshot.database.prisma.message.findMany({ where: { direction: 'outbound' } });
    expect(outbound).toEqual([expect.objectContaining({ platform: 'facebook', deliveryState: 'sent', externalId: pageComments()[0]!.id })]);
    expect(accountComments()).toEqual([]);
    expect(h.logs.join('')).not.toContain(meta.credentials.pageAccessToken);
  });

  it('an Instagram comment becomes a thread showing Instagram; the reply from Slack lands once, as a reply on Instagram', async () => {
    const { comment, parent } = await instagramCommentInSlack('Is this jacket waterproof?');
    expect(visibleText(parent)).toContain('Instagram');
    expect(visibleText(parent)).toContain('sam.k');

    const modal = await replyFromSlack(parent.ts, '@sam.k yes, fully taped seams');
    expect(modal.title?.text).toBe('Reply on Instagram');
    await eventually(() => threadReplies(parent.ts).find((message) => message.text.includes('Replied publicly')), 'the confirmation');
    await meta.control.settled();
    await h.slack.idle();
    expect(accountComments()).toEqual([expect.objectContaining({ parentId: comment.id, text: '@sam.k yes, fully taped seams' })]);
    expect(await conversations('instagram')).toHaveLength(1);
    expect(await h.earshot.database.prisma.message.count({ where: { direction: 'outbound' } })).toBe(1);
    expect(pageComments()).toEqual([]);
  });

  it('a reply whose answer was lost is looked up on Facebook, not posted twice', async () => {
    const { comment, parent } = await facebookCommentInSlack('Where is my refund?');
    // Without the webhook of the Page's own comment, only the look-up can tell that the reply went out.
    meta.control.pauseDeliveries('drop');
    meta.control.injectFault({ method: 'POST', path: '/:id/comments', kind: 'commitThenDrop' });
    await replyFromSlack(parent.ts, 'Jane, the refund went out this morning');

    await eventually(() => threadReplies(parent.ts).find((message) => message.text.includes('Replied publicly')), 'the confirmation');
    expect(pageComments()).toEqual([expect.objectContaining({ parentId: comment.id })]);
    expect(meta.control.requests({ method: 'POST', path: '/:id/comments' })).toHaveLength(1);
    expect(meta.control.requests({ method: 'GET', path: `/${comment.id}/comments` })).not.toHaveLength(0);
    const message = await h.earshot.database.prisma.message.findFirstOrThrow({ where: { direction: 'outbound' } });
    expect(message).toMatchObject({ deliveryState: 'sent', externalId: pageComments()[0]!.id, failureKind: null });
  });

  it('a reply whose answer was lost is looked up on Instagram, not posted twice', async () => {
    const { comment, parent } = await instagramCommentInSlack('Where is my parcel?');
    meta.control.pauseDeliveries('drop');
    meta.control.injectFault({ method: 'POST', path: '/:id/replies', kind: 'commitThenDrop' });
    await replyFromSlack(parent.ts, '@sam.k it arrives tomorrow');

    await eventually(() => threadReplies(parent.ts).find((message) => message.text.includes('Replied publicly')), 'the confirmation');
    expect(accountComments()).toEqual([expect.objectContaining({ parentId: comment.id, text: '@sam.k it arrives tomorrow' })]);
    expect(meta.control.requests({ method: 'POST', path: '/:id/replies' })).toHaveLength(1);
    expect(meta.control.requests({ method: 'GET', path: `/${comment.id}/replies` })).not.toHaveLength(0);
  });

  it('a comment missed while Earshot was down is brought in by the reconciliation poll, once', async () => {
    await h.earshot.stop();
    meta.control.pauseDeliveries('drop');
    const jane = meta.control.createFacebookUser({ name: 'Jane Doe' });
    const post = meta.control.createPost({ message: 'Kettles are back in stock' });
    meta.control.comment({ from: jane.id, on: post.id, message: 'Nobody answers my emails' });
    const sam = meta.control.createInstagramUser({ username: 'sam.k' });
    meta.control.commentOnMedia({ from: sam.id, on: meta.control.createMedia({ caption: 'Autumn' }).id, text: 'Still no parcel' });
    meta.control.resumeDeliveries();

    await h.restart();
    await h.earshot.pollNow();
    await h.earshot.pollNow();
    await eventually(() => parentMessages(h).length === 2, 'both threads');
    await h.slack.idle();
    const shown = parentMessages(h).map((message) => visibleText(message));
    expect(shown.filter((text) => text.includes('Nobody answers my emails'))).toHaveLength(1);
    expect(shown.filter((text) => text.includes('Still no parcel'))).toHaveLength(1);
    expect(await conversations('facebook')).toHaveLength(1);
    expect(await conversations('instagram')).toHaveLength(1);
  });
});

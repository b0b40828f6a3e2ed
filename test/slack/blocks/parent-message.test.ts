import { describe, expect, it } from 'vitest';
import { xNetwork } from '../../../src/channels/x/x-network.js';
import type { types } from '@slack/bolt';
import { renderParentMessage, type ParentMessageConversation } from '../../../src/slack/blocks/parent-message.js';

const conversationId = '6f1c0c1e-0000-4000-8000-000000000042';

function conversation(overrides: Partial<ParentMessageConversation> = {}): ParentMessageConversation {
  return {
    id: conversationId,
    ref: 42,
    network: xNetwork,
    status: 'new',
    visibility: 'public',
    author: {
      name: 'Jane Doe',
      handle: 'jane_doe',
      profileUrl: 'https://x.com/jane_doe',
      profileImageUrl: 'https://pbs.twimg.com/profile_images/1/jane_normal.jpg',
      followerCount: 12345,
      firstSeenAt: new Date('2026-01-02T09:00:00Z'),
    },
    post: {
      id: '1790000000000000042',
      url: 'https://x.com/jane_doe/status/1790000000000000042',
      text: '@acme my order is late & support <won’t> answer https://t.co/xyz',
      createdAt: new Date('2026-07-21T14:05:00Z'),
      media: [],
      urls: [{ url: 'https://t.co/xyz', expandedUrl: 'https://acme.com/orders/123', displayUrl: 'acme.com/orders/123' }],
    },
    ...overrides,
  };
}

function mrkdwnOf(blocks: types.KnownBlock[]): string {
  return JSON.stringify(blocks);
}

function blockById<T extends types.KnownBlock>(blocks: types.KnownBlock[], blockId: string): T {
  const block = blocks.find((candidate) => candidate.block_id === blockId);
  if (!block) throw new Error(`no block ${blockId}`);
  return block as T;
}

function contextText(blocks: types.KnownBlock[], blockId: string): string {
  const element = blockById<types.ContextBlock>(blocks, blockId).elements[0];
  return element && 'text' in element ? element.text : '';
}

function actionElements(blocks: types.KnownBlock[]): types.ActionsBlockElement[] {
  return blockById<types.ActionsBlock>(blocks, 'conversation_actions').elements;
}

function buttons(blocks: types.KnownBlock[]): Array<{ action_id: string; label: string; value: string; style?: string }> {
  return actionElements(blocks).flatMap((element) =>
    element.type === 'button'
      ? [{ action_id: element.action_id ?? '', label: element.text.text, value: element.value ?? '', ...(element.style ? { style: element.style } : {}) }]
      : [],
  );
}

describe('renderParentMessage', () => {
  it('gives a notification fallback naming the author', () => {
    expect(renderParentMessage(conversation()).text).toBe(
      'New mention from @jane_doe: @acme my order is late &amp; support &lt;won’t&gt; answer https://t.co/xyz',
    );
  });

  it('shows the author with a profile link, follower count and picture', () => {
    const author = blockById<types.SectionBlock>(renderParentMessage(conversation()).blocks, 'author');
    expect(author.text?.text).toBe(
      '*Jane Doe* · <https://x.com/jane_doe|@jane_doe> · 12,345 followers · first seen <!date^1767344400^{date_short}|2026-01-02 09:00 UTC>',
    );
    expect(author.accessory).toEqual({
      type: 'image',
      image_url: 'https://pbs.twimg.com/profile_images/1/jane_normal.jpg',
      alt_text: '@jane_doe',
    });
  });

  it('leaves out the follower count and picture when unknown', () => {
    const conv = conversation();
    const author = blockById<types.SectionBlock>(
      renderParentMessage({ ...conv, author: { ...conv.author, followerCount: undefined, profileImageUrl: undefined } }).blocks,
      'author',
    );
    expect(author.text?.text).not.toContain('followers');
    expect(author.accessory).toBeUndefined();
  });

  it('escapes the post text and links expanded URLs', () => {
    const post = blockById<types.SectionBlock>(renderParentMessage(conversation()).blocks, 'post');
    expect(post.text).toEqual({
      type: 'mrkdwn',
      text: '@acme my order is late &amp; support &lt;won’t&gt; answer <https://acme.com/orders/123|acme.com/orders/123>',
    });
  });

  it('escapes a hostile author name', () => {
    const conv = conversation();
    const message = renderParentMessage({ ...conv, author: { ...conv.author, name: '<!channel> & co' } });
    expect(mrkdwnOf(message.blocks)).not.toContain('<!channel>');
    expect(blockById<types.SectionBlock>(message.blocks, 'author').text?.text).toContain('*&lt;!channel&gt; &amp; co*');
  });

  it('truncates a very long post to fit a section', () => {
    const conv = conversation();
    const message = renderParentMessage({ ...conv, post: { ...conv.post, text: '<&>'.repeat(3000), urls: [] } });
    const text = blockById<types.SectionBlock>(message.blocks, 'post').text?.text ?? '';
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text.endsWith('…')).toBe(true);
    expect(text).not.toMatch(/&(?!amp;|lt;|gt;)/);
    expect(message.text.length).toBeLessThan(200);
  });

  it('shows the network’s icon, time, link to the post and the reference', () => {
    expect(contextText(renderParentMessage(conversation()).blocks, 'meta')).toBe(
      '𝕏 <!date^1784642700^{date_short_pretty} {time}|2026-07-21 14:05 UTC> · <https://x.com/jane_doe/status/1790000000000000042|View on X> · E-42',
    );
  });

  it('links media', () => {
    const conv = conversation();
    const message = renderParentMessage({
      ...conv,
      post: {
        ...conv.post,
        media: [
          { url: 'https://pbs.twimg.com/media/a.jpg', type: 'photo' },
          { url: 'https://video.twimg.com/b.mp4', type: 'video' },
        ],
      },
    });
    expect(contextText(message.blocks, 'media')).toBe('<https://pbs.twimg.com/media/a.jpg|Photo 1> · <https://video.twimg.com/b.mp4|Video 2>');
    expect(renderParentMessage(conv).blocks.some((block) => block.block_id === 'media')).toBe(false);
  });

  it.each<[Partial<ParentMessageConversation>, string]>([
    [{ status: 'new' }, '🆕 New'],
    [{ status: 'open' }, '💬 Open'],
    [{ status: 'assigned', assigneeSlackUserId: 'U0BOB' }, '👤 Assigned to <@U0BOB>'],
    [{ status: 'awaiting_approval' }, '⏳ Awaiting approval'],
    [
      { status: 'replied', lastReply: { slackUserId: 'U0ANN', at: new Date('2026-07-21T14:20:00Z') } },
      '↩️ Replied by <@U0ANN> <!date^1784643600^{date_short_pretty} {time}|2026-07-21 14:20 UTC>',
    ],
    [{ status: 'resolved' }, '✅ Resolved'],
    [{ status: 'resolved', visibility: 'private' }, '✅ Resolved · 🔒 Private'],
    [{ status: 'open', assigneeSlackUserId: 'U0BOB' }, '💬 Open · 👤 Assigned to <@U0BOB>'],
    [{ status: 'assigned', assigneeSlackTeamId: 'S0BILLING' }, '👥 <!subteam^S0BILLING>'],
    [{ status: 'assigned', assigneeSlackUserId: 'U0BOB', assigneeSlackTeamId: 'S0BILLING' }, '👤 Assigned to <@U0BOB> · 👥 <!subteam^S0BILLING>'],
    [{ status: 'assigned' }, '👤 Assigned'],
    [{ status: 'new', replyingSlackUserId: 'U0ANN' }, '🆕 New · ✍️ <@U0ANN> is replying…'],
  ])('shows the status line for %j', (overrides, expected) => {
    expect(contextText(renderParentMessage(conversation(overrides)).blocks, 'status')).toBe(expected);
  });

  it('offers Reply, Assign, Take private and Resolve, each carrying the conversation id', () => {
    expect(buttons(renderParentMessage(conversation()).blocks)).toEqual([
      { action_id: 'reply_open', label: 'Reply', value: conversationId, style: 'primary' },
      { action_id: 'assign_open', label: 'Assign', value: conversationId },
      { action_id: 'private_open', label: 'Take private', value: conversationId },
      { action_id: 'resolve', label: 'Resolve', value: conversationId },
    ]);
  });

  it('turns Resolve into Reopen once resolved', () => {
    const actionIds = buttons(renderParentMessage(conversation({ status: 'resolved' })).blocks).map((b) => b.action_id);
    expect(actionIds).toContain('reopen');
    expect(actionIds).not.toContain('resolve');
  });

  it('drops Take private when the conversation is already private', () => {
    const actionIds = buttons(renderParentMessage(conversation({ visibility: 'private' })).blocks).map((b) => b.action_id);
    expect(actionIds).not.toContain('private_open');
  });

  function overflowOptions(conv: ParentMessageConversation): string[][] {
    const overflow = actionElements(renderParentMessage(conv).blocks).find((element) => element.type === 'overflow');
    expect(overflow).toMatchObject({ action_id: 'conversation_overflow' });
    const options = overflow?.type === 'overflow' ? overflow.options : [];
    return options.map((option) => [option.text.text, option.value ?? '']);
  }

  it('has an overflow with Take it and Ignore / spam', () => {
    expect(overflowOptions(conversation())).toEqual([
      ['Take it (assign to me)', `take:${conversationId}`],
      ['Ignore / spam', `ignore:${conversationId}`],
    ]);
  });

  it('offers Unassign once someone or a team has it', () => {
    for (const assigned of [{ assigneeSlackUserId: 'U0BOB' }, { assigneeSlackTeamId: 'S0BILLING' }]) {
      expect(overflowOptions(conversation({ status: 'assigned', ...assigned }))).toContainEqual(['Unassign', `unassign:${conversationId}`]);
    }
  });

  it('shows an author marked as spam, and offers Not spam instead of Ignore', () => {
    const conv = conversation({ status: 'resolved' });
    const spam = { ...conv, author: { ...conv.author, markedSpam: true } };
    expect(contextText(renderParentMessage(spam).blocks, 'status')).toBe('✅ Resolved · 🚫 Author marked as spam');
    const options = overflowOptions(spam);
    expect(options).toContainEqual(['Not spam', `not_spam:${conversationId}`]);
    expect(options.map(([, value]) => value)).not.toContain(`ignore:${conversationId}`);
  });

  it('shows no history for a first conversation', () => {
    expect(renderParentMessage(conversation()).blocks.some((block) => block.block_id === 'history')).toBe(false);
    expect(renderParentMessage(conversation({ history: { total: 0, recent: [] } })).blocks.some((block) => block.block_id === 'history')).toBe(false);
  });

  it("counts and links the customer's earlier conversations, most recent first", () => {
    const history = {
      total: 7,
      recent: [
        { ref: 40, threadUrl: 'https://slack.com/archives/C0SOCIAL/p1784642700000100' },
        { ref: 31 },
        { ref: 30, threadUrl: 'https://slack.com/archives/C0SOCIAL/p1784642700000050' },
        { ref: 12, threadUrl: 'https://slack.com/archives/C0SOCIAL/p1784642700000012' },
        { ref: 11, threadUrl: 'https://slack.com/archives/C0SOCIAL/p1784642700000011' },
      ],
    };
    expect(contextText(renderParentMessage(conversation({ history })).blocks, 'history')).toBe(
      '🗂️ 7 earlier conversations: <https://slack.com/archives/C0SOCIAL/p1784642700000100|E-40>, E-31, ' +
        '<https://slack.com/archives/C0SOCIAL/p1784642700000050|E-30>, <https://slack.com/archives/C0SOCIAL/p1784642700000012|E-12>, ' +
        '<https://slack.com/archives/C0SOCIAL/p1784642700000011|E-11> and 2 more',
    );
    expect(contextText(renderParentMessage(conversation({ history: { total: 1, recent: [{ ref: 3 }] } })).blocks, 'history')).toBe(
      '🗂️ 1 earlier conversation: E-3',
    );
  });

  it('keeps the actions last, after status and history', () => {
    const blocks = renderParentMessage(conversation({ history: { total: 1, recent: [{ ref: 3 }] } })).blocks;
    expect(blocks.map((block) => block.block_id).slice(-3)).toEqual(['status', 'history', 'conversation_actions']);
  });

  it('stays within Slack limits for blocks and section text', () => {
    const conv = conversation({
      status: 'replied',
      assigneeSlackUserId: 'U0BOB',
      assigneeSlackTeamId: 'S0BILLING',
      visibility: 'private',
      replyingSlackUserId: 'U0ANN',
      history: {
        total: 10_000,
        recent: Array.from({ length: 50 }, (_, n) => ({ ref: 10_000 - n, threadUrl: `https://slack.com/archives/C0SOCIAL/p17846427000${n}` })),
      },
    });
    const message = renderParentMessage({
      ...conv,
      post: {
        ...conv.post,
        text: 'x'.repeat(10_000),
        media: [1, 2, 3, 4].map((n) => ({ url: `https://pbs.twimg.com/media/${n}.jpg`, type: 'photo' })),
      },
    });
    expect(message.blocks.length).toBeLessThanOrEqual(50);
    for (const block of message.blocks) {
      if (block.type === 'section') expect(block.text?.text.length).toBeLessThanOrEqual(3000);
      if (block.type === 'context') for (const element of block.elements) if ('text' in element) expect(element.text.length).toBeLessThanOrEqual(3000);
    }
  });
});

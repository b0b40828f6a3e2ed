import { describe, expect, it } from 'vitest';
import { blueskyNetwork } from '../../src/channels/bluesky/bluesky-network.js';
import { facebookNetwork } from '../../src/channels/meta/facebook-network.js';
import { instagramNetwork } from '../../src/channels/meta/instagram-network.js';
import type { Network } from '../../src/channels/network.js';
import { findNetwork, listNetworkNames, networkOf, supportedNetworks } from '../../src/channels/networks.js';
import { xNetwork } from '../../src/channels/x/x-network.js';
import type { Platform } from '../../src/generated/prisma/enums.js';
import { renderParentMessage } from '../../src/slack/blocks/parent-message.js';
import { renderReplyModal } from '../../src/slack/blocks/reply-modal.js';

/** A network with long posts and no direct messages: what the Slack layer must cope with, without naming it. */
const longform: Network = {
  ...xNetwork,
  id: 'facebook',
  name: 'Longform',
  icon: '📘',
  measureReply: (text) => ({ used: text.length, limit: 8_000, remaining: 8_000 - text.length, valid: text.length > 0 && text.length <= 8_000 }),
  replyConstraint: undefined,
  postUrl: ({ id }) => `https://longform.example/posts/${id}`,
  profileUrl: (handle) => `https://longform.example/${handle}`,
  directMessages: undefined,
};

describe('the registry of networks', () => {
  it('knows X, Bluesky, Facebook and Instagram, and fails loudly for a network without an adapter', () => {
    expect(networkOf('x')).toBe(xNetwork);
    expect(networkOf('bluesky')).toBe(blueskyNetwork);
    expect(networkOf('facebook')).toBe(facebookNetwork);
    expect(supportedNetworks()).toEqual([xNetwork, blueskyNetwork, facebookNetwork, instagramNetwork]);
    expect(findNetwork('x')).toBe(xNetwork);
    expect(findNetwork('instagram')).toBe(instagramNetwork);
    expect(findNetwork('reply_modal')).toBeUndefined();
    expect(() => networkOf('mastodon' as Platform)).toThrow('no adapter for the network "mastodon"');
  });

  it('names networks as a sentence does', () => {
    const named = (name: string) => ({ ...xNetwork, name });
    expect(listNetworkNames([named('X')], 'or')).toBe('X');
    expect(listNetworkNames([named('X'), named('Bluesky')], 'or')).toBe('X or Bluesky');
    expect(listNetworkNames([named('X'), named('Bluesky'), named('Facebook')], 'and')).toBe('X, Bluesky and Facebook');
  });
});

describe('Slack speaks of the conversation’s network', () => {
  it('shows its icon, name and links on the parent, and offers Take private only where it has direct messages', () => {
    const message = renderParentMessage({
      id: 'c-1',
      ref: 7,
      network: longform,
      status: 'new',
      visibility: 'public',
      author: { name: 'Jo', handle: 'jo', profileUrl: longform.profileUrl('jo'), firstSeenAt: new Date('2026-01-02T09:00:00Z') },
      post: {
        id: '9',
        url: longform.postUrl({ id: '9', authorHandle: 'jo' }),
        text: 'hello',
        createdAt: new Date('2026-07-21T14:05:00Z'),
        media: [],
        urls: [],
      },
    });
    const shown = JSON.stringify(message.blocks);
    expect(shown).toContain('📘 <!date^');
    expect(shown).toContain('<https://longform.example/posts/9|View on Longform>');
    expect(shown).not.toContain('Take private');
    expect(shown).not.toMatch(/\bX\b/);
  });

  it('titles and counts the reply modal as the network does, within Slack’s box', () => {
    const view = renderReplyModal({ conversationId: 'c-1', network: longform, handle: 'jo' });
    expect(view.title.text).toBe('Reply on Longform');
    const input = view.blocks.find((block) => block.type === 'input');
    expect(input).toMatchObject({
      hint: { text: "Posted publicly on Longform: anyone can read it. Longform takes 8,000 characters; this box stops at 3,000, Slack's limit." },
      element: { max_length: 3_000 },
    });
    expect(JSON.stringify(view.blocks)).toContain('3/8,000 characters'); // "@jo"
  });
});

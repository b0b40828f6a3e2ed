import { describe, expect, it } from 'vitest';
import { xNetwork } from '../../../src/channels/x/x-network.js';
import { renderThreadPost } from '../../../src/slack/blocks/thread-post.js';

describe('renderThreadPost', () => {
  it('never lets a post ping the channel or a person, in the blocks or in the fallback text', () => {
    const message = renderThreadPost({
      network: xNetwork,
      direction: 'inbound',
      handle: 'jo',
      text: 'hey <!here> and <@U0ADMIN> & <!channel> look',
      url: 'https://x.com/jo/status/1',
      createdAt: new Date('2026-12-01T10:00:00Z'),
      urls: [],
      media: [],
    });
    expect(message.text).toBe('@jo: hey &lt;!here&gt; and &lt;@U0ADMIN&gt; &amp; &lt;!channel&gt; look');
    expect(JSON.stringify(message)).not.toMatch(/<!here>|<@U0ADMIN>|<!channel>/);
  });
});

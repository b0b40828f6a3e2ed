import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { xNetwork } from '../../../src/channels/x/x-network.js';
import { HISTORY_CONVERSATIONS_MAX, HISTORY_MESSAGES_MAX } from '../../../src/conversations/history-conversations.js';
import { renderCustomerTimeline, type TimelineItem } from '../../../src/slack/blocks/customer-timeline.js';
import { MESSAGE_BLOCKS_MAX, SECTION_TEXT_MAX } from '../../../src/slack/blocks/slack-limits.js';

const at = new Date('2026-12-01T09:30:00Z');

function conversation(overrides: Partial<TimelineItem> = {}): TimelineItem {
  return {
    ref: 7,
    network: xNetwork,
    brandHandle: 'acme',
    status: 'replied',
    visibility: 'public',
    createdAt: at,
    resolvedAt: null,
    answeredBy: [{ slackUserId: 'U0ALICE' }],
    messages: [
      { from: 'customer', text: 'my parcel never came', at },
      { from: 'team', text: 'a new one is on its way', at, slackUserId: 'U0ALICE' },
    ],
    earlierMessages: 0,
    threadUrl: 'https://earshot.slack.com/archives/C1/p1',
    ...overrides,
  };
}

const sectionTexts = (blocks: unknown[]) =>
  blocks.flatMap((block) => ((block as { type: string }).type === 'section' ? [(block as { text: { text: string } }).text.text] : []));

describe('renderCustomerTimeline', () => {
  it('shows each conversation with its status, who answered and the messages in order', () => {
    const message = renderCustomerTimeline({
      handle: 'jo',
      markedSpam: false,
      conversations: [conversation(), conversation({ ref: 9, answeredBy: [{ brand: true }], earlierMessages: 3 })],
      olderConversations: 2,
    });
    const text = JSON.stringify(message.blocks);
    expect(text).toContain('2 older conversations not shown');
    expect(text).toContain('answered by <@U0ALICE>');
    expect(text).toContain('answered by @acme on X');
    expect(text).toContain('…3 earlier messages');
    expect(text.indexOf('|E-7>')).toBeLessThan(text.indexOf('|E-9>'));
  });

  it('hides a private conversation’s messages from someone outside its channel', () => {
    const message = renderCustomerTimeline({
      handle: 'jo',
      markedSpam: false,
      conversations: [conversation({ visibility: 'private', messages: [], previewHiddenUntilJoining: 'C0SOCIAL' })],
      olderConversations: 0,
    });
    expect(JSON.stringify(message)).toContain('preview hidden. Join <#C0SOCIAL> to see it.');
  });

  it('stays within Slack’s limits and never lets a customer’s text ping or link', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 2_000 }), fc.string({ minLength: 1, maxLength: 15 }), (text, handle) => {
        const messages = Array.from({ length: HISTORY_MESSAGES_MAX }, (_, index) => ({
          from: index % 2 ? ('team' as const) : ('customer' as const),
          text: `<!here> ${text}`,
          at,
          slackUserId: 'U0ALICE',
        }));
        const conversations = Array.from({ length: HISTORY_CONVERSATIONS_MAX }, (_, index) =>
          conversation({
            ref: index + 1,
            messages,
            earlierMessages: 12,
            answeredBy: [{ slackUserId: 'U0ALICE' }, { brand: true }],
            status: 'resolved',
            resolvedAt: at,
          }),
        );
        const message = renderCustomerTimeline({ handle, markedSpam: true, conversations, olderConversations: 40 });
        expect(message.blocks.length).toBeLessThanOrEqual(MESSAGE_BLOCKS_MAX);
        for (const section of sectionTexts(message.blocks)) {
          expect(section.length).toBeLessThanOrEqual(SECTION_TEXT_MAX);
          expect(section).not.toContain('<!here>');
        }
      }),
      { numRuns: 50 },
    );
  });
});

import { describe, expect, it } from 'vitest';
import { xNetwork } from '../../../src/channels/x/x-network.js';
import { renderDirectMessageFailed, renderDirectMessageReceived, renderDirectMessageSent } from '../../../src/slack/blocks/private-messages.js';
import { renderTakePrivateModal } from '../../../src/slack/blocks/private-modal.js';
import { renderReplyModal } from '../../../src/slack/blocks/reply-modal.js';

const at = new Date('2026-07-21T13:50:00Z');

describe('direct messages in a thread', () => {
  it('marks a customer DM and escapes it', () => {
    const message = renderDirectMessageReceived({ network: xNetwork, handle: 'jo', authorName: 'Jo', text: 'a <b> & c', createdAt: at });
    expect(message.text).toBe('🔒 DM from @jo: a &lt;b&gt; &amp; c');
    expect(JSON.stringify(message.blocks)).toContain('🔒 *DM from @jo* (Jo):\\na &lt;b&gt; &amp; c');
  });

  it('names who sent a DM from Slack', () => {
    expect(renderDirectMessageSent({ network: xNetwork, slackUserId: 'U1', text: 'hi', createdAt: at }).text).toBe('🔒 DM sent by <@U1>: hi');
  });

  it('shows a failure with a Retry button carrying the message id', () => {
    const message = renderDirectMessageFailed({ messageId: 'm-1', plainMessage: 'X said no.', slackUserId: 'U1', text: 'hi' });
    expect(JSON.stringify(message.blocks)).toContain('<@U1>, your direct message was not sent.');
    expect(message.blocks[1]).toMatchObject({ type: 'actions', elements: [{ action_id: 'private_retry', value: 'm-1' }] });
    expect(renderDirectMessageFailed({ messageId: 'm-1', plainMessage: 'X said no.', offerRetry: false }).blocks).toHaveLength(1);
  });
});

describe('modals', () => {
  it('"Take private" prefills the public invitation and the first DM', () => {
    const view = renderTakePrivateModal({ network: xNetwork, conversationId: 'c-1', handle: '@jo', name: 'Jo', signature: '^AL' });
    const json = JSON.stringify(view);
    expect(view.callback_id).toBe('private_submit');
    expect(JSON.parse(view.private_metadata!)).toEqual({ conversationId: 'c-1' });
    expect(json).toContain("@jo We've sent you a direct message so we can look at your account privately.");
    expect(json).toContain('Hi Jo, thanks for getting in touch.');
    expect(json).toContain('Signed ^AL');
  });

  it('the Reply modal of a private conversation is a direct message with its own limit', () => {
    const view = renderReplyModal({ network: xNetwork, conversationId: 'c-1', handle: 'jo', visibility: 'private', initialText: 'hello' });
    const json = JSON.stringify(view);
    expect(view.callback_id).toBe('reply_submit');
    expect(view.title.text).toBe('Direct message');
    expect(json).toContain('Direct message to @jo');
    expect(json).toContain('5/10,000 characters');
    expect(json).not.toContain('Reply on X');
    expect(renderReplyModal({ network: xNetwork, conversationId: 'c-1', handle: 'jo' }).title.text).toBe('Reply on X');
  });
});

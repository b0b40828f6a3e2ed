import { describe, expect, it } from 'vitest';
import { xNetwork } from '../../../src/channels/x/x-network.js';
import type { types } from '@slack/bolt';
import { validateView } from '../../../emulators/slack/block-kit/view.js';
import { readReplyModalMetadata, renderReplyModal, replyTextBlockId } from '../../../src/slack/blocks/reply-modal.js';

// ModalView.blocks admits unknown blocks too; every block this modal renders is a KnownBlock.
function blocksOf(view: types.ModalView): types.KnownBlock[] {
  return view.blocks as types.KnownBlock[];
}

function contextText(view: types.ModalView, blockId: string): string {
  const block = blocksOf(view).find((candidate) => candidate.block_id === blockId);
  const element = block?.type === 'context' ? block.elements[0] : undefined;
  return element && 'text' in element ? element.text : '';
}

function input(view: types.ModalView, blockId = 'reply_text'): types.InputBlock {
  const block = blocksOf(view).find((candidate) => candidate.block_id === blockId);
  if (block?.type !== 'input') throw new Error(`no input block ${blockId}`);
  return block;
}

describe('renderReplyModal', () => {
  const view = renderReplyModal({ network: xNetwork, conversationId: 'conv-1', handle: 'jane_doe', signature: '^AL' });

  it('is the reply_submit modal with a public-sounding title and submit', () => {
    expect(view).toMatchObject({
      type: 'modal',
      callback_id: 'reply_submit',
      title: { type: 'plain_text', text: 'Reply on X' },
      submit: { type: 'plain_text', text: 'Post reply' },
      notify_on_close: true,
    });
    expect(view.title.text.length).toBeLessThanOrEqual(24);
  });

  it('prefills the handle and asks for a count on every keystroke', () => {
    const block = input(view);
    expect(block.dispatch_action).toBe(true);
    expect(block.label.text).toBe('Reply to @jane_doe');
    expect(block.element).toEqual({
      type: 'plain_text_input',
      action_id: 'reply_text_input',
      multiline: true,
      max_length: 1000,
      initial_value: '@jane_doe ',
      dispatch_action_config: { trigger_actions_on: ['on_character_entered'] },
    });
  });

  it('counts the signed text the way X does', () => {
    expect(contextText(view, 'reply_length')).toBe('13/280 characters'); // "@jane_doe ^AL"
    const emoji = renderReplyModal({ network: xNetwork, conversationId: 'c', handle: '@ann', initialText: '@ann 🙏' });
    expect(contextText(emoji, 'reply_length')).toBe('7/280 characters');
  });

  it('uses the caller’s length and warns when over the limit', () => {
    const over = renderReplyModal({
      network: xNetwork,
      conversationId: 'c',
      handle: 'ann',
      lengthInfo: { used: 293, limit: 280, remaining: -13, valid: false },
    });
    expect(contextText(over, 'reply_length')).toBe("⚠️ *293/280 characters* · 13 over X's limit");
  });

  it('shows the signature and how to change it', () => {
    expect(contextText(view, 'reply_signature')).toBe('Signed ^AL — change with /social signature');
    expect(contextText(renderReplyModal({ network: xNetwork, conversationId: 'c', handle: 'ann' }), 'reply_signature')).toBe(
      'No signature — add one with /social signature',
    );
  });

  it('offers saved replies only when there are some', () => {
    expect(view.blocks.some((block) => block.block_id === 'saved_replies')).toBe(false);
    const withSaved = renderReplyModal({
      network: xNetwork,
      conversationId: 'c',
      handle: 'ann',
      savedReplies: [
        { label: 'Outage', text: 'We know about the outage and are on it.' },
        { label: 'L'.repeat(100), text: 'T'.repeat(500) },
      ],
    });
    const block = blocksOf(withSaved).find((candidate) => candidate.block_id === 'saved_replies');
    const select = block?.type === 'actions' ? block.elements[0] : undefined;
    expect(select).toMatchObject({ type: 'static_select', action_id: 'saved_reply_select' });
    const options = select?.type === 'static_select' ? (select.options ?? []) : [];
    expect(options.map((option) => option.value)).toEqual(['0', '1']);
    expect(options[0]?.text.text).toBe('Outage');
    for (const option of options) {
      expect(option.text.text.length).toBeLessThanOrEqual(75);
      expect(option.description?.text.length ?? 0).toBeLessThanOrEqual(75);
    }
  });

  it('keeps the conversation id in private_metadata', () => {
    expect(JSON.parse(view.private_metadata ?? '')).toEqual({ conversationId: 'conv-1', revision: 0 });
    expect(readReplyModalMetadata(view.private_metadata ?? '')).toEqual({ conversationId: 'conv-1', revision: 0 });
  });

  it('moves the text input to a new block id on a new revision, so Slack shows the new text', () => {
    const revised = renderReplyModal({ network: xNetwork, conversationId: 'c', handle: 'ann', initialText: '@ann Saved text', revision: 2 });
    expect(replyTextBlockId(2)).toBe('reply_text_2');
    expect(input(revised, 'reply_text_2').element).toMatchObject({ initial_value: '@ann Saved text' });
    expect(readReplyModalMetadata(revised.private_metadata ?? '')).toEqual({ conversationId: 'c', revision: 2 });
    expect(replyTextBlockId()).toBe('reply_text');
  });

  it.each(['', 'not json', '{}', '{"conversationId":"","revision":0}'])('rejects metadata %j', (raw) => {
    expect(readReplyModalMetadata(raw)).toBeNull();
  });
});

describe('the live count on a very long reply', () => {
  it('stays a modal Slack accepts: the box stops at 1,000 characters and says why', () => {
    const view = renderReplyModal({ network: xNetwork, conversationId: 'conv-1', handle: 'jo', initialText: `@jo ${'word '.repeat(1_000)}` });
    expect(validateView(view, ['modal'])).toEqual([]);
    const element = input(view).element as types.PlainTextInput;
    expect(element.max_length).toBe(1_000);
    expect(Array.from(element.initial_value ?? '')).toHaveLength(1_000);
    expect(input(view).hint).toMatchObject({ text: expect.stringContaining('X takes 280 characters, so this box stops at 1,000') });
  });

  it("does the same for a direct message, at Slack's 3,000", () => {
    const view = renderReplyModal({ network: xNetwork, conversationId: 'conv-1', handle: 'jo', initialText: 'x'.repeat(5_000), visibility: 'private' });
    expect(validateView(view, ['modal'])).toEqual([]);
    expect((input(view).element as types.PlainTextInput).max_length).toBe(3_000);
  });
});

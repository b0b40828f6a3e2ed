import { describe, expect, it } from 'vitest';
import { validateBlocks, validateView } from '../../../emulators/slack/block-kit/index.js';
import { parentMessageBlocks, replyModal } from './helpers.js';

const section = (text: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({ type: 'section', text: { type: 'mrkdwn', text }, ...extra });
const button = (actionId: string, extra: Record<string, unknown> = {}): Record<string, unknown> => ({
  type: 'button',
  action_id: actionId,
  text: { type: 'plain_text', text: 'Go' },
  ...extra,
});

describe('Block Kit validation (messages)', () => {
  it('accepts blocks like Earshot parent messages, including rich_text', () => {
    const richText = {
      type: 'rich_text',
      elements: [
        {
          type: 'rich_text_section',
          elements: [
            { type: 'text', text: 'Hi ' },
            { type: 'user', user_id: 'U123' },
            { type: 'emoji', name: 'wave' },
          ],
        },
        { type: 'rich_text_list', style: 'bullet', elements: [{ type: 'rich_text_section', elements: [{ type: 'link', url: 'https://x.com' }] }] },
      ],
    };
    expect(validateBlocks([...parentMessageBlocks(), richText], 'message')).toEqual([]);
  });

  it('refuses more than 50 blocks in a message but allows 100 in a modal', () => {
    const blocks = Array.from({ length: 51 }, (_, i) => section(`line ${i}`));
    expect(validateBlocks(blocks, 'message')).toEqual(['no more than 50 items allowed [json-pointer:/blocks]']);
    expect(validateView({ type: 'modal', title: { type: 'plain_text', text: 'Long' }, blocks }, ['modal'])).toEqual([]);
    const tooMany = Array.from({ length: 101 }, (_, i) => section(`line ${i}`));
    expect(validateView({ type: 'home', blocks: tooMany }, ['home'])).toEqual(['no more than 100 items allowed [json-pointer:/view/blocks]']);
  });

  it('refuses text over the limits with the pointer to the field', () => {
    expect(validateBlocks([section('x'.repeat(3001))], 'message')).toEqual(['must be less than 3001 characters [json-pointer:/blocks/0/text/text]']);
    expect(validateBlocks([{ type: 'header', text: { type: 'plain_text', text: 'h'.repeat(151) } }], 'message')).toEqual([
      'must be less than 151 characters [json-pointer:/blocks/0/text/text]',
    ]);
    expect(validateBlocks([{ type: 'actions', elements: [button('a', { text: { type: 'plain_text', text: 'b'.repeat(76) } })] }], 'message')).toEqual([
      'must be less than 76 characters [json-pointer:/blocks/0/elements/0/text/text]',
    ]);
    expect(validateBlocks([{ type: 'actions', elements: [button('a', { value: 'v'.repeat(2001) })] }], 'message')).toEqual([
      'must be less than 2001 characters [json-pointer:/blocks/0/elements/0/value]',
    ]);
    expect(validateBlocks([section('ok', { block_id: 'b'.repeat(256) })], 'message')).toEqual([
      'must be less than 256 characters [json-pointer:/blocks/0/block_id]',
    ]);
  });

  it('refuses duplicate action_ids in a block and duplicate block_ids in a message', () => {
    expect(validateBlocks([{ type: 'actions', elements: [button('same'), button('same')] }], 'message')).toEqual([
      'duplicate action_id: same [json-pointer:/blocks/0/elements/1/action_id]',
    ]);
    expect(validateBlocks([section('a', { block_id: 'x' }), section('b', { block_id: 'x' })], 'message')).toEqual([
      'duplicate block_id: x [json-pointer:/blocks/1/block_id]',
    ]);
  });

  it('refuses unknown block and element types and unknown properties', () => {
    expect(validateBlocks([{ type: 'carousel' }], 'message')).toEqual(['unsupported type: carousel [json-pointer:/blocks/0/type]']);
    expect(validateBlocks([{ type: 'actions', elements: [{ type: 'slider', action_id: 's' }] }], 'message')).toEqual([
      'unsupported type: slider [json-pointer:/blocks/0/elements/0/type]',
    ]);
    expect(validateBlocks([section('a', { colour: 'red' })], 'message')).toEqual(['invalid additional property: colour [json-pointer:/blocks/0]']);
    expect(validateBlocks([{ type: 'actions', elements: [{ type: 'plain_text_input', action_id: 'p' }] }], 'message')).toEqual([
      'element type plain_text_input is not allowed here [json-pointer:/blocks/0/elements/0/type]',
    ]);
  });

  it('refuses missing required fields', () => {
    expect(validateBlocks([{ type: 'section' }], 'message')).toEqual(['must provide either text or fields [json-pointer:/blocks/0]']);
    expect(validateBlocks([{ type: 'actions', elements: [{ type: 'button', action_id: 'b' }] }], 'message')).toEqual([
      'missing required field: text [json-pointer:/blocks/0/elements/0]',
    ]);
    expect(validateBlocks([{ type: 'header', text: { type: 'mrkdwn', text: '*bold*' } }], 'message')).toEqual([
      'must be plain_text [json-pointer:/blocks/0/text/type]',
    ]);
    expect(validateBlocks([{ text: { type: 'plain_text', text: 'x' } }], 'message')).toEqual(['missing required field: type [json-pointer:/blocks/0]']);
  });

  it('enforces element and option limits', () => {
    const elements = Array.from({ length: 26 }, (_, i) => button(`b${i}`));
    expect(validateBlocks([{ type: 'actions', elements }], 'message')).toEqual(['no more than 25 items allowed [json-pointer:/blocks/0/elements]']);
    const context = Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'x' }));
    expect(validateBlocks([{ type: 'context', elements: context }], 'message')).toEqual(['no more than 10 items allowed [json-pointer:/blocks/0/elements]']);
    const fields = Array.from({ length: 11 }, () => ({ type: 'mrkdwn', text: 'x' }));
    expect(validateBlocks([{ type: 'section', fields }], 'message')).toEqual(['no more than 10 items allowed [json-pointer:/blocks/0/fields]']);
    const overflow = {
      type: 'overflow',
      action_id: 'o',
      options: Array.from({ length: 6 }, (_, i) => ({ text: { type: 'plain_text', text: `o${i}` }, value: `${i}` })),
    };
    expect(validateBlocks([section('a', { accessory: overflow })], 'message')).toEqual([
      'no more than 5 items allowed [json-pointer:/blocks/0/accessory/options]',
    ]);
    const select = {
      type: 'static_select',
      action_id: 's',
      options: [{ text: { type: 'plain_text', text: 'A' }, value: 'a' }],
      initial_option: { text: { type: 'plain_text', text: 'B' }, value: 'b' },
    };
    expect(validateBlocks([section('a', { accessory: select })], 'message')).toEqual([
      'must match one of the provided options [json-pointer:/blocks/0/accessory/initial_option]',
    ]);
  });

  it('allows input blocks only in modals and home tabs', () => {
    const input = { type: 'input', label: { type: 'plain_text', text: 'Reply' }, element: { type: 'plain_text_input', action_id: 't' } };
    expect(validateBlocks([input], 'message')).toEqual(['input blocks are only allowed in modals and home tabs [json-pointer:/blocks/0/type]']);
    expect(validateBlocks([input], 'modal')).toEqual([]);
  });
});

describe('Block Kit validation (views)', () => {
  it('accepts the Reply modal', () => {
    expect(validateView(replyModal('conv_1'), ['modal'])).toEqual([]);
  });

  it('enforces modal title, submit, private_metadata and callback_id limits', () => {
    const view = {
      ...replyModal('m'.repeat(3001)),
      title: { type: 'plain_text', text: 't'.repeat(25) },
      callback_id: 'c'.repeat(256),
      submit: { type: 'plain_text', text: 's'.repeat(25) },
    };
    expect(validateView(view, ['modal'])).toEqual([
      'must be less than 25 characters [json-pointer:/view/title/text]',
      'must be less than 25 characters [json-pointer:/view/submit/text]',
      'must be less than 3001 characters [json-pointer:/view/private_metadata]',
      'must be less than 256 characters [json-pointer:/view/callback_id]',
    ]);
  });

  it('needs submit when a modal has input blocks, and the right view type', () => {
    const { submit, ...withoutSubmit } = replyModal('x');
    expect(submit).toBeDefined();
    expect(validateView(withoutSubmit, ['modal'])).toEqual([
      'missing required field: submit (required when blocks contain an input block) [json-pointer:/view]',
    ]);
    expect(validateView(replyModal('x'), ['home'])).toEqual(['must be one of the following: home [json-pointer:/view/type]']);
  });
});

import { describe, expect, it } from 'vitest';
import { messageAuthor, renderBlocks, renderMessage, renderMrkdwn, renderView, type RenderContext } from '../../../emulators/sandbox/render-slack-message.js';

const context: RenderContext = {
  userName: (id) => ({ U1: 'alice', U2: 'bob' })[id],
  channelName: (id) => ({ C1: 'social' })[id],
};

const button = (label: string, actionId: string) => ({ type: 'button', text: { type: 'plain_text', text: label }, action_id: actionId });

describe('renderMrkdwn', () => {
  it('shows links as "label (url)", and bare links as the url', () => {
    expect(renderMrkdwn('<https://x.com/jo|@jo> · <https://x.com/jo/status/1|View on X>', context)).toBe(
      '@jo (https://x.com/jo) · View on X (https://x.com/jo/status/1)',
    );
    expect(renderMrkdwn('see <https://example.com/a?b=1&amp;c=2>', context)).toBe('see https://example.com/a?b=1&c=2');
  });

  it('names mentioned people, channels and groups', () => {
    expect(renderMrkdwn('Replied by <@U1>, cc <@U2|bob> and <@U9>', context)).toBe('Replied by @alice, cc @bob and @U9');
    expect(renderMrkdwn('in <#C1> and <#C7|random>', context)).toBe('in #social and #random');
    expect(renderMrkdwn('<!subteam^S1|@billing> <!here>', context)).toBe('@billing @here');
  });

  it('names a team by its handle, as Slack shows it, not by its id', () => {
    const withTeams: RenderContext = { ...context, usergroupHandle: (id) => ({ S1: 'billing' })[id] };
    expect(renderMrkdwn('Assigned to <!subteam^S1>', withTeams)).toBe('Assigned to @billing');
    expect(renderMrkdwn('Assigned to <!subteam^S1|Billing>', withTeams)).toBe('Assigned to @billing');
    const richText = {
      type: 'rich_text',
      elements: [
        {
          type: 'rich_text_section',
          elements: [
            { type: 'text', text: 'for ' },
            { type: 'usergroup', usergroup_id: 'S1' },
          ],
        },
      ],
    };
    expect(renderBlocks([richText], withTeams)).toEqual(['for @billing']);
  });

  it('shows dates as their fallback text and decodes entities', () => {
    expect(renderMrkdwn('<!date^1700000000^{date_short_pretty} {time}|2023-11-14 22:13 UTC> · E-1', context)).toBe('2023-11-14 22:13 UTC · E-1');
    expect(renderMrkdwn('a &lt;b&gt; &amp; c', context)).toBe('a <b> & c');
  });
});

describe('renderBlocks', () => {
  it('renders sections with fields and an accessory, and context elements without images', () => {
    const lines = renderBlocks(
      [
        { type: 'section', text: { type: 'mrkdwn', text: '*Jo*\nmy parcel' }, fields: [{ type: 'mrkdwn', text: 'field' }], accessory: button('Open', 'open') },
        {
          type: 'context',
          elements: [
            { type: 'image', image_url: 'https://a/b.png', alt_text: 'x' },
            { type: 'mrkdwn', text: 'by <@U1>' },
            { type: 'plain_text', text: 'today' },
          ],
        },
      ],
      context,
    );
    expect(lines).toEqual(['*Jo*', 'my parcel', 'field', '[Open]', 'by @alice  today']);
  });

  it('renders actions as button labels, overflow menus with their options, and selects with their placeholder', () => {
    const lines = renderBlocks(
      [
        {
          type: 'actions',
          elements: [
            button('Reply', 'reply_open'),
            button('Assign', 'assign_open'),
            {
              type: 'overflow',
              action_id: 'more',
              options: [
                { text: { type: 'plain_text', text: 'Ignore' }, value: 'i' },
                { text: { type: 'plain_text', text: 'Like' }, value: 'l' },
              ],
            },
            { type: 'static_select', action_id: 'pick', placeholder: { type: 'plain_text', text: 'Insert a saved reply' }, options: [] },
          ],
        },
      ],
      context,
    );
    expect(lines).toEqual(['[Reply] [Assign] [⋯ Ignore | Like] [Insert a saved reply ▾]']);
  });

  it('renders inputs with what was entered, else their initial value, else empty', () => {
    const blocks = [
      {
        type: 'input',
        block_id: 'reply',
        label: { type: 'plain_text', text: 'Reply to @jo' },
        hint: { type: 'plain_text', text: 'Public.' },
        element: { type: 'plain_text_input', action_id: 'text', initial_value: '@jo ' },
      },
      {
        type: 'input',
        block_id: 'note',
        optional: true,
        label: { type: 'plain_text', text: 'Note' },
        element: { type: 'plain_text_input', action_id: 'note', placeholder: { type: 'plain_text', text: 'Why?' } },
      },
      { type: 'input', block_id: 'who', label: { type: 'plain_text', text: 'Assignee' }, element: { type: 'users_select', action_id: 'user' } },
    ];
    expect(renderBlocks(blocks, context)).toEqual([
      'Reply to @jo:',
      '  │ @jo ',
      '  Public.',
      'Note (optional):',
      '  │ (empty: Why?)',
      'Assignee:',
      '  │ (empty)',
    ]);
    const values = {
      reply: { text: { type: 'plain_text_input', value: '@jo line one\nline two' } },
      who: { user: { type: 'users_select', selected_user: 'U2' } },
    };
    expect(renderBlocks(blocks, context, values)).toEqual([
      'Reply to @jo:',
      '  │ @jo line one',
      '  │ line two',
      '  Public.',
      'Note (optional):',
      '  │ (empty: Why?)',
      'Assignee:',
      '  │ @bob',
    ]);
  });

  it('renders rich text as people type it, headers, dividers, and names unknown blocks', () => {
    const richText = {
      type: 'rich_text',
      elements: [
        {
          type: 'rich_text_section',
          elements: [
            { type: 'text', text: 'ask ' },
            { type: 'user', user_id: 'U2' },
            { type: 'text', text: ' about ' },
            { type: 'link', url: 'https://a.example', text: 'this' },
          ],
        },
        { type: 'rich_text_list', elements: [{ type: 'rich_text_section', elements: [{ type: 'text', text: 'one' }] }] },
      ],
    };
    expect(
      renderBlocks([{ type: 'header', text: { type: 'plain_text', text: 'My queue' } }, richText, { type: 'divider' }, { type: 'video' }], context),
    ).toEqual(['== My queue ==', 'ask @bob about this (https://a.example)', '• one', '────────', '[video block]']);
  });
});

describe('renderMessage and messageAuthor', () => {
  it('uses the blocks when there are some, else the text', () => {
    expect(renderMessage({ text: 'fallback', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: 'from blocks' } }] }, context)).toEqual(['from blocks']);
    expect(renderMessage({ text: 'Replied by <@U1>\nsecond line' }, context)).toEqual(['Replied by @alice', 'second line']);
  });

  it('names people, and marks apps', () => {
    expect(messageAuthor({ user: 'U1' }, context)).toBe('alice');
    expect(messageAuthor({ user: 'U7', bot_id: 'B1', bot_profile: { name: 'Earshot' } }, context)).toBe('Earshot (app)');
  });
});

describe('renderView', () => {
  it('shows the title, the blocks with their state, and the footer buttons', () => {
    const view = {
      title: { type: 'plain_text', text: 'Reply on X' },
      close: { type: 'plain_text', text: 'Cancel' },
      submit: { type: 'plain_text', text: 'Post reply' },
      blocks: [
        {
          type: 'input',
          block_id: 'reply_text',
          label: { type: 'plain_text', text: 'Reply to @jo' },
          element: { type: 'plain_text_input', action_id: 'reply_text_input', initial_value: '@jo ' },
        },
        { type: 'context', block_id: 'reply_length', elements: [{ type: 'mrkdwn', text: '18/280 characters' }] },
      ],
      state: { values: { reply_text: { reply_text_input: { type: 'plain_text_input', value: '@jo it ships today' } } } },
    };
    expect(renderView(view, context)).toEqual(['== Reply on X ==', 'Reply to @jo:', '  │ @jo it ships today', '18/280 characters', '[Cancel] [Post reply]']);
  });
});

describe('renderMessage with files', () => {
  it('lists the files shared with a message, under its text', () => {
    const files = [{ name: 'social-report.csv', mimetype: 'text/csv', size: 2048 }];
    expect(renderMessage({ text: 'Social report', files }, context)).toEqual(['Social report', '📎 social-report.csv (text/csv, 2.0 kB)']);
    expect(renderMessage({ text: '', files }, context)).toEqual(['📎 social-report.csv (text/csv, 2.0 kB)']);
  });
});

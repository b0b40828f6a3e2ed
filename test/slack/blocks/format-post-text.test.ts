import { describe, expect, it } from 'vitest';
import { escapeMrkdwn, formatMrkdwnLink } from '../../../src/slack/blocks/escape-mrkdwn.js';
import { formatPostText } from '../../../src/slack/blocks/format-post-text.js';
import { formatSlackDate } from '../../../src/slack/blocks/format-slack-date.js';
import { escapeAndTruncate } from '../../../src/slack/blocks/truncate-mrkdwn.js';

const link = { url: 'https://t.co/abc123', expandedUrl: 'https://acme.com/status?a=1&b=2', displayUrl: 'acme.com/status' };

describe('escapeMrkdwn', () => {
  it('escapes the three control characters', () => {
    expect(escapeMrkdwn('a & b <@U123> <!channel>')).toBe('a &amp; b &lt;@U123&gt; &lt;!channel&gt;');
  });
});

describe('formatMrkdwnLink', () => {
  it('escapes the URL and the label so neither can break out of the link', () => {
    expect(formatMrkdwnLink('https://a.com/?x=1&y=|2', '<b>')).toBe('<https://a.com/?x=1&amp;y=%7C2|&lt;b&gt;>');
  });
});

describe('formatPostText', () => {
  it('replaces t.co links with their destination and escapes the rest', () => {
    expect(formatPostText('@acme down? <sigh> https://t.co/abc123 & more', [link], 3000)).toBe(
      '@acme down? &lt;sigh&gt; <https://acme.com/status?a=1&amp;b=2|acme.com/status> &amp; more',
    );
  });

  it('renders X-escaped text the same as plain text', () => {
    expect(formatPostText('fish &amp; chips &lt;3', [], 3000)).toBe(formatPostText('fish & chips <3', [], 3000));
    expect(formatPostText('fish &amp; chips &lt;3', [], 3000)).toBe('fish &amp; chips &lt;3');
  });

  it('handles the same link twice', () => {
    const text = formatPostText('https://t.co/abc123 and https://t.co/abc123', [link], 3000);
    expect(text.match(/\|acme\.com\/status>/g)).toHaveLength(2);
  });

  it('truncates without cutting an entity, a link or an emoji', () => {
    const text = `${'&'.repeat(5)}https://t.co/abc123🙏🙏`;
    for (let max = 1; max < 120; max++) {
      const result = formatPostText(text, [link], max);
      expect(result.length).toBeLessThanOrEqual(max);
      expect(result).not.toMatch(/&(?!amp;)|<(?![^>]*>)|[\uD800-\uDBFF](?![\uDC00-\uDFFF])/);
    }
  });
});

describe('escapeAndTruncate', () => {
  it('leaves short text whole and marks a cut with an ellipsis', () => {
    expect(escapeAndTruncate('hello', 5)).toBe('hello');
    expect(escapeAndTruncate('hello world', 8)).toBe('hello w…');
    expect(escapeAndTruncate('a <b', 5)).toBe('a…');
  });
});

describe('formatSlackDate', () => {
  it('uses Slack date formatting with a UTC fallback', () => {
    expect(formatSlackDate(new Date('2026-07-21T14:05:30Z'))).toBe('<!date^1784642730^{date_short_pretty} {time}|2026-07-21 14:05 UTC>');
  });
});

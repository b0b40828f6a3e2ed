import type { types } from '@slack/bolt';
import { formatMrkdwnLink, escapeMrkdwn } from './escape-mrkdwn.js';
import { formatPostText, type PostUrlEntity } from './format-post-text.js';
import { formatSlackDate } from './format-slack-date.js';
import { SECTION_TEXT_MAX } from './slack-limits.js';
import type { SlackMessage } from './slack-message.js';

export interface ThreadPost {
  /** `inbound`: a customer's follow-up; `outbound`: the brand posted it on X outside Earshot. */
  direction: 'inbound' | 'outbound';
  authorName?: string | undefined;
  handle: string;
  text: string;
  url: string;
  createdAt: Date;
  urls: readonly PostUrlEntity[];
  media: ReadonlyArray<{ url?: string | undefined; type?: string | undefined }>;
}

/** A post from X shown inside a conversation's Slack thread. */
export function renderThreadPost(post: ThreadPost): SlackMessage {
  const who =
    post.direction === 'inbound'
      ? `*${escapeMrkdwn(post.authorName ?? post.handle)}* @${escapeMrkdwn(post.handle)}`
      : `↩️ *@${escapeMrkdwn(post.handle)}* replied on X (outside Earshot)`;
  const body = formatPostText(post.text, post.urls, SECTION_TEXT_MAX - who.length - 2) || '_(no text)_';
  const media = post.media.filter((item): item is { url: string; type?: string } => Boolean(item.url));
  const details = [formatSlackDate(post.createdAt), formatMrkdwnLink(post.url, 'View on X')];
  if (media.length > 0) details.push(...media.map((item, index) => formatMrkdwnLink(item.url, `Media ${index + 1}`)));
  const blocks: types.KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `${who}\n${body}` } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: details.join(' · ') }] },
  ];
  const lead = post.direction === 'inbound' ? `@${post.handle}` : `@${post.handle} (outside Earshot)`;
  return { text: `${lead}: ${post.text.slice(0, 150)}`, blocks };
}

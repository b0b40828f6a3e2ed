import type { types } from '@slack/bolt';
import type { Network } from '../../channels/network.js';
import { formatMrkdwnLink, escapeMrkdwn } from './escape-mrkdwn.js';
import { formatPostText, type PostUrlEntity } from './format-post-text.js';
import { formatSlackDate } from './format-slack-date.js';
import { keptSettledNote } from './kept-settled-note.js';
import { SECTION_TEXT_MAX } from './slack-limits.js';
import type { SlackMessage } from './slack-message.js';
import { escapeAndTruncate } from './truncate-mrkdwn.js';

export interface ThreadPost {
  network: Network;
  /** `inbound`: a customer's follow-up; `outbound`: the brand posted it on the network outside Earshot. */
  direction: 'inbound' | 'outbound';
  authorName?: string | undefined;
  handle: string;
  text: string;
  url: string;
  createdAt: Date;
  urls: readonly PostUrlEntity[];
  media: ReadonlyArray<{ url?: string | undefined; type?: string | undefined }>;
  /** A bare thanks after the team answered: the conversation kept its status. */
  keptSettled?: boolean | undefined;
}

/** A post from the network shown inside a conversation's Slack thread. */
export function renderThreadPost(post: ThreadPost): SlackMessage {
  const who =
    post.direction === 'inbound'
      ? `*${escapeMrkdwn(post.authorName ?? post.handle)}* @${escapeMrkdwn(post.handle)}`
      : `↩️ *@${escapeMrkdwn(post.handle)}* replied on ${post.network.name} (outside Earshot)`;
  const body = formatPostText(post.text, post.urls, SECTION_TEXT_MAX - who.length - 2) || '_(no text)_';
  const media = post.media.filter((item): item is { url: string; type?: string } => Boolean(item.url));
  const details = [formatSlackDate(post.createdAt), formatMrkdwnLink(post.url, `View on ${post.network.name}`)];
  if (media.length > 0) details.push(...media.map((item, index) => formatMrkdwnLink(item.url, `Media ${index + 1}`)));
  if (post.keptSettled) details.push(keptSettledNote);
  const blocks: types.KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: `${who}\n${body}` } },
    { type: 'context', elements: [{ type: 'mrkdwn', text: details.join(' · ') }] },
  ];
  // The fallback text is mrkdwn too (notifications, screen readers): a post saying <!here> must not ping the channel.
  const lead = post.direction === 'inbound' ? `@${escapeMrkdwn(post.handle)}` : `@${escapeMrkdwn(post.handle)} (outside Earshot)`;
  return { text: `${lead}: ${escapeAndTruncate(post.text, 150)}`, blocks };
}

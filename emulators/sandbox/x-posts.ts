import type { SlackMessage } from '../slack/index.js';
import type { EmulatedDmEvent, EmulatedPost, XEmulator } from '../x/index.js';
import { UsageError } from './session.js';

/** One line per post, as it reads on X: who, in reply to whom, the text. */
export function describePost(x: XEmulator, post: EmulatedPost): string {
  const author = x.control.user(post.authorId)?.username ?? post.authorId;
  const repliedTo = post.referencedTweets.find((reference) => reference.type === 'replied_to');
  const parentAuthor = repliedTo && x.control.getPost(repliedTo.id)?.authorId;
  const replyNote = parentAuthor ? ` ↩ to @${x.control.user(parentAuthor)?.username ?? parentAuthor}` : '';
  const time = post.createdAt.slice(11, 19);
  return `${time} @${author}${replyNote}: ${post.text}   (post ${post.id})`;
}

/** One line per direct message on X: when, from whom to whom, the text. */
export function describeDm(x: XEmulator, event: EmulatedDmEvent): string {
  const name = (id: string) => `@${x.control.user(id)?.username ?? id}`;
  return `${event.createdAt.slice(11, 19)} ${name(event.senderId)} → ${name(event.recipientId)}: ${event.text}`;
}

/**
 * The post on X a Slack thread is about: the first post whose link the parent message shows,
 * looking at its context lines first (where Earshot puts "View on X").
 */
export function postOfThread(x: XEmulator, parent: SlackMessage): EmulatedPost {
  const blocks = parent.blocks ?? [];
  const ordered = [...blocks.filter((block) => block.type === 'context'), ...blocks.filter((block) => block.type !== 'context')];
  for (const block of ordered) {
    for (const match of JSON.stringify(block).matchAll(/\/status\/(\d+)/g)) {
      const post = match[1] === undefined ? undefined : x.control.getPost(match[1]);
      if (post) return post;
    }
  }
  throw new UsageError('that thread does not link to a post on X');
}

/** The newest post of the conversation a post belongs to: what a reply "in that conversation" answers. */
export function latestInConversation(x: XEmulator, post: EmulatedPost): EmulatedPost {
  return x.control.posts().find((candidate) => candidate.conversationId === post.conversationId) ?? post;
}

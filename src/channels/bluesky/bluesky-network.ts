import type { Network } from '../network.js';
import { classifyBlueskyError } from './bluesky-errors.js';
import { BLUESKY_MAX_HANDLE_LENGTH, blueskyPostIdFromLink, blueskyPostUrl, blueskyProfileUrl, readBlueskyHandle } from './bluesky-links.js';
import { isSameBlueskyPostText } from './bluesky-post-text.js';
import { measureBlueskyReply } from './bluesky-reply-length.js';
import { blueskyLinkAndMentionSpans } from './bluesky-rich-text.js';

/** Bluesky (the AT Protocol's app.bsky), as the rest of Earshot sees it. */
export const blueskyNetwork: Network = {
  id: 'bluesky',
  name: 'Bluesky',
  icon: '🦋',
  measureReply: measureBlueskyReply,
  maxHandleLength: BLUESKY_MAX_HANDLE_LENGTH,
  replyConstraint: undefined,
  postUrl: blueskyPostUrl,
  profileUrl: blueskyProfileUrl,
  postIdFromLink: blueskyPostIdFromLink,
  readHandle: readBlueskyHandle,
  linkAndMentionSpans: blueskyLinkAndMentionSpans,
  isSamePostText: isSameBlueskyPostText,
  classifyError: classifyBlueskyError,
  // Bluesky's chat is a separate service outside the app.bsky API Earshot uses.
  directMessages: undefined,
};

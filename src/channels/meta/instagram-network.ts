import type { Network } from '../network.js';
import { graphErrorClassifier } from './graph-errors.js';
import { INSTAGRAM_MAX_HANDLE_LENGTH, instagramPostIdFromLink, instagramPostUrl, instagramProfileUrl, readInstagramHandle } from './instagram-links.js';
import { commentLengthMeasure, isSameMetaCommentText, metaLinkAndMentionSpans } from './meta-text.js';

/** Instagram's limit on a comment's text. */
export const INSTAGRAM_COMMENT_LIMIT = 2200;

/** Comments on an Instagram professional account's media, as the rest of Earshot sees them. */
export const instagramNetwork: Network = {
  id: 'instagram',
  name: 'Instagram',
  icon: '📷',
  measureReply: commentLengthMeasure(INSTAGRAM_COMMENT_LIMIT),
  maxHandleLength: INSTAGRAM_MAX_HANDLE_LENGTH,
  replyConstraint: undefined,
  postUrl: instagramPostUrl,
  profileUrl: instagramProfileUrl,
  postIdFromLink: instagramPostIdFromLink,
  readHandle: readInstagramHandle,
  linkAndMentionSpans: metaLinkAndMentionSpans,
  isSamePostText: isSameMetaCommentText,
  classifyError: graphErrorClassifier('Instagram'),
  // Instagram direct messages are not bridged yet.
  directMessages: undefined,
};

import type { Network } from '../network.js';
import { FACEBOOK_MAX_HANDLE_LENGTH, facebookPostIdFromLink, facebookPostUrl, facebookProfileUrl, readFacebookHandle } from './facebook-links.js';
import { graphErrorClassifier } from './graph-errors.js';
import { commentLengthMeasure, isSameMetaCommentText, metaLinkAndMentionSpans } from './meta-text.js';

/** Facebook's limit on a comment's text. */
export const FACEBOOK_COMMENT_LIMIT = 8000;

/** Comments on a Facebook Page's posts, as the rest of Earshot sees them. */
export const facebookNetwork: Network = {
  id: 'facebook',
  name: 'Facebook',
  icon: 'ⓕ',
  measureReply: commentLengthMeasure(FACEBOOK_COMMENT_LIMIT),
  maxHandleLength: FACEBOOK_MAX_HANDLE_LENGTH,
  replyConstraint: undefined,
  postUrl: facebookPostUrl,
  profileUrl: facebookProfileUrl,
  postIdFromLink: facebookPostIdFromLink,
  readHandle: readFacebookHandle,
  linkAndMentionSpans: metaLinkAndMentionSpans,
  isSamePostText: isSameMetaCommentText,
  classifyError: graphErrorClassifier('Facebook'),
  // Messenger conversations are not bridged yet.
  directMessages: undefined,
};

import type { NetworkWithDirectMessages } from '../network.js';
import { classifyXDmError } from './x-dm-errors.js';
import { xLinkAndMentionSpans } from './x-entities.js';
import { classifyXError, X_REPLY_CONSTRAINT } from './x-errors.js';
import { toXFailure } from './x-failure.js';
import { readXHandle, X_MAX_HANDLE_LENGTH, xDmConversationUrl, xPostIdFromLink, xPostUrl, xProfileUrl } from './x-links.js';
import { isSameXPostText } from './x-post-text.js';
import { measureXReply } from './x-reply-length.js';

/** X's limit on the text of one direct message, in characters (code points). */
const X_DM_LIMIT = 10_000;

/** X (formerly Twitter), as the rest of Earshot sees it. */
export const xNetwork: NetworkWithDirectMessages = {
  id: 'x',
  name: 'X',
  // X's logo has no emoji; this letter is how people write it in plain text.
  icon: '𝕏',
  measureReply: measureXReply,
  maxHandleLength: X_MAX_HANDLE_LENGTH,
  replyConstraint: `${X_REPLY_CONSTRAINT}.`,
  postUrl: xPostUrl,
  profileUrl: xProfileUrl,
  postIdFromLink: xPostIdFromLink,
  readHandle: readXHandle,
  linkAndMentionSpans: xLinkAndMentionSpans,
  isSamePostText: isSameXPostText,
  classifyError: (error, now) => classifyXError(toXFailure(error), now),
  directMessages: {
    limit: X_DM_LIMIT,
    measure: (text) => Array.from(text).length,
    conversationUrl: xDmConversationUrl,
    classifyError: (error, now) => classifyXDmError(toXFailure(error), now),
  },
};

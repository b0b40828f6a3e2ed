import type { ReplyLength } from '../network.js';

const LINK_OR_MENTION = /https?:\/\/[^\s<>]+|(?<![\w@])@[\w.]{1,50}/gu;

/** A comment's length as Graph checks it (UTF-16 code units, so a count Earshot accepts is never refused). */
export function commentLengthMeasure(limit: number): (text: string) => ReplyLength {
  return (text) => {
    const used = text.length;
    return { used, limit, remaining: limit - used, valid: text.trim() !== '' && used <= limit };
  };
}

/** Links and @mentions in a comment. */
export function metaLinkAndMentionSpans(text: string): Array<{ start: number; end: number }> {
  return [...text.matchAll(LINK_OR_MENTION)].map((match) => ({ start: match.index, end: match.index + match[0].length }));
}

/** Meta keeps a comment's text as sent, apart from surrounding space. */
export function isSameMetaCommentText(sent: string, seen: string): boolean {
  return sent.trim() === seen.trim();
}

/** The links a comment holds, as written. */
export function metaLinks(text: string): Array<{ url: string; expandedUrl: string; displayUrl: string }> {
  return [...text.matchAll(/https?:\/\/[^\s<>]+/gu)].map(([url]) => ({ url, expandedUrl: url, displayUrl: url.replace(/^https?:\/\//, '') }));
}

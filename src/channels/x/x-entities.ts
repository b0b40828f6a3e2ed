import twitterText from 'twitter-text';

/** Links and @mentions in a text, where X's own parser finds them. */
export function xLinkAndMentionSpans(text: string): Array<{ start: number; end: number }> {
  return [...twitterText.extractUrlsWithIndices(text), ...twitterText.extractMentionsWithIndices(text)].map(({ indices: [start, end] }) => ({ start, end }));
}

import { RichText, type Facet, type RichTextSegment } from '@atproto/api';

/** Links and @mentions in a text, where Bluesky's own rich-text detection finds them (UTF-16 offsets). */
export function blueskyLinkAndMentionSpans(text: string): Array<{ start: number; end: number }> {
  const rich = new RichText({ text });
  rich.detectFacetsWithoutResolution();
  return spansOf(rich, (segment) => segment.isLink() || segment.isMention());
}

/** The links a post's facets carry (their text as shown, and where they lead). */
export function blueskyLinks(text: string, facets: Facet[] | undefined): Array<{ url: string; expandedUrl: string; displayUrl: string }> {
  const links: Array<{ url: string; expandedUrl: string; displayUrl: string }> = [];
  for (const segment of new RichText({ text, ...(facets ? { facets } : {}) }).segments()) {
    const link = segment.link;
    if (link) links.push({ url: link.uri, expandedUrl: link.uri, displayUrl: segment.text });
  }
  return links;
}

function spansOf(rich: RichText, wanted: (segment: RichTextSegment) => boolean): Array<{ start: number; end: number }> {
  const spans: Array<{ start: number; end: number }> = [];
  let position = 0;
  for (const segment of rich.segments()) {
    const end = position + segment.text.length;
    if (wanted(segment)) spans.push({ start: position, end });
    position = end;
  }
  return spans;
}

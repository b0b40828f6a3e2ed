import { isHandle } from './identifiers.js';

const graphemes = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** What a reader counts as characters, and what app.bsky.feed.post limits to 300. */
export function graphemeLength(text: string): number {
  let count = 0;
  for (const _ of graphemes.segment(text)) count += 1;
  return count;
}

export const utf8Length = (text: string): number => Buffer.byteLength(text, 'utf8');

/** A facet's range: UTF-8 byte offsets into the post text, start inclusive, end exclusive. */
export interface ByteSlice {
  byteStart: number;
  byteEnd: number;
}

const isContinuationByte = (bytes: Buffer, at: number): boolean => at < bytes.length && ((bytes[at] ?? 0) & 0xc0) === 0x80;

/** Why a byte range does not fit the text (out of bounds, reversed, or cutting a character in two), or undefined when it does. */
export function byteSliceProblem(text: string, slice: ByteSlice): string | undefined {
  const bytes = Buffer.from(text, 'utf8');
  if (slice.byteStart > slice.byteEnd) return `starts at byte ${slice.byteStart}, after its end at byte ${slice.byteEnd}`;
  if (slice.byteEnd > bytes.length) return `ends at byte ${slice.byteEnd}, beyond the text's ${bytes.length} UTF-8 bytes`;
  if (isContinuationByte(bytes, slice.byteStart) || isContinuationByte(bytes, slice.byteEnd)) {
    return `[${slice.byteStart}, ${slice.byteEnd}) cuts a character in two: offsets count UTF-8 bytes, not UTF-16 code units`;
  }
  return undefined;
}

/** The text a valid byte range covers. */
export const sliceText = (text: string, slice: ByteSlice): string => Buffer.from(text, 'utf8').subarray(slice.byteStart, slice.byteEnd).toString('utf8');

export interface MentionFacet {
  $type: 'app.bsky.richtext.facet';
  index: ByteSlice;
  features: [{ $type: 'app.bsky.richtext.facet#mention'; did: string }];
}

/**
 * Mention facets for every `@handle` in the text that names a known account, with the byte ranges the
 * Bluesky app would compute. Unknown handles stay plain text, as they do in the app.
 */
export function detectMentions(text: string, resolve: (handle: string) => string | undefined): MentionFacet[] {
  const facets: MentionFacet[] = [];
  for (const match of text.matchAll(/(^|[\s(])@([a-zA-Z0-9.-]+)/g)) {
    const handle = (match[2] ?? '').replace(/[.-]+$/, '');
    const did = isHandle(handle) ? resolve(handle.toLowerCase()) : undefined;
    if (did === undefined) continue;
    const at = (match.index ?? 0) + (match[1] ?? '').length;
    const byteStart = utf8Length(text.slice(0, at));
    facets.push({
      $type: 'app.bsky.richtext.facet',
      index: { byteStart, byteEnd: byteStart + utf8Length(`@${handle}`) },
      features: [{ $type: 'app.bsky.richtext.facet#mention', did }],
    });
  }
  return facets;
}

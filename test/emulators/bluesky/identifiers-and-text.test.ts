import { AppBskyRichtextFacet, lexicons, RichText } from '@atproto/api';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { atUri, cidFor, createTidGenerator, parseRecordUri, plcDidFor, TID_PATTERN } from '../../../emulators/bluesky/identifiers.js';
import { byteSliceProblem, detectMentions, graphemeLength, sliceText } from '../../../emulators/bluesky/text.js';

const validates = (nsid: string, value: unknown): boolean => lexicons.validate(nsid, value).success;
const POST_URI = 'at://did:plc:ewvi7nxzyoun6zhxrhs64oiz/app.bsky.feed.post/3lbqk5nbd7k2c';

describe('Bluesky emulator identifiers', () => {
  it('TIDs are well formed and strictly increasing whatever the clock does (frozen, rewound, jumping)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 4_102_444_800_000 }), { minLength: 1, maxLength: 50 }),
        fc.integer({ min: 0, max: 1023 }),
        (readings, clockId) => {
          let i = 0;
          const next = createTidGenerator(() => readings[Math.min(i++, readings.length - 1)] ?? 0, clockId);
          const tids = readings.map(() => next());
          for (const tid of tids) expect(tid).toMatch(TID_PATTERN);
          expect([...tids].sort()).toEqual(tids);
          expect(new Set(tids).size).toBe(tids.length);
        },
      ),
    );
  });

  it('CIDs are valid lexicon cids, equal for equal records whatever their key order', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (record) => {
        const cid = cidFor(record);
        expect(validates('com.atproto.repo.strongRef', { uri: POST_URI, cid })).toBe(true);
        expect(cidFor(Object.fromEntries(Object.entries(record).reverse()))).toBe(cid);
      }),
    );
    expect(cidFor({ text: 'a' })).not.toBe(cidFor({ text: 'b' }));
  });

  it('derives a valid did:plc from the handle, stable and case-insensitive; record URIs round-trip', () => {
    fc.assert(
      fc.property(fc.domain(), fc.stringMatching(/^[234567a-z]{13}$/), (handle, rkey) => {
        const did = plcDidFor(handle);
        expect(did).toMatch(/^did:plc:[a-z2-7]{24}$/);
        expect(plcDidFor(handle.toUpperCase())).toBe(did);
        const uri = atUri(did, 'app.bsky.feed.post', rkey);
        expect(validates('com.atproto.repo.strongRef', { uri, cid: cidFor(uri) })).toBe(true);
        expect(parseRecordUri(uri)).toEqual({ repo: did, collection: 'app.bsky.feed.post', rkey });
      }),
    );
  });
});

/** Byte offsets where a character starts (and the end), computed independently from code points. */
function boundaries(text: string): number[] {
  const out = [0];
  for (const char of text) out.push((out[out.length - 1] ?? 0) + Buffer.byteLength(char));
  return out;
}

describe('Bluesky emulator text rules', () => {
  const text = fc.string({ unit: 'grapheme', maxLength: 30 });

  it('counts graphemes as the library does', () => {
    fc.assert(
      fc.property(text, (value) => {
        expect(graphemeLength(value)).toBe(new RichText({ text: value }).graphemeLength);
      }),
    );
  });

  it('accepts a facet range exactly when it lies within the text on character boundaries', () => {
    fc.assert(
      fc.property(text, fc.nat(), fc.nat(), (value, a, b) => {
        const length = Buffer.byteLength(value);
        const slice = { byteStart: a % (length + 3), byteEnd: b % (length + 3) };
        const starts = boundaries(value);
        const fits = slice.byteStart <= slice.byteEnd && starts.includes(slice.byteStart) && starts.includes(slice.byteEnd);
        expect(byteSliceProblem(value, slice) === undefined).toBe(fits);
        if (fits) {
          const chars = Array.from(value);
          expect(sliceText(value, slice)).toBe(chars.slice(starts.indexOf(slice.byteStart), starts.indexOf(slice.byteEnd)).join(''));
        }
      }),
    );
  });

  it('finds @mentions of known accounts at the byte ranges the library computes', () => {
    const known = new Map([
      ['jane.bsky.social', 'did:plc:aaaaaaaaaaaaaaaaaaaaaaaa'],
      ['acme-support.bsky.social', 'did:plc:bbbbbbbbbbbbbbbbbbbbbbbb'],
    ]);
    const word = fc.oneof(
      fc.constantFrom('@jane.bsky.social', '@acme-support.bsky.social', '@nobody.bsky.social', '(@jane.bsky.social', '✨', 'café', '👩‍👩‍👧'),
      fc.string({ minLength: 1, maxLength: 8 }).filter((w) => !/[\s@]/.test(w)),
    );
    fc.assert(
      fc.property(fc.array(word, { maxLength: 12 }), (words) => {
        const value = words.join(' ');
        const ours = detectMentions(value, (handle) => known.get(handle));
        const library = new RichText({ text: value });
        library.detectFacetsWithoutResolution();
        const theirs = (library.facets ?? []).flatMap((f) =>
          f.features.flatMap((feature) => (AppBskyRichtextFacet.isMention(feature) && known.has(feature.did) ? [f.index] : [])),
        );
        expect(ours.map((f) => f.index)).toEqual(theirs);
        for (const facet of ours) expect(sliceText(value, facet.index)).toBe(`@${[...known].find(([, did]) => did === facet.features[0].did)?.[0]}`);
      }),
    );
  });
});

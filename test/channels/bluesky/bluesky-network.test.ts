import { XRPCError } from '@atproto/api';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { postAuthorHandle, postUriWithDid } from '../../../src/channels/bluesky/bluesky-links.js';
import { blueskyNetwork } from '../../../src/channels/bluesky/bluesky-network.js';

const label = fc.stringMatching(/^[a-z0-9](?:[a-z0-9-]{0,10}[a-z0-9])?$/);
const handle = fc
  .tuple(label, label)
  .map(([name, domain]) => `${name}.${domain}.social`)
  .filter((text) => /\.[a-z][a-z0-9-]*\.social$/.test(text));
const rkey = fc.stringMatching(/^[a-z2-7]{13}$/);

describe('Bluesky as Earshot describes it', () => {
  it('counts a reply in graphemes, up to 300', () => {
    expect(blueskyNetwork.measureReply('👨‍👩‍👧 é')).toMatchObject({ used: 3, limit: 300, remaining: 297, valid: true });
    expect(blueskyNetwork.measureReply('a'.repeat(300)).valid).toBe(true);
    expect(blueskyNetwork.measureReply('a'.repeat(301))).toMatchObject({ remaining: -1, valid: false });
    expect(blueskyNetwork.measureReply('  ').valid).toBe(false);
  });

  it('links to a post and reads the link back as the same post', () => {
    fc.assert(
      fc.property(handle, rkey, (author, key) => {
        const id = `at://${author}/app.bsky.feed.post/${key}`;
        const link = blueskyNetwork.postUrl({ id, authorHandle: author });
        expect(link).toBe(`https://bsky.app/profile/${author}/post/${key}`);
        expect(blueskyNetwork.postIdFromLink(link)).toBe(id);
      }),
    );
    expect(blueskyNetwork.postIdFromLink('https://bsky.app/profile/did:plc:abc123/post/3mbo37nxda2ye')).toBe(
      'at://did:plc:abc123/app.bsky.feed.post/3mbo37nxda2ye',
    );
    expect(blueskyNetwork.postIdFromLink('https://x.com/jo/status/123')).toBeUndefined();
  });

  it('reads a link naming the author by handle, in any letter case, as the post under that handle until the DID is known', () => {
    const anyCase = (text: string) =>
      fc
        .array(fc.boolean(), { minLength: text.length, maxLength: text.length })
        .map((upper) => Array.from(text, (char, i) => (upper[i] ? char.toUpperCase() : char)).join(''));
    const did = fc.stringMatching(/^[a-z2-7]{24}$/).map((id) => `did:plc:${id}`);
    fc.assert(
      fc.property(
        handle.chain((author) => fc.tuple(fc.constant(author), anyCase(author))),
        rkey,
        did,
        ([author, typed], key, owner) => {
          const id = blueskyNetwork.postIdFromLink(`https://bsky.app/profile/${typed}/post/${key}`);
          expect(id).toBe(`at://${author}/app.bsky.feed.post/${key}`);
          expect(postAuthorHandle(id!)).toBe(author);
          const stored = postUriWithDid(id!, owner);
          expect(stored).toBe(`at://${owner}/app.bsky.feed.post/${key}`);
          expect(postAuthorHandle(stored)).toBeUndefined();
          expect(blueskyNetwork.postIdFromLink(blueskyNetwork.postUrl({ id: stored, authorHandle: author }))).toBe(id);
        },
      ),
    );
  });

  it('reads a handle typed with or without @, or as a profile link', () => {
    fc.assert(
      fc.property(handle, (typed) => {
        expect(blueskyNetwork.readHandle(`@${typed}`)).toBe(typed);
        expect(blueskyNetwork.readHandle(typed)).toBe(typed);
        expect(blueskyNetwork.readHandle(blueskyNetwork.profileUrl(typed))).toBe(typed);
      }),
    );
    expect(blueskyNetwork.readHandle('not a handle')).toBeUndefined();
  });

  it('finds links and mentions where the Bluesky app does', () => {
    const text = 'Hi @jane.bsky.social see https://acme.example/orders 🙂';
    const spans = blueskyNetwork.linkAndMentionSpans(text).map(({ start, end }) => text.slice(start, end));
    expect(spans).toEqual(['@jane.bsky.social', 'https://acme.example/orders']);
  });

  it('explains what a failed call means', () => {
    const now = new Date('2026-01-05T09:00:00Z');
    const reset = String(Date.parse('2026-01-05T09:05:00Z') / 1000);
    expect(blueskyNetwork.classifyError(new XRPCError(429, 'RateLimitExceeded', 'Rate Limit Exceeded', { 'ratelimit-reset': reset }), now)).toEqual({
      kind: 'rate_limited',
      retryable: true,
      retryAt: new Date('2026-01-05T09:05:00Z'),
      plainMessage: 'Bluesky rate limit reached; it will be retried automatically after 09:05 UTC.',
    });
    expect(blueskyNetwork.classifyError(new XRPCError(401, 'AuthenticationRequired', 'Invalid identifier or password')).kind).toBe('credentials_revoked');
    expect(blueskyNetwork.classifyError(new XRPCError(502, 'UpstreamFailure', 'upstream'))).toMatchObject({ kind: 'server_error', retryable: true });
    expect(blueskyNetwork.classifyError(new XRPCError(400, 'InvalidRequest', 'Record/text must not be longer than 300 graphemes'))).toMatchObject({
      kind: 'invalid_request',
      plainMessage: 'Bluesky rejected the reply as invalid: Record/text must not be longer than 300 graphemes. Edit it and retry.',
    });
    const refused = XRPCError.from(new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) }));
    expect(blueskyNetwork.classifyError(refused)).toMatchObject({ kind: 'server_error', retryable: true });
  });

  it('offers no direct messages', () => {
    expect(blueskyNetwork.directMessages).toBeUndefined();
  });
});

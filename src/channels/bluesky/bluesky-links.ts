/** Bluesky's links to posts and profiles, and the AT URIs Earshot uses as post ids. */

const POST_COLLECTION = 'app.bsky.feed.post';
// A handle is a domain name (https://atproto.com/specs/handle); a DID names the account whatever its handle.
const HANDLE_TEXT = '(?:[a-zA-Z0-9](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?\\.)+[a-zA-Z](?:[a-zA-Z0-9-]{0,61}[a-zA-Z0-9])?';
const DID_TEXT = 'did:[a-z]+:[a-zA-Z0-9._:%-]+';
const HANDLE = new RegExp(`^@?(${HANDLE_TEXT})$`);
const PROFILE_LINK = new RegExp(`^https://bsky\\.app/profile/(${HANDLE_TEXT})/?$`);
const POST_LINK = new RegExp(`^https://bsky\\.app/profile/(${HANDLE_TEXT}|${DID_TEXT})/post/([a-zA-Z0-9._:~-]{1,512})/?(?:[?#].*)?$`);
const POST_URI = /^at:\/\/([^/]+)\/app\.bsky\.feed\.post\/([^/?#]+)$/;

/** The longest handle the AT Protocol allows (a full domain name). */
export const BLUESKY_MAX_HANDLE_LENGTH = 253;

export function blueskyPostUrl({ id, authorHandle }: { id: string; authorHandle: string }): string {
  const rkey = POST_URI.exec(id)?.[2] ?? '';
  return `https://bsky.app/profile/${authorHandle}/post/${rkey}`;
}

export function blueskyProfileUrl(handle: string): string {
  return `https://bsky.app/profile/${handle}`;
}

/**
 * The post's AT URI, from a link to it. Links name the author by handle or DID, as it was shared; a
 * handle (any letter case) gives a URI that names the author by handle, until `postUriWithDid` names them for good.
 */
export function blueskyPostIdFromLink(link: string): string | undefined {
  const match = POST_LINK.exec(link);
  if (!match?.[1] || !match[2]) return undefined;
  const author = match[1].startsWith('did:') ? match[1] : match[1].toLowerCase();
  return `at://${author}/${POST_COLLECTION}/${match[2]}`;
}

/** The handle a post's AT URI names its author by; undefined when it names them by DID (or is no post URI). */
export function postAuthorHandle(uri: string): string | undefined {
  const author = POST_URI.exec(uri)?.[1];
  return author === undefined || author.startsWith('did:') ? undefined : author;
}

/** The same post's AT URI naming its author by DID, as Bluesky's own URIs (and Earshot's post ids) do. */
export function postUriWithDid(uri: string, did: string): string {
  return uri.replace(POST_URI, (_whole, _author: string, rkey: string) => `at://${did}/${POST_COLLECTION}/${rkey}`);
}

/** A Bluesky handle from `@jo.bsky.social`, `jo.bsky.social` or a link to the profile. */
export function readBlueskyHandle(text: string): string | undefined {
  const handle = HANDLE.exec(text)?.[1] ?? PROFILE_LINK.exec(text)?.[1];
  return handle?.toLowerCase();
}

/** The record key of a post's AT URI: a TID, so keys sort by the time their posts were written. */
export function postRecordKey(uri: string): string | undefined {
  return POST_URI.exec(uri)?.[2];
}

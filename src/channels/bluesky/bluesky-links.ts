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

/** The post's AT URI, from a link to it; links name the author by handle or DID, as it was shared. */
export function blueskyPostIdFromLink(link: string): string | undefined {
  const match = POST_LINK.exec(link);
  return match ? `at://${match[1]}/${POST_COLLECTION}/${match[2]}` : undefined;
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

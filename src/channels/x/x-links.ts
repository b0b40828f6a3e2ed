/** X's links to posts and profiles, as Earshot shows them and as people paste them. */

const POST_LINK = /^https?:\/\/(?:(?:www|mobile)\.)?(?:x|twitter)\.com\/(?:[A-Za-z0-9_]{1,15}|i\/web|i)\/status(?:es)?\/(\d{1,25})(?:[/?#].*)?$/i;
const HANDLE = /^@?([A-Za-z0-9_]{1,15})$/;
const PROFILE_LINK = /^https?:\/\/(?:(?:www|mobile)\.)?(?:x|twitter)\.com\/([A-Za-z0-9_]{1,15})\/?$/i;

/** X usernames have at most 15 characters. */
export const X_MAX_HANDLE_LENGTH = 15;

export function xPostUrl({ id, authorHandle }: { id: string; authorHandle: string }): string {
  return `https://x.com/${authorHandle}/status/${id}`;
}

export function xProfileUrl(handle: string): string {
  return `https://x.com/${handle}`;
}

/** Where a DM conversation opens on X; the inbox when the conversation is not known. */
export function xDmConversationUrl(dmConversationId: string | undefined): string {
  return dmConversationId ? `https://x.com/messages/${encodeURIComponent(dmConversationId)}` : 'https://x.com/messages';
}

/** The post id in a link to a post on X (x.com or twitter.com, any form people share). */
export function xPostIdFromLink(link: string): string | undefined {
  return POST_LINK.exec(link)?.[1];
}

/** An X username from `@jo`, `jo` or a link to the profile. */
export function readXHandle(text: string): string | undefined {
  return HANDLE.exec(text)?.[1] ?? PROFILE_LINK.exec(text)?.[1];
}

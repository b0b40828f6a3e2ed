/** Instagram's links: comments have none of their own, so a comment links to its author's profile. */

export const INSTAGRAM_MAX_HANDLE_LENGTH = 30;
const USERNAME = /^@?([A-Za-z0-9._]{1,30})$/;
const PROFILE_LINK = /^https:\/\/(?:www\.)?instagram\.com\/([A-Za-z0-9._]{1,30})\/?$/;

export function instagramPostUrl({ authorHandle }: { id: string; authorHandle: string }): string {
  return instagramProfileUrl(authorHandle);
}

export function instagramProfileUrl(handle: string): string {
  return `https://www.instagram.com/${encodeURIComponent(handle.replace(/^@/, ''))}/`;
}

/** Instagram links lead to media, never to a comment: no link names a comment Earshot could reply to. */
export function instagramPostIdFromLink(): undefined {
  return undefined;
}

export function readInstagramHandle(text: string): string | undefined {
  const handle = USERNAME.exec(text.trim())?.[1] ?? PROFILE_LINK.exec(text.trim())?.[1];
  return handle?.toLowerCase();
}

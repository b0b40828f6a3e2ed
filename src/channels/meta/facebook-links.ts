/**
 * Facebook's links. A comment's id is `{post}_{comment}`; facebook.com/{id} opens any object the
 * viewer may see. Commenters are named, not handled: the "handle" of a person is their name as
 * shown, and of the Page its username.
 */

export const FACEBOOK_MAX_HANDLE_LENGTH = 75;
const USERNAME = /^@?([A-Za-z0-9.]{5,50})$/;
const PROFILE_LINK = /^https:\/\/(?:www\.|m\.)?facebook\.com\/([A-Za-z0-9.]{5,50})\/?$/;
const COMMENT_LINK = /^https:\/\/(?:www\.|m\.)?facebook\.com\/[^?#]+\/posts\/(\d+)\/?\?(?:.*&)?comment_id=(\d+)(?:&reply_comment_id=(\d+))?/;
const OBJECT_LINK = /^https:\/\/(?:www\.|m\.)?facebook\.com\/(\d+_\d+)\/?$/;

export function facebookPostUrl({ id }: { id: string; authorHandle: string }): string {
  return `https://www.facebook.com/${encodeURIComponent(id)}`;
}

export function facebookProfileUrl(handle: string): string {
  return USERNAME.test(handle)
    ? `https://www.facebook.com/${handle.replace(/^@/, '')}`
    : `https://www.facebook.com/search/people/?q=${encodeURIComponent(handle)}`;
}

/** The comment a link points to: a post link with `comment_id` (and `reply_comment_id`), or facebook.com/{post}_{comment}. */
export function facebookPostIdFromLink(link: string): string | undefined {
  const comment = COMMENT_LINK.exec(link);
  if (comment) return `${comment[1]}_${comment[3] ?? comment[2]}`;
  return OBJECT_LINK.exec(link)?.[1];
}

export function readFacebookHandle(text: string): string | undefined {
  return USERNAME.exec(text.trim())?.[1] ?? PROFILE_LINK.exec(text.trim())?.[1];
}

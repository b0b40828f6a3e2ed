import type { FetchedPosts, SocialPost } from '../social-channel.js';

/** Clocks differ, and Graph's times have whole seconds: a reply written slightly before the attempt started still counts. */
export const CLOCK_SKEW_MS = 60_000;

/**
 * The comments of a reconciliation poll newer than the cursor (a Graph time; equal times are read
 * again, the poller ignores duplicates), oldest first with a comment before its replies, and the
 * newest time seen as the next cursor.
 */
export function newerThanCursor(found: SocialPost[], sinceId: string | undefined, rejected: FetchedPosts['rejected']): FetchedPosts {
  const since = sinceId === undefined ? undefined : Date.parse(sinceId);
  const unique = new Map<string, SocialPost>();
  for (const post of found) if (since === undefined || Number.isNaN(since) || post.createdAt.getTime() >= since) unique.set(post.id, post);
  const posts = [...unique.values()].sort(
    (a, b) => a.createdAt.getTime() - b.createdAt.getTime() || Number(a.inReplyToPostId !== undefined) - Number(b.inReplyToPostId !== undefined),
  );
  const newest = posts.at(-1)?.createdAt.toISOString();
  return { posts, newestId: newest ?? sinceId, rejected };
}

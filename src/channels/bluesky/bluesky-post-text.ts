/** Whether two texts are the same post: Bluesky stores a post's text as sent, so only surrounding space may differ. */
export function isSameBlueskyPostText(a: string, b: string): boolean {
  return a.trim() === b.trim();
}

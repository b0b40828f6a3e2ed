/**
 * Whether two texts are the same post as far as X is concerned: X may replace links with t.co
 * links and normalise spacing when it stores a post.
 */
export function isSameXPostText(a: string, b: string): boolean {
  return comparable(a) === comparable(b);
}

function comparable(text: string): string {
  return text
    .replace(/https?:\/\/\S+/g, '')
    .replace(/\s+/g, ' ')
    .trim();
}

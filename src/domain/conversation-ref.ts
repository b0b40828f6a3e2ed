export type ParsedConversationRef = { kind: 'ref'; number: number } | { kind: 'post'; postId: string };

const REF_PREFIX = 'E-';
const REF_PATTERN = /^(?:e-?|#)?(\d{1,15})$/i;
const POST_LINK_PATTERN = /^https?:\/\/(?:(?:www|mobile)\.)?(?:x|twitter)\.com\/(?:[A-Za-z0-9_]{1,15}|i\/web|i)\/status(?:es)?\/(\d{1,25})(?:[/?#].*)?$/i;

export function formatConversationRef(ref: number): string {
  return `${REF_PREFIX}${ref}`;
}

/** Accepts what people paste into /social: "E-42", "e42", "#42", "42" or a link to the post on X. */
export function parseConversationRef(input: string): ParsedConversationRef | null {
  const value = unwrapSlackLink(input.trim());
  const ref = REF_PATTERN.exec(value);
  if (ref?.[1] !== undefined) {
    const number = Number(ref[1]);
    return number > 0 ? { kind: 'ref', number } : null;
  }
  const post = POST_LINK_PATTERN.exec(value);
  return post?.[1] !== undefined ? { kind: 'post', postId: post[1] } : null;
}

// Slack sends links in command text as <url> or <url|label>.
function unwrapSlackLink(value: string): string {
  const link = /^<([^|>]+)(?:\|[^>]*)?>$/.exec(value);
  return link?.[1] ?? value;
}

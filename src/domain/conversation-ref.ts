import type { Network } from '../channels/network.js';
import { supportedNetworks } from '../channels/networks.js';

/** A conversation's number, or a post on a network as its link names it (see `storedPostRef`). */
export type ParsedConversationRef = { kind: 'ref'; number: number } | { kind: 'post'; network: Network['id']; postId: string };

const REF_PREFIX = 'E-';
const REF_PATTERN = /^(?:e-?|#)?(\d{1,15})$/i;

export function formatConversationRef(ref: number): string {
  return `${REF_PREFIX}${ref}`;
}

/** Accepts what people paste into /social: "E-42", "e42", "#42", "42" or a link to a post on one of the networks. */
export function parseConversationRef(input: string): ParsedConversationRef | null {
  const value = unwrapSlackLink(input.trim());
  const ref = REF_PATTERN.exec(value);
  if (ref?.[1] !== undefined) {
    const number = Number(ref[1]);
    return number > 0 ? { kind: 'ref', number } : null;
  }
  for (const network of supportedNetworks()) {
    const postId = network.postIdFromLink(value);
    if (postId !== undefined) return { kind: 'post', network: network.id, postId };
  }
  return null;
}

// Slack sends links in command text as <url> or <url|label>.
function unwrapSlackLink(value: string): string {
  const link = /^<([^|>]+)(?:\|[^>]*)?>$/.exec(value);
  return link?.[1] ?? value;
}

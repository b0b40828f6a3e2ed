import type { Platform } from '../generated/prisma/enums.js';

/**
 * What Earshot knows about a social network without talking to it: its name, how it counts a
 * reply, how links to its posts and profiles look, what its failures mean. Each network's adapter
 * (src/channels/<network>/) describes its own; nothing outside the adapters names a network.
 */
export interface Network {
  /** The `Platform` stored with the network's accounts, authors, conversations and messages. */
  readonly id: Platform;
  /** As people write it: "X", "Bluesky". */
  readonly name: string;
  /** Shown with the network's name in Slack: plain characters, so it reads the same in mrkdwn and plain text. */
  readonly icon: string;
  /** A public reply's length as the network counts it: the composer's live count and the refusal both use it. */
  measureReply(text: string): ReplyLength;
  /** The longest handle an account can have (without "@"): an automatic reply must fit behind any. */
  readonly maxHandleLength: number;
  /** Who the network lets the brand reply to, in plain words, shown where replies are written; undefined when anyone. */
  readonly replyConstraint: string | undefined;
  postUrl(post: { id: string; authorHandle: string }): string;
  profileUrl(handle: string): string;
  /** The id of the post a pasted link points to, when it is a link to a post on this network. */
  postIdFromLink(link: string): string | undefined;
  /** A handle as people type it (`@jo`, `jo`) or a link to the profile, without "@"; undefined when it is neither. */
  readHandle(text: string): string | undefined;
  /** Links and @mentions in a text, as the network reads them (the private-data guard reads no numbers in them). */
  linkAndMentionSpans(text: string): Array<{ start: number; end: number }>;
  /** Whether a post read back from the network is the one Earshot sent with this text (networks rewrite links and spacing). */
  isSamePostText(sent: string, seen: string): boolean;
  /**
   * What a failed read or public reply means, from whatever the adapter threw (its client's errors,
   * a `RateLimitedError`, an error whose `code` is a network error code such as ETIMEDOUT).
   */
  classifyError(error: unknown, now?: Date): FailureDescription;
  /** Private messages with customers; undefined when the network offers brand accounts none. */
  readonly directMessages: DirectMessageRules | undefined;
}

export interface ReplyLength {
  /** How much of the limit the text takes, counted as the network counts. */
  used: number;
  limit: number;
  remaining: number;
  /** False when the text is empty, over the limit, or holds characters the network refuses. */
  valid: boolean;
}

export interface DirectMessageRules {
  /** The longest direct message the network takes, as `measure` counts. */
  readonly limit: number;
  measure(text: string): number;
  /** Where the DM conversation opens on the network; the account's inbox when the conversation is not known. */
  conversationUrl(dmConversationId: string | undefined): string;
  /** What a failed send (or look-up) of a direct message means, in words that speak of a direct message. */
  classifyError(error: unknown, now?: Date): FailureDescription;
}

/** What went wrong with a call to a network, as Earshot acts on it. */
export type FailureKind =
  | 'rate_limited'
  | 'duplicate_content'
  | 'post_deleted'
  | 'credentials_revoked'
  | 'reply_not_allowed'
  | 'server_error'
  | 'timeout_unknown_outcome'
  | 'invalid_request'
  | 'unknown';

export interface FailureDescription {
  kind: FailureKind;
  /** True when Earshot retries on its own; otherwise a person decides (the thread shows a Retry button). */
  retryable: boolean;
  retryAt?: Date;
  /** Plain words for the Slack thread. */
  plainMessage: string;
}

export type NetworkWithDirectMessages = Network & { readonly directMessages: DirectMessageRules };

export function offersDirectMessages(network: Network): network is NetworkWithDirectMessages {
  return network.directMessages !== undefined;
}

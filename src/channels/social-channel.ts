import type { Network } from './network.js';

/**
 * What every social network adapter offers Earshot: the network's description, and the calls to
 * it with the watched account's credentials. One adapter per network, under src/channels/<network>/.
 */
export interface SocialChannel {
  readonly network: Network;
  /** The watched account: the one the credentials belong to. */
  whoAmI(): Promise<SocialUser>;
  /** Posts mentioning the account, newer than `sinceId`, oldest first. */
  fetchMentions(accountId: string, sinceId: string | undefined): Promise<FetchedPosts>;
  /** The account's own posts (made anywhere), newer than `sinceId`, oldest first. */
  fetchOwnPosts(accountId: string, sinceId: string | undefined): Promise<FetchedPosts>;
  /** Posts a public reply; resolves with the new post's id. */
  sendPublicReply(reply: { text: string; inReplyToId: string }): Promise<{ id: string }>;
  /** The account's reply with this text to this post, if one exists (an earlier attempt's unknown outcome). */
  findOwnReply(accountId: string, reply: { text: string; inReplyToId: string; notBefore: Date }): Promise<SocialPost | undefined>;
  /**
   * Of these customer posts (ids as stored), those the network no longer serves because their author
   * deleted them. Absent when the network cannot tell.
   */
  findDeletedPosts?(postIds: string[]): Promise<string[]>;
  /**
   * The id a post is stored under, from the id a link to it gave (`network.postIdFromLink`): a link may
   * name the author by a name that can change. Absent when links always give the stored id.
   */
  storedPostId?(postIdFromLink: string): Promise<string>;
  /** Present exactly when the network offers direct messages (`network.directMessages`). */
  readonly directMessages?: DirectMessageChannel;
}

/** A network's direct messages, as the watched account sees them. */
export interface DirectMessageChannel {
  /** Direct messages are read no more often than this (the network's limit on reading them). */
  readonly minPollIntervalMs: number;
  /**
   * Direct messages the account sent or received in one-to-one conversations, oldest first: those
   * newer than `afterEventId`, or (without it) those created since `notBefore`.
   */
  fetchDirectMessages(accountId: string, range: { afterEventId?: string | undefined; notBefore: Date }): Promise<FetchedDirectMessages>;
  sendDirectMessage(message: { participantId: string; text: string }): Promise<SentDirectMessage>;
  /** The account's DM with this text to this person, if one exists (an earlier attempt's unknown outcome). */
  findOwnDirectMessage(accountId: string, message: { participantId: string; text: string; notBefore: Date }): Promise<SentDirectMessage | undefined>;
}

export interface SocialUser {
  id: string;
  handle: string;
  name?: string | undefined;
  profileImageUrl?: string | undefined;
  followerCount?: number | undefined;
}

export interface SocialPost {
  id: string;
  conversationId: string;
  author: SocialUser;
  text: string;
  createdAt: Date;
  inReplyToPostId?: string | undefined;
  quotedPostId?: string | undefined;
  urls: Array<{ url: string; expandedUrl: string; displayUrl: string }>;
  media: Array<{ key: string; type?: string | undefined; url?: string | undefined }>;
  /** The platform's own JSON for this post, kept as received. */
  raw: unknown;
}

export interface FetchedPosts {
  posts: SocialPost[];
  /** Cursor for the next fetch (the newest id seen), unchanged when nothing was new. */
  newestId: string | undefined;
  /** Items the platform sent that did not match its documented shape (logged, kept raw). */
  rejected: Array<{ raw: unknown; problem: string }>;
}

/** One message of a one-to-one direct-message conversation between the account and a person. */
export interface SocialDirectMessage {
  /** The DM event's id on the platform (it may share its id space with posts, but is not a post). */
  id: string;
  dmConversationId: string;
  senderId: string;
  /** The person the account talks to, whoever sent this message. */
  participantId: string;
  /** That person's profile, when the platform included it. */
  participant?: SocialUser | undefined;
  /** Sent by the watched account (from Earshot or anywhere else). */
  fromAccount: boolean;
  text: string;
  createdAt: Date;
  raw: unknown;
}

export interface FetchedDirectMessages {
  messages: SocialDirectMessage[];
  /** The newest event id seen, newer than `afterEventId` (the next fetch's); undefined when there was none. */
  newestId: string | undefined;
  rejected: Array<{ raw: unknown; problem: string }>;
}

export interface SentDirectMessage {
  id: string;
  dmConversationId: string;
}

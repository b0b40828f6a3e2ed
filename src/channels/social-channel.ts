/** What every social network adapter offers Earshot (X first; others later). */
export interface SocialChannel {
  readonly platform: 'x';
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
  permalink(post: { id: string; authorHandle: string }): string;
  profileUrl(handle: string): string;
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

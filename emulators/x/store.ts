import { randomBytes } from 'node:crypto';
import { extractEntities, type TextEntities } from './entities.js';
import { compareIdsDesc, createIdGenerator } from './ids.js';

/** A user of the emulated X, with the OAuth 1.0a access token that lets a client act as them. */
export interface EmulatedUser {
  id: string;
  username: string;
  name: string;
  description: string;
  profileImageUrl: string;
  createdAt: string;
  protected: boolean;
  verified: boolean;
  followersCount: number;
  followingCount: number;
  listedCount: number;
  accessToken: string;
  accessSecret: string;
}

export interface EmulatedPost {
  id: string;
  authorId: string;
  /** The full text as X stores it, including leading @mentions added to replies. */
  text: string;
  createdAt: string;
  conversationId: string;
  inReplyToUserId?: string;
  referencedTweets: { type: 'replied_to' | 'quoted'; id: string }[];
  /** Code-point range of `text` the author typed (excludes auto-populated leading mentions). */
  displayTextRange: [number, number];
  entities: TextEntities;
}

export interface EmulatedDmEvent {
  id: string;
  eventType: 'MessageCreate';
  dmConversationId: string;
  senderId: string;
  recipientId: string;
  text: string;
  createdAt: string;
}

export interface NewUser {
  username: string;
  name?: string;
  description?: string;
  profileImageUrl?: string;
  followersCount?: number;
  followingCount?: number;
  verified?: boolean;
  /** Fixed OAuth access token/secret; random ones otherwise. */
  accessToken?: string;
  accessSecret?: string;
}

export interface NewPost {
  authorId: string;
  text: string;
  replyToId?: string;
  quoteOfId?: string;
  /** Prefix the reply with @handles of the conversation, as the X apps do. */
  autoPopulateReplyMetadata?: boolean;
  excludeReplyUserIds?: string[];
}

/** X's own cap: the mentions timeline reaches only this many most recent mentions. */
export const MENTIONS_TIMELINE_CAP = 800;
/** Likewise for a user's own posts. */
export const USER_TIMELINE_CAP = 3200;

export class StateError extends Error {}

const randomToken = (bytes: number): string => randomBytes(bytes).toString('base64url');

/** In-memory state of the emulated X: users, posts, likes, DMs. Enforces no API policy. */
export class XStore {
  readonly nextId: () => string;
  private users = new Map<string, EmulatedUser>();
  private posts = new Map<string, EmulatedPost>();
  private likes = new Map<string, Set<string>>();
  private dmEvents: EmulatedDmEvent[] = [];

  constructor(private readonly now: () => number) {
    this.nextId = createIdGenerator(now);
  }

  /** Forget everything except the given users (the brand keeps its id and credentials). */
  reset(keep: EmulatedUser[]): void {
    this.users = new Map(keep.map((u) => [u.id, u]));
    this.posts.clear();
    this.likes.clear();
    this.dmEvents = [];
  }

  addUser(input: NewUser): EmulatedUser {
    if (this.userByUsername(input.username)) throw new StateError(`username @${input.username} is taken`);
    const id = this.nextId();
    const user: EmulatedUser = {
      id,
      username: input.username,
      name: input.name ?? input.username,
      description: input.description ?? '',
      profileImageUrl: input.profileImageUrl ?? 'https://abs.twimg.com/sticky/default_profile_images/default_profile_normal.png',
      createdAt: new Date(this.now()).toISOString(),
      protected: false,
      verified: input.verified ?? false,
      followersCount: input.followersCount ?? 0,
      followingCount: input.followingCount ?? 0,
      listedCount: 0,
      accessToken: input.accessToken ?? `${id}-${randomToken(30)}`,
      accessSecret: input.accessSecret ?? randomToken(33),
    };
    this.users.set(id, user);
    return user;
  }

  user(id: string): EmulatedUser | undefined {
    return this.users.get(id);
  }

  userByUsername(username: string): EmulatedUser | undefined {
    const wanted = username.replace(/^@/, '').toLowerCase();
    for (const user of this.users.values()) if (user.username.toLowerCase() === wanted) return user;
    return undefined;
  }

  userByAccessToken(token: string): EmulatedUser | undefined {
    for (const user of this.users.values()) if (user.accessToken === token) return user;
    return undefined;
  }

  allUsers(): EmulatedUser[] {
    return [...this.users.values()];
  }

  post(id: string): EmulatedPost | undefined {
    return this.posts.get(id);
  }

  /** Newest first. */
  allPosts(): EmulatedPost[] {
    return [...this.posts.values()].sort(compareIdsDesc);
  }

  postCount(authorId: string): number {
    let count = 0;
    for (const post of this.posts.values()) if (post.authorId === authorId) count += 1;
    return count;
  }

  /** X refuses a user's duplicate text; this answers whether they already posted it. */
  hasPostWithText(authorId: string, text: string): boolean {
    for (const post of this.posts.values()) if (post.authorId === authorId && post.text === text) return true;
    return false;
  }

  /** The text a post would be stored with: reply metadata prefix plus what the author typed. */
  composeText(input: NewPost): string {
    return this.resolve(input).prefix + input.text;
  }

  private resolve(input: NewPost): { author: EmulatedUser; parent?: EmulatedPost; prefix: string } {
    const author = this.user(input.authorId);
    if (!author) throw new StateError(`no user with id ${input.authorId}`);
    if (input.replyToId === undefined) return { author, prefix: '' };
    const parent = this.posts.get(input.replyToId);
    if (!parent) throw new StateError(`no post with id ${input.replyToId}`);
    const prefix = input.autoPopulateReplyMetadata ? this.replyPrefix(parent, author, input.text, new Set(input.excludeReplyUserIds ?? [])) : '';
    return { author, parent, prefix };
  }

  createPost(input: NewPost): EmulatedPost {
    const { author, parent, prefix } = this.resolve(input);
    if (input.quoteOfId !== undefined && !this.posts.has(input.quoteOfId)) {
      throw new StateError(`no post with id ${input.quoteOfId}`);
    }
    const text = prefix + input.text;
    const id = this.nextId();
    const post: EmulatedPost = {
      id,
      authorId: author.id,
      text,
      createdAt: new Date(this.now()).toISOString(),
      conversationId: parent ? parent.conversationId : id,
      ...(parent ? { inReplyToUserId: parent.authorId } : {}),
      referencedTweets: [
        ...(input.quoteOfId !== undefined ? [{ type: 'quoted' as const, id: input.quoteOfId }] : []),
        ...(parent ? [{ type: 'replied_to' as const, id: parent.id }] : []),
      ],
      displayTextRange: [Array.from(prefix).length, Array.from(text).length],
      entities: extractEntities(text, (username) => this.userByUsername(username)?.id),
    };
    this.posts.set(id, post);
    return post;
  }

  /** The parent's author and the users it addressed, minus the replier and any already named. */
  private replyPrefix(parent: EmulatedPost, author: EmulatedUser, text: string, exclude: Set<string>): string {
    const [start] = parent.displayTextRange;
    const addressed = parent.entities.mentions.filter((m) => m.end <= start).map((m) => m.username);
    const parentAuthor = this.user(parent.authorId)?.username;
    const named = new Set(extractEntities(text, () => undefined).mentions.map((m) => m.username.toLowerCase()));
    const handles: string[] = [];
    for (const username of [parentAuthor, ...addressed]) {
      if (!username) continue;
      const user = this.userByUsername(username);
      const key = username.toLowerCase();
      if (key === author.username.toLowerCase() || named.has(key) || (user && exclude.has(user.id))) continue;
      named.add(key);
      handles.push(`@${user?.username ?? username} `);
    }
    return handles.join('');
  }

  deletePost(id: string): boolean {
    for (const liked of this.likes.values()) liked.delete(id);
    return this.posts.delete(id);
  }

  /** Posts by others that mention the user, newest first, within X's reach. */
  mentionsOf(userId: string): EmulatedPost[] {
    const user = this.user(userId);
    if (!user) return [];
    const handle = user.username.toLowerCase();
    return this.allPosts()
      .filter((p) => p.authorId !== userId && p.entities.mentions.some((m) => m.username.toLowerCase() === handle))
      .slice(0, MENTIONS_TIMELINE_CAP);
  }

  /** The user's own posts, newest first, within X's reach. */
  postsBy(userId: string): EmulatedPost[] {
    return this.allPosts()
      .filter((p) => p.authorId === userId)
      .slice(0, USER_TIMELINE_CAP);
  }

  like(userId: string, postId: string): void {
    const liked = this.likes.get(userId) ?? new Set<string>();
    liked.add(postId);
    this.likes.set(userId, liked);
  }

  unlike(userId: string, postId: string): void {
    this.likes.get(userId)?.delete(postId);
  }

  likedBy(userId: string): string[] {
    return [...(this.likes.get(userId) ?? [])];
  }

  likeCount(postId: string): number {
    let count = 0;
    for (const liked of this.likes.values()) if (liked.has(postId)) count += 1;
    return count;
  }

  referenceCount(postId: string, type: 'replied_to' | 'quoted'): number {
    let count = 0;
    for (const post of this.posts.values()) {
      if (post.referencedTweets.some((r) => r.type === type && r.id === postId)) count += 1;
    }
    return count;
  }

  sendDm(senderId: string, recipientId: string, text: string): EmulatedDmEvent {
    if (!this.user(senderId)) throw new StateError(`no user with id ${senderId}`);
    if (!this.user(recipientId)) throw new StateError(`no user with id ${recipientId}`);
    const event: EmulatedDmEvent = {
      id: this.nextId(),
      eventType: 'MessageCreate',
      dmConversationId: oneToOneConversationId(senderId, recipientId),
      senderId,
      recipientId,
      text,
      createdAt: new Date(this.now()).toISOString(),
    };
    this.dmEvents.push(event);
    return event;
  }

  /** Newest first; all DM events the user sent or received, optionally only those with one participant. */
  dmEventsOf(userId: string, withUserId?: string): EmulatedDmEvent[] {
    return this.dmEvents
      .filter((e) => e.senderId === userId || e.recipientId === userId)
      .filter((e) => withUserId === undefined || e.dmConversationId === oneToOneConversationId(userId, withUserId))
      .sort(compareIdsDesc);
  }

  allDmEvents(): EmulatedDmEvent[] {
    return [...this.dmEvents].sort(compareIdsDesc);
  }
}

/** X names one-to-one DM conversations "smallerId-largerId". */
export function oneToOneConversationId(a: string, b: string): string {
  return BigInt(a) < BigInt(b) ? `${a}-${b}` : `${b}-${a}`;
}

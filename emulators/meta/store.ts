import { IdFactory } from './ids.js';

/** The brand's Facebook Page, with the Page access token Earshot calls the Graph API with. */
export interface PageProfile {
  id: string;
  name: string;
  username: string;
  category: string;
  accessToken: string;
}

/** The brand's Instagram professional account, linked to the Page, with its Instagram Login token. */
export interface InstagramAccount {
  id: string;
  username: string;
  name: string;
  accessToken: string;
}

/** A person on Facebook: `id` is what comments show in `from`, `psid` what Messenger shows. */
export interface FacebookUser {
  id: string;
  psid: string;
  name: string;
}

/** A person on Instagram: `id` is the Instagram-scoped id, the same in comments and DMs. */
export interface InstagramUser {
  id: string;
  username: string;
  name: string;
}

export interface Post {
  id: string;
  seq: number;
  /** The Page, or a Facebook user for a visitor post. */
  authorId: string;
  message: string;
  createdAt: string;
}

export interface FacebookComment {
  id: string;
  seq: number;
  postId: string;
  /** The top-level comment this one replies to; Facebook threads are two levels deep. */
  parentId?: string;
  /** The Page or a Facebook user. */
  authorId: string;
  message: string;
  createdAt: string;
  updatedAt: string;
}

export interface InstagramMedia {
  id: string;
  seq: number;
  /** The brand's account, or an Instagram user (media on which a customer mentions the brand). */
  ownerId: string;
  caption: string;
  createdAt: string;
  shortcode: string;
}

export interface InstagramComment {
  id: string;
  seq: number;
  mediaId: string;
  /** The top-level comment this one replies to; Instagram threads are two levels deep. */
  parentId?: string;
  /** The brand's account or an Instagram user. */
  authorId: string;
  text: string;
  createdAt: string;
}

export type MessageChannel = 'messenger' | 'instagram';

export interface Message {
  mid: string;
  seq: number;
  channel: MessageChannel;
  /** PSID (Messenger) or Instagram-scoped id of the customer in the conversation. */
  customerId: string;
  direction: 'inbound' | 'outbound';
  text: string;
  createdAt: string;
}

/** The thread between the brand and one customer on one channel, as the Conversations API lists it. */
export interface Conversation {
  id: string;
  channel: MessageChannel;
  customerId: string;
  /** Creation order of its latest message: conversations list most recently active first. */
  seq: number;
  updatedAt: string;
}

/** A refusal of the control API (unknown user, missing object): the HTTP face answers it with 400. */
export class StateError extends Error {}

const byNewest = <T extends { seq: number }>(a: T, b: T): number => b.seq - a.seq;
const byOldest = <T extends { seq: number }>(a: T, b: T): number => a.seq - b.seq;

/** Everything the emulated Facebook and Instagram hold. Enforces no API policy; the Graph routes do. */
export class MetaStore {
  private facebookUsers = new Map<string, FacebookUser>();
  private instagramUsers = new Map<string, InstagramUser>();
  private posts = new Map<string, Post>();
  private comments = new Map<string, FacebookComment>();
  private media = new Map<string, InstagramMedia>();
  private mediaComments = new Map<string, InstagramComment>();
  private messageList: Message[] = [];

  constructor(
    readonly ids: IdFactory,
    private readonly now: () => number,
    readonly page: PageProfile,
    readonly instagram: InstagramAccount,
  ) {}

  /** Forget every user, object and message; the brand keeps its ids and tokens. */
  reset(): void {
    this.facebookUsers.clear();
    this.instagramUsers.clear();
    this.posts.clear();
    this.comments.clear();
    this.media.clear();
    this.mediaComments.clear();
    this.messageList = [];
  }

  private timestamp(): string {
    return new Date(this.now()).toISOString();
  }

  addFacebookUser(name: string): FacebookUser {
    const user = { id: this.ids.facebookUser(), psid: this.ids.psid(), name };
    this.facebookUsers.set(user.id, user);
    return user;
  }

  /** By comment id, PSID or name (case-insensitive). */
  facebookUser(ref: string): FacebookUser | undefined {
    const wanted = ref.toLowerCase();
    for (const user of this.facebookUsers.values()) {
      if (user.id === ref || user.psid === ref || user.name.toLowerCase() === wanted) return user;
    }
    return undefined;
  }

  allFacebookUsers(): FacebookUser[] {
    return [...this.facebookUsers.values()];
  }

  addInstagramUser(username: string, name: string): InstagramUser {
    if (this.instagramUser(username) || username.toLowerCase() === this.instagram.username.toLowerCase()) {
      throw new StateError(`username @${username} is taken`);
    }
    const user = { id: this.ids.igsid(), username, name };
    this.instagramUsers.set(user.id, user);
    return user;
  }

  /** By Instagram-scoped id or username (the @ is optional). */
  instagramUser(ref: string): InstagramUser | undefined {
    const wanted = ref.replace(/^@/, '').toLowerCase();
    for (const user of this.instagramUsers.values()) {
      if (user.id === ref || user.username.toLowerCase() === wanted) return user;
    }
    return undefined;
  }

  allInstagramUsers(): InstagramUser[] {
    return [...this.instagramUsers.values()];
  }

  createPost(authorId: string, message: string): Post {
    const post: Post = { id: `${this.page.id}_${this.ids.objectSuffix()}`, seq: this.ids.nextSeq(), authorId, message, createdAt: this.timestamp() };
    this.posts.set(post.id, post);
    return post;
  }

  post(id: string): Post | undefined {
    return this.posts.get(id);
  }

  /** Newest first. */
  allPosts(): Post[] {
    return [...this.posts.values()].sort(byNewest);
  }

  /** A comment on a post, or a reply to a comment (a reply to a reply joins the top-level comment). */
  createComment(targetId: string, authorId: string, message: string): FacebookComment {
    const post = this.posts.get(targetId);
    const target = post ? undefined : this.comments.get(targetId);
    if (!post && !target) throw new StateError(`no post or comment ${targetId}`);
    const postId = post ? post.id : (target as FacebookComment).postId;
    const parentId = target ? (target.parentId ?? target.id) : undefined;
    const createdAt = this.timestamp();
    const comment: FacebookComment = {
      id: `${postId.split('_')[1] ?? postId}_${this.ids.objectSuffix()}`,
      seq: this.ids.nextSeq(),
      postId,
      ...(parentId !== undefined ? { parentId } : {}),
      authorId,
      message,
      createdAt,
      updatedAt: createdAt,
    };
    this.comments.set(comment.id, comment);
    return comment;
  }

  comment(id: string): FacebookComment | undefined {
    return this.comments.get(id);
  }

  /** Oldest first: every comment, or those of one post. */
  allComments(postId?: string): FacebookComment[] {
    return [...this.comments.values()].filter((c) => postId === undefined || c.postId === postId).sort(byOldest);
  }

  editComment(id: string, message: string): FacebookComment {
    const comment = this.comments.get(id);
    if (!comment) throw new StateError(`no comment ${id}`);
    comment.message = message;
    comment.updatedAt = this.timestamp();
    return comment;
  }

  /** Removes the comment and, for a top-level comment, its replies, as Facebook does. */
  deleteComment(id: string): FacebookComment | undefined {
    const comment = this.comments.get(id);
    if (!comment) return undefined;
    this.comments.delete(id);
    for (const reply of [...this.comments.values()]) if (reply.parentId === id) this.comments.delete(reply.id);
    return comment;
  }

  createMedia(ownerId: string, caption: string): InstagramMedia {
    const id = this.ids.igMedia();
    const media: InstagramMedia = {
      id,
      seq: this.ids.nextSeq(),
      ownerId,
      caption,
      createdAt: this.timestamp(),
      shortcode: Buffer.from(id).toString('base64url').slice(0, 11),
    };
    this.media.set(id, media);
    return media;
  }

  mediaItem(id: string): InstagramMedia | undefined {
    return this.media.get(id);
  }

  /** Newest first, optionally one owner's. */
  allMedia(ownerId?: string): InstagramMedia[] {
    return [...this.media.values()].filter((m) => ownerId === undefined || m.ownerId === ownerId).sort(byNewest);
  }

  /** A comment on media, or a reply to a comment (a reply to a reply joins the top-level comment). */
  createMediaComment(targetId: string, authorId: string, text: string): InstagramComment {
    const media = this.media.get(targetId);
    const target = media ? undefined : this.mediaComments.get(targetId);
    if (!media && !target) throw new StateError(`no media or Instagram comment ${targetId}`);
    const parentId = target ? (target.parentId ?? target.id) : undefined;
    const comment: InstagramComment = {
      id: this.ids.igComment(),
      seq: this.ids.nextSeq(),
      mediaId: media ? media.id : (target as InstagramComment).mediaId,
      ...(parentId !== undefined ? { parentId } : {}),
      authorId,
      text,
      createdAt: this.timestamp(),
    };
    this.mediaComments.set(comment.id, comment);
    return comment;
  }

  mediaComment(id: string): InstagramComment | undefined {
    return this.mediaComments.get(id);
  }

  /** Newest first: every Instagram comment, or those on one media. */
  allMediaComments(mediaId?: string): InstagramComment[] {
    return [...this.mediaComments.values()].filter((c) => mediaId === undefined || c.mediaId === mediaId).sort(byNewest);
  }

  deleteMediaComment(id: string): InstagramComment | undefined {
    const comment = this.mediaComments.get(id);
    if (!comment) return undefined;
    this.mediaComments.delete(id);
    for (const reply of [...this.mediaComments.values()]) if (reply.parentId === id) this.mediaComments.delete(reply.id);
    return comment;
  }

  addMessage(channel: MessageChannel, customerId: string, direction: Message['direction'], text: string): Message {
    const message: Message = {
      mid: channel === 'messenger' ? this.ids.messengerMid() : this.ids.instagramMid(this.instagram.id),
      seq: this.ids.nextSeq(),
      channel,
      customerId,
      direction,
      text,
      createdAt: this.timestamp(),
    };
    this.messageList.push(message);
    return message;
  }

  /** Oldest first. */
  messages(filter: { channel?: MessageChannel; customerId?: string } = {}): Message[] {
    return this.messageList.filter(
      (m) => (filter.channel === undefined || m.channel === filter.channel) && (filter.customerId === undefined || m.customerId === filter.customerId),
    );
  }

  conversationId(channel: MessageChannel, customerId: string): string {
    return channel === 'messenger' ? `t_${customerId}` : Buffer.from(`ig_conversation:${this.instagram.id}:${customerId}`).toString('base64url');
  }

  /** Every conversation on a channel, most recently active first. */
  conversations(channel: MessageChannel): Conversation[] {
    const latest = new Map<string, Message>();
    for (const message of this.messages({ channel })) latest.set(message.customerId, message);
    return [...latest.values()]
      .map((m) => ({ id: this.conversationId(channel, m.customerId), channel, customerId: m.customerId, seq: m.seq, updatedAt: m.createdAt }))
      .sort(byNewest);
  }

  conversation(id: string): Conversation | undefined {
    return [...this.conversations('messenger'), ...this.conversations('instagram')].find((c) => c.id === id);
  }

  message(mid: string): Message | undefined {
    return this.messageList.find((m) => m.mid === mid);
  }

  /** When the customer last wrote to the brand on that channel: the start of the messaging window. */
  lastInboundAt(channel: MessageChannel, customerId: string): number | undefined {
    const last = this.messages({ channel, customerId })
      .filter((m) => m.direction === 'inbound')
      .at(-1);
    return last && Date.parse(last.createdAt);
  }
}

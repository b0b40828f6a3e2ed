import type {
  ChannelRecord,
  DeliveryRecord,
  EphemeralMessage,
  MessageRevision,
  ResponseUrlPost,
  SlackMessage,
  SlackTeam,
  SlackUser,
  SlackUsergroup,
  SlackView,
  StoredFile,
} from './types.js';

/** A channel as tests see it: members as a plain array. */
export interface ChannelSnapshot {
  id: string;
  name: string;
  kind: ChannelRecord['kind'];
  members: string[];
  imUser?: string;
}

/** What tests get: the inspection methods only. */
export type StateInspection = Pick<
  SlackState,
  | 'messages'
  | 'thread'
  | 'message'
  | 'edits'
  | 'ephemerals'
  | 'directMessages'
  | 'homeView'
  | 'openViews'
  | 'files'
  | 'responseUrlPosts'
  | 'deliveries'
  | 'channel'
  | 'user'
>;

function copy<T>(value: T): T {
  return structuredClone(value);
}

/**
 * The in-memory workspace. Web API methods and the driver mutate it; tests read it through the
 * inspection methods, which return copies so that a test can never change what the app sees.
 */
export class SlackState {
  readonly users = new Map<string, SlackUser>();
  readonly channelsById = new Map<string, ChannelRecord>();
  readonly usergroupsById = new Map<string, SlackUsergroup>();
  private readonly messagesByChannel = new Map<string, SlackMessage[]>();
  private readonly revisions = new Map<string, MessageRevision[]>();
  private readonly ephemeralList: EphemeralMessage[] = [];
  private readonly modalStacks = new Map<string, SlackView[]>();
  private readonly homeViews = new Map<string, SlackView>();
  private readonly filesById = new Map<string, StoredFile>();
  private readonly responsePosts: ResponseUrlPost[] = [];
  private readonly deliveryLog: DeliveryRecord[] = [];

  constructor(readonly team: SlackTeam) {}

  // ---- inspection API (copies) ----

  /** Top-level messages of a channel (id or "#name"), oldest first; thread replies only when broadcast. */
  messages(channel: string): SlackMessage[] {
    const id = this.requireChannel(channel).id;
    return copy(this.channelMessages(id).filter((m) => m.thread_ts === undefined || m.thread_ts === m.ts || m.subtype === 'thread_broadcast'));
  }

  /** Parent message followed by its replies, oldest first; empty when there is no such message. */
  thread(channel: string, ts: string): SlackMessage[] {
    const id = this.requireChannel(channel).id;
    return copy(this.threadOf(id, ts));
  }

  message(channel: string, ts: string): SlackMessage | undefined {
    const id = this.requireChannel(channel).id;
    const found = this.findMessage(id, ts);
    return found === undefined ? undefined : copy(found);
  }

  /** Earlier versions of a message changed with chat.update or a response_url, oldest first. */
  edits(channel: string, ts: string): MessageRevision[] {
    return copy(this.revisions.get(`${this.requireChannel(channel).id}/${ts}`) ?? []);
  }

  ephemerals(user: string): EphemeralMessage[] {
    const id = this.requireUser(user).id;
    return copy(this.ephemeralList.filter((e) => e.user === id));
  }

  /** The person's DM with the app, oldest first (thread replies included); empty before the app writes. */
  directMessages(user: string): { channel: string | undefined; messages: SlackMessage[] } {
    const channel = this.imChannelFor(this.requireUser(user).id);
    return { channel: channel?.id, messages: channel ? copy(this.channelMessages(channel.id)) : [] };
  }

  homeView(user: string): SlackView | undefined {
    const view = this.homeViews.get(this.requireUser(user).id);
    return view === undefined ? undefined : copy(view);
  }

  /** The user's modal stack, root first; the last entry is the modal on screen. */
  openViews(user: string): SlackView[] {
    return copy(this.modalStacks.get(this.requireUser(user).id) ?? []);
  }

  files(): StoredFile[] {
    return [...this.filesById.values()]
      .filter((f) => f.completed)
      .map((f) => ({ ...f, channels: [...f.channels], content: f.content === null ? null : Buffer.from(f.content) }));
  }

  responseUrlPosts(): ResponseUrlPost[] {
    return copy(this.responsePosts);
  }

  deliveries(): DeliveryRecord[] {
    return copy(this.deliveryLog);
  }

  channel(nameOrId: string): ChannelSnapshot {
    const c = this.requireChannel(nameOrId);
    return { id: c.id, name: c.name, kind: c.kind, members: [...c.members], ...(c.imUser ? { imUser: c.imUser } : {}) };
  }

  user(nameOrId: string): SlackUser {
    return copy(this.requireUser(nameOrId));
  }

  // ---- lookups used by the emulator ----

  findChannel(nameOrId: string): ChannelRecord | undefined {
    const direct = this.channelsById.get(nameOrId);
    if (direct) return direct;
    const name = nameOrId.replace(/^#/, '');
    return [...this.channelsById.values()].find((c) => c.name === name && (c.kind === 'public' || c.kind === 'private'));
  }

  requireChannel(nameOrId: string): ChannelRecord {
    const found = this.findChannel(nameOrId);
    if (!found) throw new Error(`Slack emulator: no channel "${nameOrId}"`);
    return found;
  }

  findUser(nameOrId: string): SlackUser | undefined {
    return this.users.get(nameOrId) ?? [...this.users.values()].find((u) => u.name === nameOrId.replace(/^@/, ''));
  }

  requireUser(nameOrId: string): SlackUser {
    const found = this.findUser(nameOrId);
    if (!found) throw new Error(`Slack emulator: no user "${nameOrId}"`);
    return found;
  }

  imChannelFor(userId: string): ChannelRecord | undefined {
    return [...this.channelsById.values()].find((c) => c.kind === 'im' && c.imUser === userId);
  }

  channelMessages(channelId: string): SlackMessage[] {
    let list = this.messagesByChannel.get(channelId);
    if (!list) {
      list = [];
      this.messagesByChannel.set(channelId, list);
    }
    return list;
  }

  findMessage(channelId: string, ts: string): SlackMessage | undefined {
    return this.channelMessages(channelId).find((m) => m.ts === ts);
  }

  threadOf(channelId: string, ts: string): SlackMessage[] {
    const anchor = this.findMessage(channelId, ts);
    if (!anchor) return [];
    const parentTs = anchor.thread_ts ?? anchor.ts;
    return this.channelMessages(channelId).filter((m) => m.ts === parentTs || m.thread_ts === parentTs);
  }

  // ---- mutations ----

  /** Appends a message; a reply updates its parent's thread summary the way Slack shows it. */
  addMessage(channelId: string, message: SlackMessage): void {
    const list = this.channelMessages(channelId);
    if (message.thread_ts !== undefined && message.thread_ts !== message.ts) {
      const parent = list.find((m) => m.ts === message.thread_ts);
      if (parent) {
        parent.thread_ts = parent.ts;
        parent.reply_count = (parent.reply_count ?? 0) + 1;
        const author = message.user ?? message.bot_id ?? '';
        const replyUsers = new Set(parent.reply_users ?? []);
        replyUsers.add(author);
        parent.reply_users = [...replyUsers];
        parent.reply_users_count = replyUsers.size;
        parent.latest_reply = message.ts;
        message.parent_user_id = parent.user ?? '';
      }
    }
    list.push(message);
  }

  recordRevision(channelId: string, previous: SlackMessage, editedAt: string): void {
    const key = `${channelId}/${previous.ts}`;
    const list = this.revisions.get(key) ?? [];
    list.push({ ts: previous.ts, editedAt, text: previous.text, ...(previous.blocks ? { blocks: copy(previous.blocks) } : {}) });
    this.revisions.set(key, list);
  }

  removeMessage(channelId: string, ts: string): boolean {
    const list = this.channelMessages(channelId);
    const index = list.findIndex((m) => m.ts === ts);
    if (index < 0) return false;
    list.splice(index, 1);
    return true;
  }

  addEphemeral(message: EphemeralMessage): void {
    this.ephemeralList.push(message);
  }

  findEphemeral(userId: string, ts: string): EphemeralMessage | undefined {
    return this.ephemeralList.find((message) => message.user === userId && message.ts === ts);
  }

  removeEphemeral(message: EphemeralMessage): void {
    const index = this.ephemeralList.indexOf(message);
    if (index >= 0) this.ephemeralList.splice(index, 1);
  }

  modalStack(userId: string): SlackView[] {
    let stack = this.modalStacks.get(userId);
    if (!stack) {
      stack = [];
      this.modalStacks.set(userId, stack);
    }
    return stack;
  }

  setHomeView(userId: string, view: SlackView): void {
    this.homeViews.set(userId, view);
  }

  /** Finds a modal or home view by id, with the user it belongs to. */
  findView(viewId: string): { userId: string; view: SlackView } | undefined {
    for (const [userId, stack] of this.modalStacks) {
      const view = stack.find((v) => v.id === viewId);
      if (view) return { userId, view };
    }
    for (const [userId, view] of this.homeViews) {
      if (view.id === viewId) return { userId, view };
    }
    return undefined;
  }

  findViewByExternalId(externalId: string): { userId: string; view: SlackView } | undefined {
    for (const [userId, stack] of this.modalStacks) {
      const view = stack.find((v) => v.external_id === externalId);
      if (view) return { userId, view };
    }
    for (const [userId, view] of this.homeViews) {
      if (view.external_id === externalId) return { userId, view };
    }
    return undefined;
  }

  /** Replaces a stored view object in place (same id), wherever it lives. */
  replaceView(updated: SlackView): void {
    for (const stack of this.modalStacks.values()) {
      const index = stack.findIndex((v) => v.id === updated.id);
      if (index >= 0) stack[index] = updated;
    }
    for (const [userId, view] of this.homeViews) {
      if (view.id === updated.id) this.homeViews.set(userId, updated);
    }
  }

  addFile(file: StoredFile): void {
    this.filesById.set(file.id, file);
  }

  file(id: string): StoredFile | undefined {
    return this.filesById.get(id);
  }

  fileByUploadPath(path: string): StoredFile | undefined {
    return [...this.filesById.values()].find((f) => f.uploadPath === path);
  }

  recordResponseUrlPost(post: ResponseUrlPost): void {
    this.responsePosts.push(post);
  }

  recordDelivery(record: DeliveryRecord): void {
    this.deliveryLog.push(record);
  }
}

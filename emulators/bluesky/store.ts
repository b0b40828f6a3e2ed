import { randomBytes, randomInt } from 'node:crypto';
import { atUri, cidFor, createTidGenerator, isHandle, normalizeHandle, parseRecordUri, plcDidFor } from './identifiers.js';

export const POST = 'app.bsky.feed.post';
export const LIKE = 'app.bsky.feed.like';
export const FOLLOW = 'app.bsky.graph.follow';
export const BLOCK = 'app.bsky.graph.block';
export type Collection = typeof POST | typeof LIKE | typeof FOLLOW | typeof BLOCK;

/** The AppView notifies a post's ancestors up to this many levels up (REPLY_NOTIF_DEPTH). */
const REPLY_NOTIFICATION_DEPTH = 5;

export interface EmulatedAccount {
  did: string;
  handle: string;
  email: string;
  displayName: string;
  description: string;
  avatar?: string;
  /** The account password; createSession accepts it too, with a full-access scope. */
  password: string;
  /** What a bot should log in with (Settings → App passwords), `xxxx-xxxx-xxxx-xxxx`. */
  appPassword: string;
  createdAt: string;
  /** Followers and follows from outside the emulator, added to those made here. */
  extraFollowers: number;
  extraFollows: number;
}

export interface NewAccount {
  /** `jane` becomes `jane.bsky.social`. */
  handle: string;
  displayName?: string;
  description?: string;
  avatar?: string;
  email?: string;
  did?: string;
  password?: string;
  appPassword?: string;
  followersCount?: number;
  followsCount?: number;
}

export interface StrongRef {
  uri: string;
  cid: string;
}

export interface StoredRecord {
  uri: string;
  cid: string;
  /** The repo (author) DID. */
  did: string;
  collection: Collection;
  rkey: string;
  /** The record as written, `$type` included. */
  value: Record<string, unknown>;
  indexedAt: string;
  /** Write order, for newest-first listings that stay stable under a frozen clock. */
  seq: number;
}

export type NotificationReason = 'mention' | 'reply' | 'quote' | 'like' | 'follow';

export interface EmulatedNotification {
  /** Sort key and cursor (a TID, so it orders by time). */
  id: string;
  recipient: string;
  author: string;
  reason: NotificationReason;
  reasonSubject?: string;
  uri: string;
  cid: string;
  indexedAt: string;
}

export interface RepoState {
  rev: string;
  commitCid: string;
}

export class StateError extends Error {}

function appPassword(): string {
  const alphabet = 'abcdefghijklmnopqrstuvwxyz234567';
  const group = () => Array.from({ length: 4 }, () => alphabet[randomInt(alphabet.length)]).join('');
  return `${group()}-${group()}-${group()}-${group()}`;
}

/** Reply target of a post record, when it is a reply. */
export function replyRefs(value: Record<string, unknown>): { root: StrongRef; parent: StrongRef } | undefined {
  const reply = value.reply as { root?: StrongRef; parent?: StrongRef } | undefined;
  return reply?.root && reply.parent ? { root: reply.root, parent: reply.parent } : undefined;
}

/** The post a record quotes (app.bsky.embed.record), if any. */
export function quotedRef(value: Record<string, unknown>): StrongRef | undefined {
  const embed = value.embed as { $type?: string; record?: StrongRef } | undefined;
  return embed?.$type === 'app.bsky.embed.record' && embed.record ? embed.record : undefined;
}

function mentionedDids(value: Record<string, unknown>): string[] {
  const facets = (value.facets ?? []) as { features?: { $type?: string; did?: string }[] }[];
  return facets.flatMap((f) =>
    (f.features ?? []).flatMap((feature) => (feature.$type === 'app.bsky.richtext.facet#mention' && feature.did ? [feature.did] : [])),
  );
}

/** In-memory PDS + AppView state: accounts, their repos' records, and the notifications the AppView derives. No API policy here. */
export class BlueskyStore {
  readonly nextTid: () => string;
  private accounts = new Map<string, EmulatedAccount>();
  private records = new Map<string, StoredRecord>();
  private notifications: EmulatedNotification[] = [];
  private seen = new Map<string, string>();
  private repos = new Map<string, RepoState>();
  private seq = 0;

  constructor(private readonly now: () => number) {
    this.nextTid = createTidGenerator(now, randomInt(1024));
  }

  /** Forget everything except the given accounts (the brand keeps its DID and passwords). */
  reset(keep: EmulatedAccount[]): void {
    this.accounts = new Map(keep.map((a) => [a.did, a]));
    this.records.clear();
    this.notifications = [];
    this.seen.clear();
    this.repos.clear();
  }

  addAccount(input: NewAccount): EmulatedAccount {
    const handle = normalizeHandle(input.handle);
    if (!isHandle(handle)) throw new StateError(`${handle} is not a valid handle`);
    if (this.account(handle)) throw new StateError(`handle ${handle} is taken`);
    const did = input.did ?? plcDidFor(handle);
    if (this.accounts.has(did)) throw new StateError(`DID ${did} is taken`);
    const account: EmulatedAccount = {
      did,
      handle,
      email: (input.email ?? `${handle.split('.')[0]}@example.com`).toLowerCase(),
      displayName: input.displayName ?? '',
      description: input.description ?? '',
      ...(input.avatar !== undefined ? { avatar: input.avatar } : {}),
      password: input.password ?? randomBytes(12).toString('base64url'),
      appPassword: input.appPassword ?? appPassword(),
      createdAt: new Date(this.now()).toISOString(),
      extraFollowers: input.followersCount ?? 0,
      extraFollows: input.followsCount ?? 0,
    };
    this.accounts.set(did, account);
    return account;
  }

  /** By DID or handle (case-insensitive, `@` optional). */
  account(didOrHandle: string): EmulatedAccount | undefined {
    const byDid = this.accounts.get(didOrHandle);
    if (byDid) return byDid;
    const handle = didOrHandle.replace(/^@/, '').toLowerCase();
    for (const account of this.accounts.values()) if (account.handle === handle) return account;
    return undefined;
  }

  /** What createSession accepts as identifier: a handle, an email address or a DID. */
  accountByIdentifier(identifier: string): EmulatedAccount | undefined {
    const wanted = identifier.toLowerCase();
    if (wanted.includes('@') && !wanted.startsWith('@')) {
      for (const account of this.accounts.values()) if (account.email === wanted) return account;
      return undefined;
    }
    return this.account(identifier);
  }

  allAccounts(): EmulatedAccount[] {
    return [...this.accounts.values()];
  }

  repoState(did: string): RepoState | undefined {
    return this.repos.get(did);
  }

  /** A record by URI; the repo part may be a handle. */
  record(uri: string): StoredRecord | undefined {
    const parts = parseRecordUri(uri);
    if (!parts) return undefined;
    const did = this.account(parts.repo)?.did;
    return did === undefined ? undefined : this.records.get(atUri(did, parts.collection, parts.rkey));
  }

  /** Newest first. */
  recordsOf(collection: Collection, did?: string): StoredRecord[] {
    return [...this.records.values()].filter((r) => r.collection === collection && (did === undefined || r.did === did)).sort((a, b) => b.seq - a.seq);
  }

  /** Writes a record to the author's repo (a new commit) and lets the AppView index it. */
  createRecord(did: string, collection: Collection, value: Record<string, unknown>, rkey = this.nextTid()): StoredRecord {
    if (!this.accounts.has(did)) throw new StateError(`no account ${did}`);
    const uri = atUri(did, collection, rkey);
    if (this.records.has(uri)) throw new StateError(`a record already exists at ${uri}`);
    this.seq += 1;
    const record: StoredRecord = { uri, cid: cidFor(value), did, collection, rkey, value, indexedAt: new Date(this.now()).toISOString(), seq: this.seq };
    this.records.set(uri, record);
    this.commit(did);
    this.notifications.push(...this.notificationsFor(record));
    return record;
  }

  /** Removes a record and, as the AppView does, the notifications it caused. */
  deleteRecord(uri: string): StoredRecord | undefined {
    const record = this.record(uri);
    if (!record) return undefined;
    this.records.delete(record.uri);
    this.notifications = this.notifications.filter((n) => n.uri !== record.uri);
    this.commit(record.did);
    return record;
  }

  private commit(did: string): void {
    const rev = this.nextTid();
    this.repos.set(did, { rev, commitCid: cidFor({ did, rev, version: 3 }) });
  }

  /** The AppView's indexing rules: one notification per recipient and record; mention before quote before reply. */
  private notificationsFor(record: StoredRecord): EmulatedNotification[] {
    const notified = new Set([record.did]);
    const out: EmulatedNotification[] = [];
    const notify = (recipient: string, reason: NotificationReason, reasonSubject?: string) => {
      if (notified.has(recipient) || !this.accounts.has(recipient)) return;
      notified.add(recipient);
      out.push({
        id: this.nextTid(),
        recipient,
        author: record.did,
        reason,
        ...(reasonSubject !== undefined ? { reasonSubject } : {}),
        uri: record.uri,
        cid: record.cid,
        indexedAt: record.indexedAt,
      });
    };
    if (record.collection === POST) {
      for (const did of mentionedDids(record.value)) notify(did, 'mention');
      const quoted = quotedRef(record.value);
      const quotedRecord = quoted && this.record(quoted.uri);
      if (quotedRecord?.collection === POST) notify(quotedRecord.did, 'quote', quotedRecord.uri);
      let ancestor = this.parentOf(record);
      for (let height = 1; ancestor && height < REPLY_NOTIFICATION_DEPTH; height += 1) {
        notify(ancestor.did, 'reply', ancestor.uri);
        ancestor = this.parentOf(ancestor);
      }
    }
    const subject = record.value.subject;
    if (record.collection === LIKE && typeof subject === 'object' && subject !== null) {
      const liked = this.record((subject as StrongRef).uri);
      if (liked) notify(liked.did, 'like', liked.uri);
    }
    if (record.collection === FOLLOW && typeof subject === 'string') notify(subject, 'follow');
    return out;
  }

  /** The post a reply answers, while it still exists. */
  parentOf(post: StoredRecord): StoredRecord | undefined {
    const parent = replyRefs(post.value)?.parent;
    return parent && this.record(parent.uri);
  }

  /** Direct replies, oldest first. */
  repliesTo(uri: string): StoredRecord[] {
    return this.recordsOf(POST)
      .filter((p) => replyRefs(p.value)?.parent.uri === uri)
      .reverse();
  }

  countWhere(collection: Collection, test: (value: Record<string, unknown>) => boolean): number {
    let count = 0;
    for (const record of this.records.values()) if (record.collection === collection && test(record.value)) count += 1;
    return count;
  }

  /** The viewer's like of a post, if any. */
  likeBy(did: string, postUri: string): StoredRecord | undefined {
    return this.recordsOf(LIKE, did).find((l) => (l.value.subject as StrongRef).uri === postUri);
  }

  /** The block record one account holds against another, if any. */
  blockOf(blocker: string, blocked: string): StoredRecord | undefined {
    return this.recordsOf(BLOCK, blocker).find((b) => b.value.subject === blocked);
  }

  /** Newest first. */
  notificationsOf(did: string): EmulatedNotification[] {
    return this.notifications.filter((n) => n.recipient === did).sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  }

  allNotifications(): EmulatedNotification[] {
    return [...this.notifications].sort((a, b) => (a.id < b.id ? 1 : a.id > b.id ? -1 : 0));
  }

  seenAt(did: string): string | undefined {
    return this.seen.get(did);
  }

  setSeenAt(did: string, at: string): void {
    this.seen.set(did, at);
  }
}

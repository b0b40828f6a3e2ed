import { faultAndLogControl } from '../shared/control.js';
import type { FaultRegistry, FaultSpec } from './faults.js';
import { normalizeHandle } from './identifiers.js';
import type { RateLimiter } from './rate-limit.js';
import type { RequestFilter, RequestLog, RequestLogEntry } from './request-log.js';
import type { Sessions } from './sessions.js';
import {
  BLOCK,
  FOLLOW,
  LIKE,
  POST,
  quotedRef,
  replyRefs,
  StateError,
  type BlueskyStore,
  type EmulatedAccount,
  type EmulatedNotification,
  type NewAccount,
  type StoredRecord,
  type StrongRef,
} from './store.js';
import { detectMentions, graphemeLength, utf8Length } from './text.js';

export interface PostInput {
  text: string;
  /** URI of the post this one answers; the thread root is taken from it. */
  replyTo?: string;
  /** URI of a post to quote (app.bsky.embed.record). */
  quote?: string;
  /**
   * `auto` (default): a mention facet for every `@handle` of a known account, with the byte ranges the
   * Bluesky app computes. `none`: plain text — a mention without a facet notifies nobody. Or the facets to store.
   */
  facets?: 'auto' | 'none' | unknown[];
  langs?: string[];
  /** The client-declared time; the emulator's clock by default. */
  createdAt?: string;
}

/** A post as tests want to read it; `record` is what the API serves. */
export interface EmulatedPost {
  uri: string;
  cid: string;
  /** Author DID and handle. */
  did: string;
  handle: string;
  rkey: string;
  text: string;
  createdAt: string;
  indexedAt: string;
  reply?: { root: StrongRef; parent: StrongRef };
  quote?: StrongRef;
  record: Record<string, unknown>;
}

/** A like, follow or block record. */
export interface EmulatedRecord {
  uri: string;
  cid: string;
  did: string;
  collection: string;
  record: Record<string, unknown>;
}

export interface EmulatorSettings {
  /** Per-method rate limiting (default on); headers are sent either way. */
  rateLimits: boolean;
  /** Lifetime of new access tokens (default 7200, as the PDS). */
  accessTokenSeconds: number;
  /** Lifetime of new refresh tokens (default 90 days). */
  refreshTokenSeconds: number;
}

/**
 * Test and sandbox control of the emulated Bluesky: seeds state "from elsewhere" (as if done in the
 * Bluesky app, so no rate limit applies), reads everything back, and arms faults. Accounts are named by
 * DID or handle (`jane` is short for `jane.bsky.social`); posts by at:// URI.
 */
export interface BlueskyEmulatorControl {
  createUser(input: NewAccount): EmulatedAccount;
  user(didOrHandle: string): EmulatedAccount | undefined;
  users(): EmulatedAccount[];
  /** Post as any account; mentions, replies and quotes notify their targets (the brand included) as the AppView does. */
  post(as: string, input: PostInput): EmulatedPost;
  /** Post as the brand outside Earshot (e.g. from the Bluesky app). */
  postAsBrand(input: PostInput): EmulatedPost;
  /** `as` likes a post: a `like` notification for its author. */
  like(as: string, uri: string): EmulatedRecord;
  /** `as` follows an account (the brand by default): a `follow` notification. */
  follow(as: string, subject?: string): EmulatedRecord;
  /** `blocker` blocks `blocked`: the AppView hides each from the other (blockedPost in threads, no notifications). */
  block(blocker: string, blocked: string): EmulatedRecord;
  /** Delete any record (a customer deleting their post): its notifications go with it. */
  deleteRecord(uri: string): boolean;
  /** Newest first, optionally only by one author. */
  posts(filter?: { author?: string }): EmulatedPost[];
  getPost(uri: string): EmulatedPost | undefined;
  /** Newest first: the brand's notifications by default, including read ones. */
  notifications(filter?: { recipient?: string }): EmulatedNotification[];
  /** The seenAt last set through updateSeen (the brand's by default). */
  seenAt(of?: string): string | undefined;
  /** XRPC calls received, in arrival order. */
  requests(filter?: RequestFilter): RequestLogEntry[];
  injectFault(fault: FaultSpec): void;
  clearFaults(): void;
  settings(): EmulatorSettings;
  configure(settings: Partial<EmulatorSettings>): EmulatorSettings;
  /** Forget accounts, records, notifications, faults, rate-limit windows and the request log; the brand (same DID, passwords and sessions) and the settings stay, so a running client carries on. */
  reset(): void;
}

export interface ControlDeps {
  store: BlueskyStore;
  brand: EmulatedAccount;
  sessions: Sessions;
  faults: FaultRegistry;
  limiter: RateLimiter;
  log: RequestLog;
  now: () => number;
}

function toEmulatedPost(record: StoredRecord, store: BlueskyStore): EmulatedPost {
  const reply = replyRefs(record.value);
  const quote = quotedRef(record.value);
  return structuredClone({
    uri: record.uri,
    cid: record.cid,
    did: record.did,
    handle: store.account(record.did)?.handle ?? '',
    rkey: record.rkey,
    text: String(record.value.text),
    createdAt: String(record.value.createdAt),
    indexedAt: record.indexedAt,
    ...(reply ? { reply } : {}),
    ...(quote ? { quote } : {}),
    record: record.value,
  });
}

const toEmulatedRecord = (record: StoredRecord): EmulatedRecord =>
  structuredClone({ uri: record.uri, cid: record.cid, did: record.did, collection: record.collection, record: record.value });

export function createControl({ store, brand, sessions, faults, limiter, log, now }: ControlDeps): BlueskyEmulatorControl {
  const findUser = (didOrHandle: string): EmulatedAccount | undefined => store.account(didOrHandle) ?? store.account(normalizeHandle(didOrHandle));
  const mustFindUser = (didOrHandle: string): EmulatedAccount => {
    const account = findUser(didOrHandle);
    if (!account) throw new StateError(`no account ${didOrHandle}`);
    return account;
  };
  const mustFindPost = (uri: string): StoredRecord => {
    const post = store.record(uri);
    if (post?.collection !== POST) throw new StateError(`no post ${uri}`);
    return post;
  };
  const ref = (record: StoredRecord): StrongRef => ({ uri: record.uri, cid: record.cid });

  const post = (as: string, input: PostInput): EmulatedPost => {
    const author = mustFindUser(as);
    if (graphemeLength(input.text) > 300 || utf8Length(input.text) > 3000) throw new StateError('a post holds at most 300 graphemes (3000 UTF-8 bytes)');
    const parent = input.replyTo === undefined ? undefined : mustFindPost(input.replyTo);
    const quoted = input.quote === undefined ? undefined : mustFindPost(input.quote);
    const facets =
      input.facets === 'none' ? [] : Array.isArray(input.facets) ? input.facets : detectMentions(input.text, (handle) => store.account(handle)?.did);
    const record: Record<string, unknown> = {
      $type: POST,
      text: input.text,
      ...(facets.length > 0 ? { facets } : {}),
      ...(parent ? { reply: { root: replyRefs(parent.value)?.root ?? ref(parent), parent: ref(parent) } } : {}),
      ...(quoted ? { embed: { $type: 'app.bsky.embed.record', record: ref(quoted) } } : {}),
      ...(input.langs ? { langs: input.langs } : {}),
      createdAt: input.createdAt ?? new Date(now()).toISOString(),
    };
    return toEmulatedPost(store.createRecord(author.did, POST, record), store);
  };
  const createdAt = () => new Date(now()).toISOString();
  const settings = (): EmulatorSettings => ({
    rateLimits: limiter.enabled,
    accessTokenSeconds: sessions.lifetimes.accessSeconds,
    refreshTokenSeconds: sessions.lifetimes.refreshSeconds,
  });

  return {
    createUser: (input) => structuredClone(store.addAccount(input)),
    user: (didOrHandle) => {
      const account = findUser(didOrHandle);
      return account && structuredClone(account);
    },
    users: () => structuredClone(store.allAccounts()),
    post,
    postAsBrand: (input) => post(brand.did, input),
    like: (as, uri) => {
      const liked = mustFindPost(uri);
      return toEmulatedRecord(store.createRecord(mustFindUser(as).did, LIKE, { $type: LIKE, subject: ref(liked), createdAt: createdAt() }));
    },
    follow: (as, subject = brand.did) =>
      toEmulatedRecord(store.createRecord(mustFindUser(as).did, FOLLOW, { $type: FOLLOW, subject: mustFindUser(subject).did, createdAt: createdAt() })),
    block: (blocker, blocked) =>
      toEmulatedRecord(store.createRecord(mustFindUser(blocker).did, BLOCK, { $type: BLOCK, subject: mustFindUser(blocked).did, createdAt: createdAt() })),
    deleteRecord: (uri) => store.deleteRecord(uri) !== undefined,
    posts: (filter = {}) => {
      const did = filter.author === undefined ? undefined : mustFindUser(filter.author).did;
      return store.recordsOf(POST, did).map((p) => toEmulatedPost(p, store));
    },
    getPost: (uri) => {
      const found = store.record(uri);
      return found?.collection === POST ? toEmulatedPost(found, store) : undefined;
    },
    notifications: (filter = {}) => structuredClone(store.notificationsOf(mustFindUser(filter.recipient ?? brand.did).did)),
    seenAt: (of = brand.did) => store.seenAt(mustFindUser(of).did),
    ...faultAndLogControl(faults, log),
    settings,
    configure: (changes) => {
      if (changes.rateLimits !== undefined) limiter.enabled = changes.rateLimits;
      sessions.lifetimes = {
        accessSeconds: changes.accessTokenSeconds ?? sessions.lifetimes.accessSeconds,
        refreshSeconds: changes.refreshTokenSeconds ?? sessions.lifetimes.refreshSeconds,
      };
      return settings();
    },
    reset: () => {
      store.reset([brand]);
      faults.clear();
      limiter.clear();
      log.clear();
    },
  };
}

import { faultAndLogControl } from '../shared/control.js';
import type { TokenKind, TokenRegistry } from './auth.js';
import type { FaultRegistry, FaultSpec } from './faults.js';
import type { RequestFilter, RequestLog, RequestLogEntry } from './request-log.js';
import {
  StateError,
  type FacebookComment,
  type FacebookUser,
  type InstagramComment,
  type InstagramMedia,
  type InstagramUser,
  type Message,
  type MessageChannel,
  type MetaStore,
  type Post,
} from './store.js';
import type { UsageMeter } from './usage.js';
import type { DeliveryRecord, WebhookDispatcher } from './webhooks/dispatcher.js';
import { feedCommentEntry, instagramCommentEntry, instagramMentionEntry, messagingEntry } from './webhooks/payloads.js';
import { verifySubscription, type VerificationResult } from './webhooks/verify-subscription.js';

export interface MetaEmulatorSettings {
  /** Where notifications go; null: nowhere (they are recorded as dropped). */
  webhookUrl: string | null;
  /** Wait before each retry of a failed delivery; the length is the number of retries. */
  retryDelaysMs: number[];
  /** How long one delivery attempt may take. */
  deliveryTimeoutMs: number;
  /** How long notifications gather before leaving together (0: those made in the same tick). */
  batchWindowMs: number;
  /** Graph calls per hour per Page or account before throttling (code 32 / 4); false: unlimited. */
  rateLimitPerHour: number | false;
}

export interface MetaEmulatorControl {
  createFacebookUser(input: { name: string }): FacebookUser;
  createInstagramUser(input: { username: string; name?: string }): InstagramUser;
  facebookUsers(): FacebookUser[];
  instagramUsers(): InstagramUser[];
  /** A post on the Page's feed: by the Page, or by a Facebook user (`from`: id, PSID or name). No webhook. */
  createPost(input: { message: string; from?: string }): Post;
  /** Instagram media: the brand's, or a customer's (`owner`: id or username). No webhook. */
  createMedia(input: { caption: string; owner?: string }): InstagramMedia;
  /**
   * A Facebook comment on a post, or a reply when `on` is a comment; `from` is a Facebook user or the
   * Page itself (a reply typed in Facebook's own apps). Sends the `feed` webhook (verb `add`).
   */
  comment(input: { from: string; on: string; message: string }): FacebookComment;
  /** Its author edits a comment: `feed` webhook, verb `edited`. */
  editComment(input: { id: string; message: string }): FacebookComment;
  /** Its author deletes a comment (and its replies): `feed` webhook, verb `remove`. False when no such comment. */
  deleteComment(id: string): boolean;
  /** An Instagram comment on the brand's media, or a reply when `on` is a comment: `comments` webhook. */
  commentOnMedia(input: { from: string; on: string; text: string }): InstagramComment;
  /**
   * A customer's comment naming @brand on media that is not the brand's (`media`, else a new post of
   * theirs); `@username` is put first when the text lacks it. Sends the `mentions` webhook.
   */
  mention(input: { from: string; text: string; media?: string }): InstagramComment;
  /** A customer writes to the Page in Messenger (`from`: id, PSID or name): `messaging` webhook, window opens. */
  sendMessengerMessage(input: { from: string; text: string }): Message;
  /** A customer writes to the Instagram account: `messaging` webhook on object `instagram`, window opens. */
  sendInstagramMessage(input: { from: string; text: string }): Message;
  /** Newest first. */
  posts(): Post[];
  /** Oldest first, optionally one post's. */
  comments(filter?: { post?: string }): FacebookComment[];
  /** Newest first, optionally one owner's (id or username). */
  media(filter?: { owner?: string }): InstagramMedia[];
  /** Newest first, optionally on one media. */
  mediaComments(filter?: { media?: string }): InstagramComment[];
  /** Oldest first, optionally one channel's or one customer's (`with`: any id or name of theirs). */
  messages(filter?: { channel?: MessageChannel; with?: string }): Message[];
  setWebhookUrl(url: string | null): void;
  /** Meta's subscription check on `url`; only when it passes does `url` become the callback URL. */
  subscribe(input: { url: string; verifyToken?: string }): Promise<VerificationResult>;
  /** Meta's subscription check alone, on `url` or the current callback URL, with the app's verify token unless given. */
  verifySubscription(input?: { url?: string; verifyToken?: string }): Promise<VerificationResult>;
  /** Simulates downtime: notifications from now on are held until resumeDeliveries (`queue`) or lost (`drop`). */
  pauseDeliveries(mode: 'queue' | 'drop'): void;
  resumeDeliveries(): void;
  /** Every notification made, with its attempts, oldest first. */
  deliveries(): DeliveryRecord[];
  /** Resolves when no notification is gathering, being sent or waiting for a retry. */
  settled(): Promise<void>;
  /** Graph API requests received, in arrival order. */
  requests(filter?: RequestFilter): RequestLogEntry[];
  injectFault(fault: FaultSpec): void;
  clearFaults(): void;
  /** The token now answers code 190, subcode 463 (session expired) until reset. */
  expireToken(which: TokenKind): void;
  settings(): MetaEmulatorSettings;
  configure(changes: Partial<MetaEmulatorSettings>): MetaEmulatorSettings;
  /** Forget users, content, messages, deliveries, faults, usage and the request log; the brand, tokens and settings stay. */
  reset(): void;
}

export interface ControlDeps {
  store: MetaStore;
  dispatcher: WebhookDispatcher;
  faults: FaultRegistry;
  log: RequestLog;
  usage: UsageMeter;
  tokens: TokenRegistry;
  verifyToken: string;
  now: () => number;
}

export function createControl({ store, dispatcher, faults, log, usage, tokens, verifyToken, now }: ControlDeps): MetaEmulatorControl {
  const facebookAuthor = (ref: string): string => {
    if (ref === store.page.id || ref.toLowerCase() === store.page.name.toLowerCase()) return store.page.id;
    const user = store.facebookUser(ref);
    if (!user) throw new StateError(`no Facebook user ${ref}`);
    return user.id;
  };
  const facebookUser = (ref: string): FacebookUser => {
    const user = store.facebookUser(ref);
    if (!user) throw new StateError(`no Facebook user ${ref}`);
    return user;
  };
  const instagramAuthor = (ref: string): string => {
    const bare = ref.replace(/^@/, '').toLowerCase();
    if (ref === store.instagram.id || bare === store.instagram.username.toLowerCase()) return store.instagram.id;
    return instagramUser(ref).id;
  };
  const instagramUser = (ref: string): InstagramUser => {
    const user = store.instagramUser(ref);
    if (!user) throw new StateError(`no Instagram user ${ref}`);
    return user;
  };
  const customerId = (ref: string): string => store.facebookUser(ref)?.psid ?? instagramUser(ref).id;
  const copy = structuredClone;
  const settings = (): MetaEmulatorSettings => ({
    webhookUrl: dispatcher.settings.url ?? null,
    retryDelaysMs: [...dispatcher.settings.retryDelaysMs],
    deliveryTimeoutMs: dispatcher.settings.timeoutMs,
    batchWindowMs: dispatcher.settings.batchWindowMs,
    rateLimitPerHour: usage.callsPerHour,
  });

  return {
    createFacebookUser: ({ name }) => copy(store.addFacebookUser(name)),
    createInstagramUser: ({ username, name }) => copy(store.addInstagramUser(username.replace(/^@/, ''), name ?? username.replace(/^@/, ''))),
    facebookUsers: () => copy(store.allFacebookUsers()),
    instagramUsers: () => copy(store.allInstagramUsers()),
    createPost: ({ message, from }) => copy(store.createPost(from === undefined ? store.page.id : facebookAuthor(from), message)),
    createMedia: ({ caption, owner }) => copy(store.createMedia(owner === undefined ? store.instagram.id : instagramAuthor(owner), caption)),
    comment: ({ from, on, message }) => {
      const comment = store.createComment(on, facebookAuthor(from), message);
      dispatcher.announce(feedCommentEntry(store, comment, 'add', now()));
      return copy(comment);
    },
    editComment: ({ id, message }) => {
      const comment = store.editComment(id, message);
      dispatcher.announce(feedCommentEntry(store, comment, 'edited', now()));
      return copy(comment);
    },
    deleteComment: (id) => {
      const removed = store.deleteComment(id);
      if (removed) dispatcher.announce(feedCommentEntry(store, removed, 'remove', now()));
      return removed !== undefined;
    },
    commentOnMedia: ({ from, on, text }) => {
      const target = store.mediaItem(on) ?? store.mediaItem(store.mediaComment(on)?.mediaId ?? '');
      if (target && target.ownerId !== store.instagram.id)
        throw new StateError(`media ${target.id} is not the brand's; use mention for comments on other people's media`);
      const comment = store.createMediaComment(on, instagramAuthor(from), text);
      dispatcher.announce(instagramCommentEntry(store, comment, now()));
      return copy(comment);
    },
    mention: ({ from, text, media }) => {
      const author = instagramUser(from);
      const handle = `@${store.instagram.username}`;
      const onMedia = media === undefined ? store.createMedia(author.id, '') : store.mediaItem(media);
      if (!onMedia) throw new StateError(`no media ${media}`);
      if (onMedia.ownerId === store.instagram.id) throw new StateError(`media ${onMedia.id} is the brand's own; use commentOnMedia`);
      const body = text.toLowerCase().includes(handle.toLowerCase()) ? text : `${handle} ${text}`;
      const comment = store.createMediaComment(onMedia.id, author.id, body);
      dispatcher.announce(instagramMentionEntry(store, comment, now()));
      return copy(comment);
    },
    sendMessengerMessage: ({ from, text }) => {
      const message = store.addMessage('messenger', facebookUser(from).psid, 'inbound', text);
      dispatcher.announce(messagingEntry(store, message, now()));
      return copy(message);
    },
    sendInstagramMessage: ({ from, text }) => {
      const message = store.addMessage('instagram', instagramUser(from).id, 'inbound', text);
      dispatcher.announce(messagingEntry(store, message, now()));
      return copy(message);
    },
    posts: () => copy(store.allPosts()),
    comments: (filter = {}) => copy(store.allComments(filter.post)),
    media: (filter = {}) => copy(store.allMedia(filter.owner === undefined ? undefined : instagramAuthor(filter.owner))),
    mediaComments: (filter = {}) => copy(store.allMediaComments(filter.media)),
    messages: (filter = {}) =>
      copy(
        store.messages({
          ...(filter.channel !== undefined ? { channel: filter.channel } : {}),
          ...(filter.with !== undefined ? { customerId: customerId(filter.with) } : {}),
        }),
      ),
    setWebhookUrl: (url) => {
      dispatcher.settings.url = url ?? undefined;
    },
    subscribe: async ({ url, verifyToken: token }) => {
      const result = await verifySubscription(url, token ?? verifyToken, dispatcher.settings.timeoutMs);
      if (result.ok) dispatcher.settings.url = url;
      return result;
    },
    verifySubscription: async (input = {}) => {
      const url = input.url ?? dispatcher.settings.url;
      if (url === undefined) throw new StateError('no callback URL to verify');
      return verifySubscription(url, input.verifyToken ?? verifyToken, dispatcher.settings.timeoutMs);
    },
    pauseDeliveries: (mode) => dispatcher.pause(mode),
    resumeDeliveries: () => dispatcher.resume(),
    deliveries: () => dispatcher.list(),
    settled: () => dispatcher.settled(),
    ...faultAndLogControl(faults, log),
    expireToken: (which) => {
      tokens.expiredAt.set(which, now());
    },
    settings,
    configure: (changes) => {
      if (changes.webhookUrl !== undefined) dispatcher.settings.url = changes.webhookUrl ?? undefined;
      if (changes.retryDelaysMs !== undefined) dispatcher.settings.retryDelaysMs = [...changes.retryDelaysMs];
      if (changes.deliveryTimeoutMs !== undefined) dispatcher.settings.timeoutMs = changes.deliveryTimeoutMs;
      if (changes.batchWindowMs !== undefined) dispatcher.settings.batchWindowMs = changes.batchWindowMs;
      if (changes.rateLimitPerHour !== undefined) usage.callsPerHour = changes.rateLimitPerHour;
      return settings();
    },
    reset: () => {
      store.reset();
      dispatcher.reset();
      faults.clear();
      log.clear();
      usage.clear();
      tokens.expiredAt.clear();
    },
  };
}

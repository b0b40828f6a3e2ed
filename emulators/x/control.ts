import { faultAndLogControl } from '../shared/control.js';
import type { Policy } from './api/route.js';
import type { FaultRegistry, FaultSpec } from './faults.js';
import type { RateLimiter } from './rate-limit.js';
import type { RequestFilter, RequestLog, RequestLogEntry } from './request-log.js';
import { StateError, type EmulatedDmEvent, type EmulatedPost, type EmulatedUser, type NewUser, type XStore } from './store.js';

export interface PostInput {
  text: string;
  replyToId?: string;
  quoteOfId?: string;
}

export interface DmInput {
  text: string;
  /** Recipient id or @handle; the brand when omitted. */
  to?: string;
}

export interface EmulatorSettings {
  /** X's self-serve reply rule (default on). */
  replyRestriction: boolean;
  /** Per-endpoint rate limiting (default on); headers are sent either way. */
  rateLimits: boolean;
}

/**
 * Test and sandbox control of the emulated X: seeds state "from elsewhere" (as if typed in the X
 * app, so no API policy or rate limit applies), reads everything back, and arms faults.
 * Users are named by id or @handle (the @ is optional).
 */
export interface XEmulatorControl {
  createUser(input: NewUser): EmulatedUser;
  user(idOrHandle: string): EmulatedUser | undefined;
  users(): EmulatedUser[];
  /** Post as any user. Replies get the conversation's @handles prefixed, as the X apps do. */
  post(as: string, input: PostInput): EmulatedPost;
  /** Post as the brand outside Earshot (e.g. from the X app). */
  postAsBrand(input: PostInput): EmulatedPost;
  deletePost(id: string): boolean;
  /** A DM from a user (a customer) to `to`, by default the brand. */
  sendDm(from: string, input: DmInput): EmulatedDmEvent;
  /** Newest first, optionally only by one author. */
  posts(filter?: { author?: string }): EmulatedPost[];
  getPost(id: string): EmulatedPost | undefined;
  /** Ids of the posts a user likes. */
  likes(user: string): string[];
  /** Newest first, optionally only those a user sent or received. */
  dmEvents(filter?: { user?: string }): EmulatedDmEvent[];
  /** X API requests received, in arrival order. */
  requests(filter?: RequestFilter): RequestLogEntry[];
  injectFault(fault: FaultSpec): void;
  clearFaults(): void;
  settings(): EmulatorSettings;
  configure(settings: Partial<EmulatorSettings>): EmulatorSettings;
  /** Forget users, posts, likes, DMs, faults, rate-limit windows and the request log; the brand (same id and credentials) and the settings stay. */
  reset(): void;
}

export interface ControlDeps {
  store: XStore;
  brand: EmulatedUser;
  faults: FaultRegistry;
  limiter: RateLimiter;
  log: RequestLog;
  policy: Policy;
}

export function createControl({ store, brand, faults, limiter, log, policy }: ControlDeps): XEmulatorControl {
  const mustFindUser = (idOrHandle: string): EmulatedUser => {
    const user = store.user(idOrHandle) ?? store.userByUsername(idOrHandle);
    if (!user) throw new StateError(`no user ${idOrHandle}`);
    return user;
  };
  const post = (as: string, input: PostInput): EmulatedPost =>
    structuredClone(
      store.createPost({
        authorId: mustFindUser(as).id,
        text: input.text,
        ...(input.replyToId !== undefined ? { replyToId: input.replyToId } : {}),
        ...(input.quoteOfId !== undefined ? { quoteOfId: input.quoteOfId } : {}),
        autoPopulateReplyMetadata: true,
      }),
    );
  const settings = (): EmulatorSettings => ({ replyRestriction: policy.replyRestriction, rateLimits: limiter.enabled });

  return {
    createUser: (input) => structuredClone(store.addUser(input)),
    user: (idOrHandle) => {
      const user = store.user(idOrHandle) ?? store.userByUsername(idOrHandle);
      return user && structuredClone(user);
    },
    users: () => structuredClone(store.allUsers()),
    post,
    postAsBrand: (input) => post(brand.id, input),
    deletePost: (id) => store.deletePost(id),
    sendDm: (from, input) => structuredClone(store.sendDm(mustFindUser(from).id, mustFindUser(input.to ?? brand.id).id, input.text)),
    posts: (filter = {}) => {
      const authorId = filter.author === undefined ? undefined : mustFindUser(filter.author).id;
      return structuredClone(store.allPosts().filter((p) => authorId === undefined || p.authorId === authorId));
    },
    getPost: (id) => {
      const found = store.post(id);
      return found && structuredClone(found);
    },
    likes: (user) => store.likedBy(mustFindUser(user).id),
    dmEvents: (filter = {}) => structuredClone(filter.user === undefined ? store.allDmEvents() : store.dmEventsOf(mustFindUser(filter.user).id)),
    ...faultAndLogControl(faults, log),
    settings,
    configure: (changes) => {
      if (changes.replyRestriction !== undefined) policy.replyRestriction = changes.replyRestriction;
      if (changes.rateLimits !== undefined) limiter.enabled = changes.rateLimits;
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

import { notFound, type XResourceError } from './problems.js';
import type { EmulatedDmEvent, EmulatedPost, EmulatedUser, XStore } from './store.js';

/** What the request asked for: `tweet.fields`, `user.fields`, `dm_event.fields`, `expansions`. */
export interface FieldSelection {
  tweetFields?: Set<string> | undefined;
  userFields?: Set<string> | undefined;
  dmEventFields?: Set<string> | undefined;
  expansions?: Set<string> | undefined;
}

type Json = Record<string, unknown>;

/** X always returns `id`, `text` and `edit_history_tweet_ids`; anything else only when requested. */
export function tweetJson(post: EmulatedPost, fields: Set<string> | undefined, store: XStore): Json {
  const has = (f: string) => fields?.has(f) ?? false;
  const { mentions, hashtags } = post.entities;
  const entities = {
    ...(mentions.length > 0 ? { mentions } : {}),
    ...(hashtags.length > 0 ? { hashtags } : {}),
  };
  return {
    id: post.id,
    text: post.text,
    edit_history_tweet_ids: [post.id],
    ...(has('author_id') ? { author_id: post.authorId } : {}),
    ...(has('conversation_id') ? { conversation_id: post.conversationId } : {}),
    ...(has('created_at') ? { created_at: post.createdAt } : {}),
    ...(has('in_reply_to_user_id') && post.inReplyToUserId ? { in_reply_to_user_id: post.inReplyToUserId } : {}),
    ...(has('referenced_tweets') && post.referencedTweets.length > 0 ? { referenced_tweets: post.referencedTweets } : {}),
    ...(has('entities') && Object.keys(entities).length > 0 ? { entities } : {}),
    ...(has('display_text_range') ? { display_text_range: post.displayTextRange } : {}),
    ...(has('possibly_sensitive') ? { possibly_sensitive: false } : {}),
    ...(has('reply_settings') ? { reply_settings: 'everyone' } : {}),
    ...(has('public_metrics')
      ? {
          public_metrics: {
            retweet_count: 0,
            reply_count: store.referenceCount(post.id, 'replied_to'),
            like_count: store.likeCount(post.id),
            quote_count: store.referenceCount(post.id, 'quoted'),
            bookmark_count: 0,
            impression_count: 0,
          },
        }
      : {}),
  };
}

/** X always returns `id`, `name`, `username`. */
export function userJson(user: EmulatedUser, fields: Set<string> | undefined, store: XStore): Json {
  const has = (f: string) => fields?.has(f) ?? false;
  return {
    id: user.id,
    name: user.name,
    username: user.username,
    ...(has('created_at') ? { created_at: user.createdAt } : {}),
    ...(has('description') ? { description: user.description } : {}),
    ...(has('profile_image_url') ? { profile_image_url: user.profileImageUrl } : {}),
    ...(has('protected') ? { protected: user.protected } : {}),
    ...(has('verified') ? { verified: user.verified } : {}),
    ...(has('public_metrics')
      ? {
          public_metrics: {
            followers_count: user.followersCount,
            following_count: user.followingCount,
            tweet_count: store.postCount(user.id),
            listed_count: user.listedCount,
            like_count: store.likedBy(user.id).length,
          },
        }
      : {}),
  };
}

/** X always returns `id`, `event_type`, `text` for a DM event. */
export function dmEventJson(event: EmulatedDmEvent, fields: Set<string> | undefined): Json {
  const has = (f: string) => fields?.has(f) ?? false;
  return {
    id: event.id,
    event_type: event.eventType,
    text: event.text,
    ...(has('created_at') ? { created_at: event.createdAt } : {}),
    ...(has('dm_conversation_id') ? { dm_conversation_id: event.dmConversationId } : {}),
    ...(has('sender_id') ? { sender_id: event.senderId } : {}),
  };
}

/** Collects expanded objects in order of first appearance, without duplicates. */
class Includes {
  private users = new Map<string, EmulatedUser>();
  private tweets = new Map<string, EmulatedPost>();
  readonly errors: XResourceError[] = [];

  constructor(private readonly store: XStore) {}

  addUser(id: string | undefined): void {
    const user = id === undefined ? undefined : this.store.user(id);
    if (user && !this.users.has(user.id)) this.users.set(user.id, user);
  }

  addTweet(id: string, parameter: string): EmulatedPost | undefined {
    const post = this.store.post(id);
    if (!post) this.errors.push(notFound('tweet', parameter, id));
    else if (!this.tweets.has(id)) this.tweets.set(id, post);
    return post;
  }

  toJson(selection: FieldSelection): Json | undefined {
    const includes: Json = {};
    if (this.users.size > 0) includes.users = [...this.users.values()].map((u) => userJson(u, selection.userFields, this.store));
    if (this.tweets.size > 0) {
      includes.tweets = [...this.tweets.values()].map((t) => tweetJson(t, selection.tweetFields, this.store));
    }
    return Object.keys(includes).length > 0 ? includes : undefined;
  }
}

export interface Rendered {
  data: Json[];
  includes?: Json;
  errors?: XResourceError[];
}

function finish(data: Json[], includes: Includes, selection: FieldSelection): Rendered {
  const includesJson = includes.toJson(selection);
  return {
    data,
    ...(includesJson ? { includes: includesJson } : {}),
    ...(includes.errors.length > 0 ? { errors: includes.errors } : {}),
  };
}

export function renderTweets(posts: EmulatedPost[], selection: FieldSelection, store: XStore): Rendered {
  const expand = selection.expansions ?? new Set<string>();
  const includes = new Includes(store);
  for (const post of posts) {
    if (expand.has('author_id')) includes.addUser(post.authorId);
    if (expand.has('in_reply_to_user_id')) includes.addUser(post.inReplyToUserId);
    if (expand.has('entities.mentions.username')) for (const m of post.entities.mentions) includes.addUser(m.id);
    if (expand.has('referenced_tweets.id') || expand.has('referenced_tweets.id.author_id')) {
      for (const ref of post.referencedTweets) {
        const referenced = includes.addTweet(ref.id, 'referenced_tweets.id');
        if (referenced && expand.has('referenced_tweets.id.author_id')) includes.addUser(referenced.authorId);
      }
    }
  }
  return finish(
    posts.map((p) => tweetJson(p, selection.tweetFields, store)),
    includes,
    selection,
  );
}

export function renderDmEvents(events: EmulatedDmEvent[], selection: FieldSelection, store: XStore): Rendered {
  const includes = new Includes(store);
  if (selection.expansions?.has('sender_id')) for (const e of events) includes.addUser(e.senderId);
  return finish(
    events.map((e) => dmEventJson(e, selection.dmEventFields)),
    includes,
    selection,
  );
}

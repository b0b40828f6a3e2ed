import { graphTime, unixSeconds } from '../ids.js';
import { postPermalink } from '../node-types.js';
import type { FacebookComment, InstagramComment, Message, MetaStore } from '../store.js';

export type WebhookObject = 'page' | 'instagram';

/** One `entry` of a notification, and the `object` its notification is for. */
export interface WebhookEntry {
  object: WebhookObject;
  entry: Record<string, unknown>;
}

export type FeedVerb = 'add' | 'edited' | 'remove';

/**
 * Page `feed` change for a comment, with the fields of the `feed` value in the Page webhooks
 * reference (https://developers.facebook.com/docs/graph-api/webhooks/reference/page/#feed).
 * `parent_id` is the post for a top-level comment and the parent comment for a reply; a removal
 * carries no message.
 */
export function feedCommentEntry(store: MetaStore, comment: FacebookComment, verb: FeedVerb, at: number): WebhookEntry {
  const author = comment.authorId === store.page.id ? store.page : store.facebookUser(comment.authorId);
  const post = store.post(comment.postId);
  const value = {
    from: { id: comment.authorId, name: author?.name ?? '' },
    ...(post
      ? {
          post: {
            status_type: 'mobile_status_update',
            is_published: true,
            updated_time: graphTime(at),
            permalink_url: postPermalink(store, post),
            promotion_status: 'inactive',
            id: post.id,
          },
        }
      : {}),
    ...(verb === 'remove' ? {} : { message: comment.message }),
    post_id: comment.postId,
    comment_id: comment.id,
    created_time: unixSeconds(verb === 'add' ? Date.parse(comment.createdAt) : at),
    item: 'comment',
    parent_id: comment.parentId ?? comment.postId,
    verb,
  };
  return { object: 'page', entry: { id: store.page.id, time: unixSeconds(at), changes: [{ value, field: 'feed' }] } };
}

/** Instagram `comments` change (https://developers.facebook.com/docs/instagram-platform/webhooks/examples). */
export function instagramCommentEntry(store: MetaStore, comment: InstagramComment, at: number): WebhookEntry {
  const username = comment.authorId === store.instagram.id ? store.instagram.username : (store.instagramUser(comment.authorId)?.username ?? '');
  const value = {
    from: { id: comment.authorId, username },
    media: { id: comment.mediaId, media_product_type: 'FEED' },
    id: comment.id,
    ...(comment.parentId !== undefined ? { parent_id: comment.parentId } : {}),
    text: comment.text,
  };
  return { object: 'instagram', entry: { id: store.instagram.id, time: unixSeconds(at), changes: [{ value, field: 'comments' }] } };
}

/** Instagram `mentions` change: only ids; the comment is read through `mentioned_comment`. */
export function instagramMentionEntry(store: MetaStore, comment: InstagramComment, at: number): WebhookEntry {
  return {
    object: 'instagram',
    entry: { id: store.instagram.id, time: unixSeconds(at), changes: [{ value: { comment_id: comment.id, media_id: comment.mediaId }, field: 'mentions' }] },
  };
}

/**
 * A `messaging` entry (Messenger or Instagram): `time` and `timestamp` in milliseconds, one message
 * per entry. Instagram also reports the account's own messages, flagged `is_echo`.
 */
export function messagingEntry(store: MetaStore, message: Message, at: number): WebhookEntry {
  const account = message.channel === 'messenger' ? store.page.id : store.instagram.id;
  const inbound = message.direction === 'inbound';
  const event = {
    sender: { id: inbound ? message.customerId : account },
    recipient: { id: inbound ? account : message.customerId },
    timestamp: Date.parse(message.createdAt),
    message: { mid: message.mid, text: message.text, ...(inbound ? {} : { is_echo: true }) },
  };
  return { object: message.channel === 'messenger' ? 'page' : 'instagram', entry: { id: account, time: at, messaging: [event] } };
}

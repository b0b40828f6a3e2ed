import { node, type GraphNode } from '../node-types.js';
import type { MessageChannel } from '../store.js';
import type { ApiContext } from './context.js';

/** The Conversations API gives details of a conversation's 20 most recent messages only. */
const READABLE_MESSAGES = 20;

/**
 * The node an id names, if this token may read it. A Page token reaches the Page, its posts and
 * comments, Messenger profiles (PSID) and, through the linked account, everything Instagram; an
 * Instagram token reaches the Instagram side only. Other people's media and comments on them are
 * never readable directly (a mention is read through `mentioned_comment`), nor is a Facebook user
 * by the id comments show. Conversations and messages follow their channel; of a conversation's
 * messages only the 20 most recent can be read in detail. `me` is the token's owner.
 */
export function resolveNode(rawId: string, ctx: ApiContext): GraphNode | undefined {
  const { store, caller } = ctx;
  const id = rawId === 'me' ? caller.ownerId : rawId;
  const viaPage = caller.kind === 'page';
  if (id === store.page.id) return viaPage ? node('page', store.page) : undefined;
  if (id === store.instagram.id) return node('instagramAccount', store.instagram);
  const post = store.post(id);
  if (post) return viaPage ? node('post', post) : undefined;
  const comment = store.comment(id);
  if (comment) return viaPage ? node('comment', comment) : undefined;
  const messengerUser = store.allFacebookUsers().find((u) => u.psid === id);
  if (messengerUser) return viaPage ? node('messengerProfile', messengerUser) : undefined;
  const media = store.mediaItem(id);
  if (media) return media.ownerId === store.instagram.id ? node('media', media) : undefined;
  const mediaComment = store.mediaComment(id);
  if (mediaComment) return store.mediaItem(mediaComment.mediaId)?.ownerId === store.instagram.id ? node('mediaComment', mediaComment) : undefined;
  const instagramUser = store.allInstagramUsers().find((u) => u.id === id);
  if (instagramUser) return node('instagramUser', instagramUser);
  const reachable = (channel: MessageChannel): boolean => viaPage || channel === 'instagram';
  const conversation = store.conversation(id);
  if (conversation) return reachable(conversation.channel) ? node('conversation', conversation) : undefined;
  const message = store.message(id);
  if (!message || !reachable(message.channel)) return undefined;
  const recent = store.messages({ channel: message.channel, customerId: message.customerId }).slice(-READABLE_MESSAGES);
  return recent.includes(message) ? node('message', message) : undefined;
}

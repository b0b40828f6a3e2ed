import { node, type GraphNode } from '../node-types.js';
import type { ApiContext } from './context.js';

/**
 * The node an id names, if this token may read it. A Page token reaches the Page, its posts and
 * comments, Messenger profiles (PSID) and, through the linked account, everything Instagram; an
 * Instagram token reaches the Instagram side only. Other people's media and comments on them are
 * never readable directly (a mention is read through `mentioned_comment`), nor is a Facebook user
 * by the id comments show. `me` is the token's owner.
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
  return instagramUser && node('instagramUser', instagramUser);
}

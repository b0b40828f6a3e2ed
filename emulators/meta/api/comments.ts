import { invalidParameter, unsupportedRequest } from '../graph-errors.js';
import type { GraphNode } from '../node-types.js';
import { nodeId } from '../render.js';
import { feedCommentEntry, instagramCommentEntry } from '../webhooks/payloads.js';
import { requiredText, type ApiContext, type ApiResult } from './context.js';

/** Facebook's limit on a comment's text. */
const COMMENT_MAX = 8000;
/** Instagram's limit on a comment's text. */
const IG_COMMENT_MAX = 2200;

function message(ctx: ApiContext, max: number): string {
  const text = requiredText(ctx.params, 'message');
  if (text.length > max) throw invalidParameter(`Param message must be at most ${max} characters long`);
  return text;
}

/**
 * `POST /{post-id}/comments` comments as the Page; `POST /{comment-id}/comments` replies (a reply
 * to a reply joins the top-level comment). Meta notifies the Page's own comments too, so the
 * `feed` webhook goes out with the Page as `from`.
 */
export function commentAsPage(target: GraphNode & { kind: 'post' | 'comment' }, ctx: ApiContext): ApiResult {
  const text = message(ctx, COMMENT_MAX);
  const comment = ctx.store.createComment(target.value.id, ctx.store.page.id, text);
  ctx.announce(feedCommentEntry(ctx.store, comment, 'add', ctx.now()));
  return { status: 200, body: { id: comment.id } };
}

/** `POST /{ig-comment-id}/replies`; Instagram notifies the account's own comments too. */
export function replyOnInstagram(target: GraphNode & { kind: 'mediaComment' }, ctx: ApiContext): ApiResult {
  const text = message(ctx, IG_COMMENT_MAX);
  const reply = ctx.store.createMediaComment(target.value.id, ctx.store.instagram.id, text);
  ctx.announce(instagramCommentEntry(ctx.store, reply, ctx.now()));
  return { status: 200, body: { id: reply.id } };
}

/** `POST /{ig-media-id}/comments`: a top-level comment by the account on its own media. */
export function commentOnOwnMedia(target: GraphNode & { kind: 'media' }, ctx: ApiContext): ApiResult {
  const text = message(ctx, IG_COMMENT_MAX);
  const comment = ctx.store.createMediaComment(target.value.id, ctx.store.instagram.id, text);
  ctx.announce(instagramCommentEntry(ctx.store, comment, ctx.now()));
  return { status: 200, body: { id: comment.id } };
}

/**
 * `POST /{ig-user-id}/mentions` with `comment_id`, `media_id` and `message`: replies to a comment
 * that @mentions the account on someone else's media. No webhook: the media is not the account's.
 */
export function replyToMention(target: GraphNode & { kind: 'instagramAccount' }, ctx: ApiContext): ApiResult {
  const commentId = requiredText(ctx.params, 'comment_id');
  const mediaId = requiredText(ctx.params, 'media_id');
  const text = message(ctx, IG_COMMENT_MAX);
  const mention = ctx.store.mediaComment(commentId);
  if (!mention || mention.mediaId !== mediaId || !mention.text.toLowerCase().includes(`@${target.value.username.toLowerCase()}`)) {
    throw invalidParameter(`The comment ${commentId} on media ${mediaId} does not mention this account`);
  }
  const reply = ctx.store.createMediaComment(mention.id, target.value.id, text);
  return { status: 200, body: { id: reply.id } };
}

/**
 * `DELETE /{comment-id}`: the Page moderates any comment on its posts (Facebook then sends a
 * `remove` change), and the account any comment on its media (Instagram sends nothing).
 */
export function deleteComment(target: GraphNode, ctx: ApiContext): ApiResult {
  if (target.kind === 'comment') {
    const removed = ctx.store.deleteComment(target.value.id);
    if (removed) ctx.announce(feedCommentEntry(ctx.store, removed, 'remove', ctx.now()));
    return { status: 200, body: { success: true } };
  }
  if (target.kind === 'mediaComment') {
    ctx.store.deleteMediaComment(target.value.id);
    return { status: 200, body: { success: true } };
  }
  throw unsupportedRequest('DELETE', nodeId(target, ctx));
}

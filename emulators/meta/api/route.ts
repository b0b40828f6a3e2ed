import { unknownPath, unsupportedRequest } from '../graph-errors.js';
import { commentAsPage, commentOnOwnMedia, deleteComment, replyOnInstagram, replyToMention } from './comments.js';
import type { ApiContext, ApiResult } from './context.js';
import { sendMessage } from './messages.js';
import { readEdge, readNode } from './read.js';
import { resolveNode } from './resolve.js';

/**
 * Graph paths are `/{id}` and `/{id}/{edge}` (the version prefix already removed); what an id is
 * decides what the path can do.
 */
export function routeGraphRequest(method: string, path: string, ctx: ApiContext): ApiResult {
  const segments = path.split('/').filter((s) => s.length > 0);
  const [id, edge, ...rest] = segments.map(decodeURIComponent);
  if (id === undefined) throw unsupportedRequest(method, '');
  if (rest.length > 0) throw unknownPath(`/${segments.slice(2).join('/')}`);
  const target = resolveNode(id, ctx);
  if (!target) throw unsupportedRequest(method, id);

  if (method === 'GET') return edge === undefined ? readNode(target, ctx) : readEdge(target, edge, ctx);
  if (method === 'DELETE' && edge === undefined) return deleteComment(target, ctx);
  if (method === 'POST' && edge !== undefined) {
    switch (target.kind) {
      case 'post':
      case 'comment':
        if (edge === 'comments') return commentAsPage(target, ctx);
        break;
      case 'mediaComment':
        if (edge === 'replies') return replyOnInstagram(target, ctx);
        break;
      case 'media':
        if (edge === 'comments') return commentOnOwnMedia(target, ctx);
        break;
      case 'instagramAccount':
        if (edge === 'mentions') return replyToMention(target, ctx);
        if (edge === 'messages') return sendMessage(target, ctx);
        break;
      case 'page':
        if (edge === 'messages') return sendMessage(target, ctx);
        break;
      default:
        break;
    }
  }
  throw unsupportedRequest(method, id);
}

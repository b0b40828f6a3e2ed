import { z } from 'zod';
import { POST, replyRefs, type StoredRecord } from '../store.js';
import { atIdentifier, atUri, booleanParam, integerParam, listParam, scalar } from '../validation.js';
import { feedViewPost, postView, threadView } from '../views.js';
import { invalidRequest } from '../xrpc.js';
import { actorOf, defineMethod, viewOf, type XrpcMethod } from './method.js';

/** getAuthorFeed's filters; media filters match nothing, as the emulator stores no media. */
function passesFilter(post: StoredRecord, did: string, filter: string): boolean {
  const reply = replyRefs(post.value);
  switch (filter) {
    case 'posts_no_replies':
      return reply === undefined;
    case 'posts_and_author_threads':
      return reply === undefined || reply.root.uri.startsWith(`at://${did}/`);
    case 'posts_with_media':
    case 'posts_with_video':
      return false;
    default:
      return true;
  }
}

export const feedMethods: XrpcMethod[] = [
  defineMethod({
    nsid: 'app.bsky.feed.getPostThread',
    type: 'query',
    auth: 'optional',
    params: {
      uri: scalar(atUri),
      depth: integerParam(0, 1000).optional(),
      parentHeight: integerParam(0, 1000).optional(),
    },
    handle(ctx) {
      const { uri, depth = 6, parentHeight = 80 } = ctx.params;
      const anchor = ctx.store.record(uri);
      if (!anchor || anchor.collection !== POST) throw invalidRequest(`Post not found: ${uri}`, 'NotFound');
      return { body: { thread: threadView(anchor, depth, parentHeight, viewOf(ctx)) } };
    },
    unindexed(ctx) {
      throw invalidRequest(`Post not found: ${ctx.params.uri}`, 'NotFound');
    },
  }),
  defineMethod({
    nsid: 'app.bsky.feed.getPosts',
    type: 'query',
    auth: 'optional',
    params: { uris: listParam(atUri, 25) },
    handle(ctx) {
      const view = viewOf(ctx);
      const posts = ctx.params.uris.flatMap((uri) => {
        const post = ctx.store.record(uri);
        return post?.collection === POST ? [postView(post, view)] : [];
      });
      return { body: { posts } };
    },
    unindexed: () => ({ body: { posts: [] } }),
  }),
  defineMethod({
    nsid: 'app.bsky.feed.getAuthorFeed',
    type: 'query',
    auth: 'optional',
    params: {
      actor: scalar(atIdentifier),
      limit: integerParam(1, 100).optional(),
      cursor: scalar(z.string()).optional(),
      filter: scalar(z.string()).optional(),
      includePins: booleanParam.optional(),
    },
    handle(ctx) {
      const { limit = 50, cursor, filter = 'posts_with_replies' } = ctx.params;
      const author = actorOf(ctx, ctx.params.actor);
      const view = viewOf(ctx);
      if (view.viewer !== undefined && ctx.store.blockOf(view.viewer, author.did)) {
        throw invalidRequest(`Requester has blocked actor: ${author.did}`, 'BlockedActor');
      }
      if (view.viewer !== undefined && ctx.store.blockOf(author.did, view.viewer)) {
        throw invalidRequest(`Requester is blocked by actor: ${author.did}`, 'BlockedByActor');
      }
      if (cursor !== undefined && !/^\d+$/.test(cursor)) throw invalidRequest('Malformed cursor');
      const page = ctx.store
        .recordsOf(POST, author.did)
        .filter((post) => passesFilter(post, author.did, filter))
        .filter((post) => cursor === undefined || post.seq < Number(cursor))
        .slice(0, limit);
      const last = page[page.length - 1];
      return { body: { feed: page.map((post) => feedViewPost(post, view)), ...(last ? { cursor: String(last.seq) } : {}) } };
    },
    unindexed: () => ({ body: { feed: [] } }),
  }),
];

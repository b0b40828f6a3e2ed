import { z } from 'zod';

// app.bsky / com.atproto views as Earshot reads them (lexicons shipped with @atproto/api).

const strongRefSchema = z.object({ uri: z.string().startsWith('at://'), cid: z.string() });

export const blueskyProfileSchema = z.object({
  did: z.string().startsWith('did:'),
  handle: z.string(),
  displayName: z.string().optional(),
  avatar: z.string().optional(),
  followersCount: z.number().optional(),
});

const facetSchema = z.object({
  index: z.object({ byteStart: z.number().int(), byteEnd: z.number().int() }),
  features: z.array(z.object({ $type: z.string() }).passthrough()),
});

/** The quoted post of an app.bsky.embed.record, or of the record part of app.bsky.embed.recordWithMedia. */
const embedSchema = z
  .object({
    $type: z.string(),
    record: z.object({ uri: z.string().optional(), record: strongRefSchema.optional() }).passthrough().optional(),
  })
  .passthrough();

export const blueskyPostRecordSchema = z
  .object({
    text: z.string(),
    createdAt: z.string(),
    facets: z.array(facetSchema).optional(),
    reply: z.object({ root: strongRefSchema, parent: strongRefSchema }).optional(),
    embed: embedSchema.optional(),
  })
  .passthrough();

export const blueskyNotificationSchema = z
  .object({
    uri: z.string().startsWith('at://'),
    cid: z.string(),
    author: blueskyProfileSchema,
    reason: z.string(),
    record: z.unknown(),
    indexedAt: z.string(),
  })
  .passthrough();

export const blueskyNotificationPageSchema = z.object({
  notifications: z.array(z.unknown()),
  cursor: z.string().optional(),
});

export const blueskyPostViewSchema = z
  .object({
    uri: z.string().startsWith('at://'),
    cid: z.string(),
    author: blueskyProfileSchema,
    record: z.unknown(),
    indexedAt: z.string(),
  })
  .passthrough();

export const blueskyFeedPageSchema = z.object({
  feed: z.array(z.object({ post: z.unknown(), reason: z.unknown().optional() }).passthrough()),
  cursor: z.string().optional(),
});

export const blueskyPostsSchema = z.object({ posts: z.array(z.unknown()) });

/** Just the URI of a post view: enough to know the post is still served, whatever else its view holds. */
export const blueskyServedPostSchema = z.object({ uri: blueskyPostViewSchema.shape.uri });

export const blueskyResolvedHandleSchema = z.object({ did: z.string().startsWith('did:') });

export type BlueskyProfile = z.infer<typeof blueskyProfileSchema>;
export type BlueskyPostRecord = z.infer<typeof blueskyPostRecordSchema>;
export type BlueskyPostView = z.infer<typeof blueskyPostViewSchema>;
export type BlueskyStrongRef = z.infer<typeof strongRefSchema>;

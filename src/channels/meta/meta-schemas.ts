import { z } from 'zod';

// Graph API objects as Earshot reads them (the fields it asks for; anything else is kept raw).

/** Graph's times: `2019-05-17T16:24:04+0000`. */
const graphTime = z.string().refine((value) => !Number.isNaN(Date.parse(value)), 'expected a Graph time');

export const graphListSchema = z.object({
  data: z.array(z.unknown()),
  paging: z
    .object({ next: z.string().optional(), cursors: z.object({ after: z.string().optional() }).partial().optional() })
    .partial()
    .optional(),
});

export const facebookPageSchema = z.object({ id: z.string(), name: z.string(), username: z.string().optional() });

export const facebookCommentSchema = z
  .object({
    id: z.string().min(1),
    message: z.string(),
    created_time: graphTime,
    from: z.object({ id: z.string().min(1), name: z.string() }),
    parent: z.object({ id: z.string().min(1) }).optional(),
  })
  .passthrough();

/** A post of the Page's feed with its comments expanded (`comments.filter(stream){…}`). */
export const facebookFeedPostSchema = z.object({ id: z.string(), comments: graphListSchema.optional() }).passthrough();

export const instagramAccountSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string().optional(),
  profile_picture_url: z.string().optional(),
  followers_count: z.number().optional(),
});

export const instagramCommentSchema = z
  .object({
    id: z.string().min(1),
    text: z.string(),
    timestamp: graphTime,
    from: z.object({ id: z.string().min(1), username: z.string() }),
    parent_id: z.string().min(1).optional(),
    replies: graphListSchema.optional(),
  })
  .passthrough();

/** A comment on someone else's media that @mentions the account, read through `mentioned_comment`. */
export const instagramMentionedCommentSchema = z
  .object({
    id: z.string().min(1),
    text: z.string(),
    timestamp: graphTime,
    media: z.object({ id: z.string().min(1), username: z.string().optional() }),
  })
  .passthrough();

export const instagramMediaSchema = z.object({ id: z.string(), comments: graphListSchema.optional() }).passthrough();

export const createdSchema = z.object({ id: z.string().min(1) });

export type FacebookComment = z.infer<typeof facebookCommentSchema>;
export type InstagramComment = z.infer<typeof instagramCommentSchema>;

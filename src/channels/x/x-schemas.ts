import { z } from 'zod';

// X API v2 response shapes, as far as Earshot reads them (tweet field names, as twitter-api-v2 uses).

export const xUserSchema = z.object({
  id: z.string(),
  username: z.string(),
  name: z.string().optional(),
  profile_image_url: z.string().optional(),
  public_metrics: z.object({ followers_count: z.number().optional() }).partial().optional(),
});

const urlEntitySchema = z.object({
  url: z.string(),
  expanded_url: z.string().optional(),
  display_url: z.string().optional(),
  media_key: z.string().optional(),
});

export const xTweetSchema = z.object({
  id: z.string().regex(/^\d+$/),
  text: z.string(),
  author_id: z.string().optional(),
  conversation_id: z.string().optional(),
  created_at: z.string().optional(),
  in_reply_to_user_id: z.string().optional(),
  referenced_tweets: z.array(z.object({ type: z.string(), id: z.string() })).optional(),
  entities: z
    .object({ urls: z.array(urlEntitySchema).optional() })
    .passthrough()
    .optional(),
  attachments: z
    .object({ media_keys: z.array(z.string()).optional() })
    .passthrough()
    .optional(),
});

export const xMediaSchema = z.object({
  media_key: z.string(),
  type: z.string().optional(),
  url: z.string().optional(),
  preview_image_url: z.string().optional(),
});

export const xTimelinePageSchema = z.object({
  data: z.array(z.unknown()).optional(),
  includes: z
    .object({
      users: z.array(z.unknown()).optional(),
      tweets: z.array(z.unknown()).optional(),
      media: z.array(z.unknown()).optional(),
    })
    .optional(),
  meta: z.object({
    result_count: z.number().optional(),
    newest_id: z.string().optional(),
    oldest_id: z.string().optional(),
    next_token: z.string().optional(),
  }),
});

export const xMeSchema = z.object({ data: xUserSchema });
export const xPostedTweetSchema = z.object({ data: z.object({ id: z.string(), text: z.string() }) });

export type XUser = z.infer<typeof xUserSchema>;
export type XTweet = z.infer<typeof xTweetSchema>;
export type XMedia = z.infer<typeof xMediaSchema>;

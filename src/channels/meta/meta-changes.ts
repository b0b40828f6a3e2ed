import { z } from 'zod';
import { metaNotificationSchema } from './meta-notification.js';
import type { FacebookComment, InstagramComment } from './meta-schemas.js';

/** A comment a notification announces: complete when the notification carried all of it, else only its id (read from Graph). */
export type MetaCommentChange =
  | { network: 'facebook'; ownerId: string; commentId: string; comment: FacebookComment | undefined }
  | { network: 'instagram'; ownerId: string; commentId: string; comment: InstagramComment | undefined }
  | { network: 'instagram-mention'; ownerId: string; commentId: string };

export interface ReadChanges {
  comments: MetaCommentChange[];
  /** Changes of a kind Earshot does not act on (reactions, edits, removals, other fields): counted, not read. */
  ignored: number;
  /** Where the notification differs from the shape Meta documents (paths and codes, never values). */
  problems: string[];
}

const id = z.union([z.string().min(1), z.number().int().nonnegative().transform(String)]);

// https://developers.facebook.com/docs/graph-api/webhooks/reference/page/#feed
const feedSchema = z.object({ item: z.string(), verb: z.string() }).passthrough();
const feedCommentSchema = z.object({
  comment_id: id,
  post_id: id,
  parent_id: id.optional(),
  from: z.object({ id, name: z.string() }).optional(),
  message: z.string().optional(),
  created_time: z.number().optional(),
});
// https://developers.facebook.com/docs/instagram-platform/webhooks/examples
const instagramCommentValueSchema = z.object({
  id,
  text: z.string().optional(),
  parent_id: id.optional(),
  from: z.object({ id, username: z.string() }).optional(),
});
const mentionSchema = z.object({ comment_id: id, media_id: id.optional() });

/** The comments a Meta notification (any JSON) announces; never throws: what cannot be read is listed in `problems`. */
export function readMetaChanges(body: unknown): ReadChanges {
  const read: ReadChanges = { comments: [], ignored: 0, problems: [] };
  const envelope = metaNotificationSchema.safeParse(body);
  if (!envelope.success) {
    read.problems.push(...envelope.error.issues.map(describeIssue));
    return read;
  }
  const { object } = envelope.data;
  for (const entry of envelope.data.entry) {
    // Messenger and Instagram direct messages are not bridged.
    read.ignored += entry.messaging?.length ?? 0;
    for (const change of entry.changes ?? []) {
      const problem = (issues: z.core.$ZodIssue[]) => read.problems.push(...issues.map((issue) => `${object}.${change.field}: ${describeIssue(issue)}`));
      if (object === 'page' && change.field === 'feed') {
        const feed = feedSchema.safeParse(change.value);
        if (!feed.success) problem(feed.error.issues);
        else if (feed.data.item !== 'comment' || feed.data.verb !== 'add') read.ignored += 1;
        else {
          const value = feedCommentSchema.safeParse(change.value);
          if (value.success)
            read.comments.push({ network: 'facebook', ownerId: entry.id, commentId: value.data.comment_id, comment: facebookComment(value.data, entry.time) });
          else problem(value.error.issues);
        }
      } else if (object === 'instagram' && change.field === 'comments') {
        const value = instagramCommentValueSchema.safeParse(change.value);
        if (value.success)
          read.comments.push({ network: 'instagram', ownerId: entry.id, commentId: value.data.id, comment: instagramComment(value.data, entry.time) });
        else problem(value.error.issues);
      } else if (object === 'instagram' && change.field === 'mentions') {
        const value = mentionSchema.safeParse(change.value);
        if (value.success) read.comments.push({ network: 'instagram-mention', ownerId: entry.id, commentId: value.data.comment_id });
        else problem(value.error.issues);
      } else read.ignored += 1;
    }
  }
  return read;
}

function facebookComment(value: z.infer<typeof feedCommentSchema>, entryTime: number): FacebookComment | undefined {
  if (value.from === undefined || value.message === undefined) return undefined;
  const isReply = value.parent_id !== undefined && value.parent_id !== value.post_id;
  return {
    id: value.comment_id,
    message: value.message,
    created_time: secondsToTime(value.created_time ?? entryTime),
    from: value.from,
    ...(isReply ? { parent: { id: value.parent_id! } } : {}),
  };
}

/** Instagram's `comments` change carries no time: the entry's is when Meta sent it. */
function instagramComment(value: z.infer<typeof instagramCommentValueSchema>, entryTime: number): InstagramComment | undefined {
  if (value.from === undefined || value.text === undefined) return undefined;
  return {
    id: value.id,
    text: value.text,
    timestamp: secondsToTime(entryTime),
    from: value.from,
    ...(value.parent_id !== undefined ? { parent_id: value.parent_id } : {}),
  };
}

/** Entry times are Unix seconds (milliseconds in `messaging` entries, which are not read here). */
function secondsToTime(value: number): string {
  const ms = value > 1e12 ? value : value * 1000;
  const date = new Date(ms);
  return Number.isNaN(date.getTime()) ? new Date(0).toISOString() : date.toISOString();
}

function describeIssue(issue: z.core.$ZodIssue): string {
  return `${issue.path.join('.') || '(body)'}: ${issue.code}`;
}

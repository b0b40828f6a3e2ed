import { z } from 'zod';

/**
 * The envelope of a Meta webhook notification: which object it is about (a Facebook Page or an
 * Instagram account) and its entries, each with `changes` (comments, mentions) or `messaging`
 * (Messenger and Instagram direct messages). What a change or message holds is the adapter's to read
 * (https://developers.facebook.com/docs/graph-api/webhooks/getting-started#event-notifications).
 */
export const metaNotificationSchema = z.object({
  object: z.enum(['page', 'instagram']),
  entry: z.array(
    z.object({
      id: z.string(),
      time: z.number(),
      changes: z.array(z.object({ field: z.string(), value: z.unknown() })).optional(),
      messaging: z.array(z.record(z.string(), z.unknown())).optional(),
    }),
  ),
});

export type MetaNotification = z.infer<typeof metaNotificationSchema>;

/** What a notification holds, in counts only (safe to log: no ids, names or words of customers). */
export function summariseMetaNotification(notification: MetaNotification): {
  object: string;
  entries: number;
  changes: Record<string, number>;
  messages: number;
} {
  const changes: Record<string, number> = {};
  let messages = 0;
  for (const entry of notification.entry) {
    for (const change of entry.changes ?? []) changes[change.field] = (changes[change.field] ?? 0) + 1;
    messages += entry.messaging?.length ?? 0;
  }
  return { object: notification.object, entries: notification.entry.length, changes, messages };
}

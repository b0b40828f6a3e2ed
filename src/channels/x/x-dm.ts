import { z } from 'zod';
import type { SocialDirectMessage, SocialUser } from '../social-channel.js';

// X API v2 direct-message shapes, as far as Earshot reads them.

export const xDmEventSchema = z.object({
  id: z.string().regex(/^\d+$/),
  event_type: z.string(),
  text: z.string().optional(),
  sender_id: z.string().optional(),
  dm_conversation_id: z.string().optional(),
  created_at: z.string().optional(),
  participant_ids: z.array(z.string()).optional(),
});

export const xDmEventsPageSchema = z.object({
  data: z.array(z.unknown()).optional(),
  includes: z
    .object({ users: z.array(z.unknown()).optional() })
    .passthrough()
    .optional(),
  meta: z
    .object({
      result_count: z.number().optional(),
      next_token: z.string().optional(),
      previous_token: z.string().optional(),
    })
    .optional(),
});

/** POST /2/dm_conversations/with/:participant_id/messages (twitter-api-v2 types this wrongly). */
export const xSentDmSchema = z.object({
  data: z.object({ dm_conversation_id: z.string().min(1), dm_event_id: z.string().regex(/^\d+$/) }),
});

export type XDmEvent = z.infer<typeof xDmEventSchema>;

export const dmEventQuery = {
  max_results: 100,
  event_types: 'MessageCreate',
  'dm_event.fields': 'id,event_type,text,sender_id,dm_conversation_id,created_at,participant_ids',
  expansions: 'sender_id',
  'user.fields': 'username,name,profile_image_url,public_metrics',
};

export type DmEventReading =
  | { kind: 'message'; message: SocialDirectMessage }
  /** Not something Earshot mirrors (a participant joined, a group conversation); not an error. */
  | { kind: 'ignored'; reason: string }
  | { kind: 'rejected'; problem: string };

/**
 * The other person in a one-to-one DM conversation. X names those conversations
 * "smallerId-largerId"; group conversations have a single opaque id and are not mirrored.
 */
export function otherParticipant(dmConversationId: string, accountId: string): string | undefined {
  const ids = dmConversationId.split('-');
  if (ids.length !== 2 || !ids.every((id) => /^\d+$/.test(id)) || !ids.includes(accountId)) return undefined;
  const [first, second] = ids as [string, string];
  if (first === second) return undefined;
  return first === accountId ? second : first;
}

/** Reads one item of X's DM event list, as the watched account (`accountId`) sees it. */
export function readDmEvent(raw: unknown, users: readonly SocialUser[], accountId: string): DmEventReading {
  const parsed = xDmEventSchema.safeParse(raw);
  if (!parsed.success) return { kind: 'rejected', problem: parsed.error.message };
  const event = parsed.data;
  if (event.event_type !== 'MessageCreate') return { kind: 'ignored', reason: `event type ${event.event_type}` };
  if (event.text === undefined) return { kind: 'rejected', problem: 'MessageCreate event without text' };
  if (!event.sender_id) return { kind: 'rejected', problem: 'MessageCreate event without sender_id' };
  if (!event.dm_conversation_id) return { kind: 'rejected', problem: 'MessageCreate event without dm_conversation_id' };
  const participantId = otherParticipant(event.dm_conversation_id, accountId);
  if (!participantId) return { kind: 'ignored', reason: 'not a one-to-one conversation with the account' };
  const fromAccount = event.sender_id === accountId;
  if (!fromAccount && event.sender_id !== participantId) return { kind: 'rejected', problem: 'sender is not a participant of the conversation' };
  const createdAt = event.created_at ? new Date(event.created_at) : new Date();
  if (Number.isNaN(createdAt.getTime())) return { kind: 'rejected', problem: `created_at is not a date: ${event.created_at}` };
  const participant = users.find((user) => user.id === participantId);
  return {
    kind: 'message',
    message: {
      id: event.id,
      dmConversationId: event.dm_conversation_id,
      senderId: event.sender_id,
      participantId,
      ...(participant ? { participant } : {}),
      fromAccount,
      text: event.text,
      createdAt,
      raw,
    },
  };
}

/** Compares X's numeric ids (snowflakes, too large for numbers). */
export function compareIds(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

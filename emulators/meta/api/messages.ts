import { invalidParameter, noMatchingUser, outsideMessagingWindow } from '../graph-errors.js';
import type { GraphNode } from '../node-types.js';
import type { MessageChannel } from '../store.js';
import { messagingEntry } from '../webhooks/payloads.js';
import { objectParam, requiredText, textParam, type ApiContext, type ApiResult } from './context.js';

const HOUR_MS = 3600_000;
/** The standard messaging window. */
const STANDARD_WINDOW_MS = 24 * HOUR_MS;
/** The `HUMAN_AGENT` tag lets a person answer for 7 days after the customer's last message. */
const HUMAN_AGENT_WINDOW_MS = 7 * 24 * HOUR_MS;
/** Tags Messenger accepts outside the window for non-promotional updates. */
const UPDATE_TAGS = ['ACCOUNT_UPDATE', 'CONFIRMED_EVENT_UPDATE', 'POST_PURCHASE_UPDATE'];
const MESSAGING_TYPES = ['RESPONSE', 'UPDATE', 'MESSAGE_TAG'];
const TEXT_LIMIT = { messenger: 2000, instagram: 1000 } as const;

/** How long after the customer's last message this send is allowed; Infinity when no window applies. */
function allowedWindow(channel: MessageChannel, messagingType: string, tag: string | undefined): number {
  if (messagingType !== 'MESSAGE_TAG') return STANDARD_WINDOW_MS;
  if (tag === undefined) throw invalidParameter('The parameter tag is required for messaging_type MESSAGE_TAG');
  if (tag === 'HUMAN_AGENT') return HUMAN_AGENT_WINDOW_MS;
  if (channel === 'messenger' && UPDATE_TAGS.includes(tag)) return Infinity;
  throw invalidParameter(`Param tag must be one of {${['HUMAN_AGENT', ...(channel === 'messenger' ? UPDATE_TAGS : [])].join(', ')}} - got "${tag}"`);
}

/** The conversation a recipient id names from this endpoint: a PSID (Page only) or an Instagram-scoped id. */
function recipientChannel(target: GraphNode, recipientId: string, ctx: ApiContext): MessageChannel {
  const onPage = target.kind === 'page';
  if (onPage && ctx.store.allFacebookUsers().some((u) => u.psid === recipientId)) return 'messenger';
  if (ctx.store.allInstagramUsers().some((u) => u.id === recipientId)) return 'instagram';
  throw noMatchingUser(onPage ? 'messenger' : 'instagram');
}

/**
 * The Send API (https://developers.facebook.com/docs/messenger-platform/reference/send-api):
 * `POST /{page-id}/messages` or `/me/messages` with `recipient{id}`, `messaging_type` and
 * `message{text}`, answering `{recipient_id, message_id}`. The recipient is a Messenger PSID or an
 * Instagram-scoped id (Instagram messaging through the Page, or `/{ig-user-id}/messages` with an
 * Instagram token). Outside the window the message type allows: code 10, subcode 2018278
 * (Messenger) or 2534022 (Instagram).
 */
export function sendMessage(target: GraphNode & { kind: 'page' | 'instagramAccount' }, ctx: ApiContext): ApiResult {
  const recipient = objectParam(ctx.params, 'recipient');
  if (!recipient) throw invalidParameter('The parameter recipient is required');
  const recipientId = typeof recipient.id === 'string' ? recipient.id : undefined;
  if (recipientId === undefined) throw invalidParameter('param recipient must contain an id');
  const messagingType = requiredText(ctx.params, 'messaging_type');
  if (!MESSAGING_TYPES.includes(messagingType)) {
    throw invalidParameter(`Param messaging_type must be one of {${MESSAGING_TYPES.join(', ')}} - got "${messagingType}"`);
  }
  const message = objectParam(ctx.params, 'message');
  const text = typeof message?.text === 'string' ? message.text : undefined;
  if (text === undefined || text.length === 0) throw invalidParameter('param message must be non-empty and contain text');
  const channel = recipientChannel(target, recipientId, ctx);
  const size = channel === 'instagram' ? Buffer.byteLength(text) : text.length;
  if (size > TEXT_LIMIT[channel]) throw invalidParameter(`Length of param message[text] must be less than or equal to ${TEXT_LIMIT[channel]}`);
  const window = allowedWindow(channel, messagingType, textParam(ctx.params, 'tag'));
  const lastInbound = ctx.store.lastInboundAt(channel, recipientId);
  if (lastInbound === undefined || ctx.now() - lastInbound > window) throw outsideMessagingWindow(channel);
  const sent = ctx.store.addMessage(channel, recipientId, 'outbound', text);
  if (channel === 'instagram') ctx.announce(messagingEntry(ctx.store, sent, ctx.now()));
  return { status: 200, body: { recipient_id: recipientId, message_id: sent.mid } };
}

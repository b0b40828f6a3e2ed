import { botMessage, messageContent, permalink, requireBotMember, resolveConversation, storeBotMessage, threadParentTs } from '../messages.js';
import type { JsonObject, SlackMessage } from '../types.js';
import { SlackApiError } from './errors.js';
import type { Params } from './params.js';
import type { MethodTable } from './router.js';

/** Message metadata: { event_type, event_payload }, refused with invalid_metadata_format otherwise. */
function metadataOf(params: Params): JsonObject | undefined {
  const metadata = params.jsonObject('metadata', 'invalid_metadata_format');
  if (metadata === undefined) return undefined;
  if (typeof metadata.event_type !== 'string' || typeof metadata.event_payload !== 'object' || metadata.event_payload === null) {
    throw new SlackApiError('invalid_metadata_schema');
  }
  return metadata as JsonObject;
}

function contentParams(params: Params): { text?: unknown; blocks?: unknown; attachments?: unknown } {
  return {
    text: params.string('text'),
    blocks: params.json('blocks', 'invalid_blocks_format'),
    attachments: params.json('attachments', 'invalid_attachments'),
  };
}

function withoutThreadSummary(message: SlackMessage): SlackMessage {
  const { reply_count, reply_users, reply_users_count, latest_reply, ...rest } = message;
  return rest;
}

export const chatMethods: MethodTable = {
  'chat.postMessage': {
    token: 'bot',
    required: { channel: 'channel_not_found' },
    rateScope: (params) => params.string('channel') ?? '',
    run: ({ core, params }) => {
      const channel = resolveConversation(core, params.requireString('channel'), true);
      requireBotMember(core, channel);
      const content = messageContent(core, contentParams(params));
      const metadata = metadataOf(params);
      const threadTs = params.string('thread_ts');
      const parentTs = threadTs === undefined ? undefined : threadParentTs(core, channel, threadTs);
      const broadcast = parentTs !== undefined && params.boolean('reply_broadcast');
      const message = botMessage(core, content, {
        ...(parentTs !== undefined ? { thread_ts: parentTs } : {}),
        ...(broadcast ? { subtype: 'thread_broadcast' } : {}),
        ...(metadata ? { metadata } : {}),
        ...(params.has('unfurl_links') ? { unfurl_links: params.boolean('unfurl_links') } : {}),
        ...(params.has('unfurl_media') ? { unfurl_media: params.boolean('unfurl_media') } : {}),
      });
      const stored = storeBotMessage(core, channel, message);
      return { ok: true, channel: channel.id, ts: stored.ts, message: withoutThreadSummary(stored) as unknown as JsonObject };
    },
  },

  'chat.update': {
    token: 'bot',
    required: { channel: 'channel_not_found', ts: 'message_not_found' },
    run: ({ core, params }) => {
      const channel = resolveConversation(core, params.requireString('channel'), false);
      const message = core.state.findMessage(channel.id, params.requireString('ts'));
      if (!message) throw new SlackApiError('message_not_found');
      if (message.bot_id !== core.app.botId) throw new SlackApiError('cant_update_message');
      const given = contentParams(params);
      const content = messageContent(core, given, false);
      if (given.text === undefined && content.blocks === undefined && content.attachments === undefined) throw new SlackApiError('no_text');
      const metadata = metadataOf(params);
      const previous = structuredClone(message);
      core.state.recordRevision(channel.id, previous, core.clock.next());
      if (given.text !== undefined) message.text = content.text;
      if (given.blocks !== undefined) {
        if (content.blocks) message.blocks = content.blocks;
        else delete message.blocks;
      }
      if (given.attachments !== undefined) {
        if (content.attachments) message.attachments = content.attachments;
        else delete message.attachments;
      }
      if (metadata) message.metadata = metadata;
      message.edited = { user: core.app.botUserId, ts: core.clock.next() };
      core.events.inBackground(core.events.messageChanged(channel, previous, structuredClone(message), core.clock.next()));
      const { ts, thread_ts, reply_count, reply_users, reply_users_count, latest_reply, parent_user_id, ...shown } = message;
      return { ok: true, channel: channel.id, ts, text: message.text, message: shown as unknown as JsonObject };
    },
  },

  'chat.postEphemeral': {
    token: 'bot',
    required: { channel: 'channel_not_found', user: 'invalid_arguments' },
    run: ({ core, params }) => {
      const channel = resolveConversation(core, params.requireString('channel'), false);
      const user = core.state.users.get(params.requireString('user'));
      if (!user) throw new SlackApiError('user_not_found');
      requireBotMember(core, channel);
      if (!channel.members.has(user.id)) throw new SlackApiError('user_not_in_channel');
      const content = messageContent(core, contentParams(params));
      const threadTs = params.string('thread_ts');
      const ts = core.clock.next();
      core.state.addEphemeral({
        channel: channel.id,
        user: user.id,
        ts,
        text: content.text,
        ...(content.blocks ? { blocks: content.blocks } : {}),
        ...(threadTs !== undefined ? { thread_ts: threadTs } : {}),
        source: 'chat.postEphemeral',
      });
      return { ok: true, message_ts: ts };
    },
  },

  'chat.getPermalink': {
    token: 'bot',
    required: { channel: 'channel_not_found', message_ts: 'message_not_found' },
    run: ({ core, params }) => {
      const channel = resolveConversation(core, params.requireString('channel'), false);
      const message = core.state.findMessage(channel.id, params.requireString('message_ts'));
      if (!message) throw new SlackApiError('message_not_found');
      return { ok: true, channel: channel.id, permalink: permalink(core, channel.id, message) };
    },
  },
};

import { validateBlocks } from './block-kit/blocks.js';
import { isObject } from './block-kit/checks.js';
import { normalizeBlocks } from './block-kit/normalize.js';
import type { EmulatorCore } from './core.js';
import { nowSeconds } from './ids.js';
import { jsonText, type ChannelRecord, type JsonObject, type SlackMessage } from './types.js';
import { SlackApiError, invalidBlocks } from './web-api/errors.js';

/** Slack cuts message text at 40,000 characters and refuses longer text with msg_too_long. */
export const MAX_TEXT = 40_000;

export interface MessageContent {
  text: string;
  blocks?: JsonObject[];
  attachments?: JsonObject[];
}

/**
 * Checks and normalises text/blocks/attachments the way chat.postMessage, chat.update and
 * response_url posts do: invalid_blocks_format, invalid_blocks, msg_too_long, no_text.
 */
export function messageContent(
  core: EmulatorCore,
  input: { text?: unknown; blocks?: unknown; attachments?: unknown },
  requireSomething = true,
): MessageContent {
  let blocks: unknown = input.blocks;
  if (typeof blocks === 'string') {
    try {
      blocks = JSON.parse(blocks) as unknown;
    } catch {
      throw new SlackApiError('invalid_blocks_format');
    }
  }
  if (blocks !== undefined && blocks !== null && !Array.isArray(blocks)) throw new SlackApiError('invalid_blocks_format');
  const problems = Array.isArray(blocks) ? validateBlocks(blocks, 'message') : [];
  if (problems.length > 0) throw invalidBlocks(problems);
  let attachments: unknown = input.attachments;
  if (typeof attachments === 'string') {
    try {
      attachments = JSON.parse(attachments) as unknown;
    } catch {
      throw new SlackApiError('invalid_attachments');
    }
  }
  if (attachments !== undefined && attachments !== null && (!Array.isArray(attachments) || !attachments.every(isObject))) {
    throw new SlackApiError('invalid_attachments');
  }
  const text = typeof input.text === 'string' ? input.text : input.text === undefined || input.text === null ? '' : jsonText(input.text);
  if (text.length > MAX_TEXT) throw new SlackApiError('msg_too_long');
  const blockList = Array.isArray(blocks) && blocks.length > 0 ? normalizeBlocks(blocks as JsonObject[], () => core.ids.sequence()) : undefined;
  const attachmentList = Array.isArray(attachments) && attachments.length > 0 ? (attachments as JsonObject[]) : undefined;
  if (requireSomething && text === '' && !blockList && !attachmentList) throw new SlackApiError('no_text');
  return { text, ...(blockList ? { blocks: blockList } : {}), ...(attachmentList ? { attachments: attachmentList } : {}) };
}

export function botProfile(core: EmulatorCore): JsonObject {
  const { app, state } = core;
  const icon = (size: number): string => `https://avatars.slack-edge.com/emulator/${app.botId}_${size}.png`;
  return {
    id: app.botId,
    app_id: app.appId,
    name: app.appName,
    icons: { image_36: icon(36), image_48: icon(48), image_72: icon(72) },
    deleted: false,
    updated: nowSeconds(),
    team_id: state.team.id,
  };
}

export function botMessage(core: EmulatorCore, content: MessageContent, extra: Partial<SlackMessage> = {}): SlackMessage {
  return {
    user: core.app.botUserId,
    type: 'message',
    ts: core.clock.next(),
    bot_id: core.app.botId,
    app_id: core.app.appId,
    text: content.text,
    team: core.state.team.id,
    bot_profile: botProfile(core),
    ...(content.blocks ? { blocks: content.blocks } : {}),
    ...(content.attachments ? { attachments: content.attachments } : {}),
    ...extra,
  };
}

/**
 * Channel argument as Slack accepts it: a conversation id, "#name"/"name", or (for posting) a
 * user id, which means the app's DM with that user.
 */
export function resolveConversation(core: EmulatorCore, value: string, allowUserId: boolean): ChannelRecord {
  const channel = core.state.findChannel(value);
  if (channel) return channel;
  if (allowUserId && core.state.users.has(value)) return imChannel(core, value).channel;
  throw new SlackApiError('channel_not_found');
}

/** The DM between the app's bot user and a person, created on first use. */
export function imChannel(core: EmulatorCore, userId: string): { channel: ChannelRecord; existed: boolean } {
  const existing = core.state.imChannelFor(userId);
  if (existing) return { channel: existing, existed: true };
  const channel: ChannelRecord = {
    id: core.ids.next('D'),
    name: '',
    kind: 'im',
    created: nowSeconds(),
    creator: core.app.botUserId,
    isGeneral: false,
    members: new Set([userId, core.app.botUserId]),
    topic: '',
    purpose: '',
    imUser: userId,
  };
  core.state.channelsById.set(channel.id, channel);
  return { channel, existed: false };
}

export function requireBotMember(core: EmulatorCore, channel: ChannelRecord): void {
  if (!channel.members.has(core.app.botUserId)) {
    throw new SlackApiError(channel.kind === 'public' ? 'not_in_channel' : 'channel_not_found');
  }
}

/** A reply to a reply belongs to the parent's thread, as in Slack. */
export function threadParentTs(core: EmulatorCore, channel: ChannelRecord, threadTs: string): string {
  const anchor = core.state.findMessage(channel.id, threadTs);
  if (!anchor) throw new SlackApiError('thread_not_found');
  return anchor.thread_ts ?? anchor.ts;
}

/** Stores a message from the app and echoes the `message` event the way Slack does for bot posts. */
export function storeBotMessage(core: EmulatorCore, channel: ChannelRecord, message: SlackMessage): SlackMessage {
  core.state.addMessage(channel.id, message);
  core.events.inBackground(core.events.messagePosted(channel, structuredClone(message)));
  return structuredClone(message);
}

export function permalink(core: EmulatorCore, channelId: string, message: SlackMessage): string {
  const base = `https://${core.state.team.domain}.slack.com/archives/${channelId}/p${message.ts.replace('.', '')}`;
  return message.thread_ts !== undefined && message.thread_ts !== message.ts ? `${base}?thread_ts=${message.thread_ts}&cid=${channelId}` : base;
}

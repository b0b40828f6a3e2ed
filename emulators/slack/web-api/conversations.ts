import type { EmulatorCore } from '../core.js';
import { imChannel, requireBotMember, resolveConversation } from '../messages.js';
import { nowSeconds } from '../ids.js';
import type { ChannelRecord, JsonObject, SlackMessage } from '../types.js';
import { SlackApiError } from './errors.js';
import { channelObject } from './objects.js';
import type { Params } from './params.js';
import type { MethodTable } from './router.js';

const MAX_LIMIT = 999;
const MEMBERS_DEFAULT_LIMIT = 100;
const MEMBERS_MAX_LIMIT = 1000;

function cursorTs(params: Params): string | undefined {
  const cursor = params.string('cursor');
  if (cursor === undefined) return undefined;
  const decoded = Buffer.from(cursor, 'base64').toString('utf8');
  if (!decoded.startsWith('next_ts:')) throw new SlackApiError('invalid_cursor');
  return decoded.slice('next_ts:'.length);
}

function nextCursor(ts: string): string {
  return Buffer.from(`next_ts:${ts}`).toString('base64');
}

/** Messages as history/replies show them: metadata only on request. */
function shown(message: SlackMessage, params: Params): JsonObject {
  const copy = structuredClone(message);
  if (!params.boolean('include_all_metadata')) delete copy.metadata;
  return copy as unknown as JsonObject;
}

/** oldest/latest/inclusive window on Slack's string timestamps (compared numerically). */
function inWindow(ts: string, params: Params): boolean {
  const value = Number(ts);
  const inclusive = params.boolean('inclusive');
  const oldest = params.string('oldest');
  const latest = params.string('latest');
  if (oldest !== undefined && (inclusive ? value < Number(oldest) : value <= Number(oldest))) return false;
  if (latest !== undefined && (inclusive ? value > Number(latest) : value >= Number(latest))) return false;
  return true;
}

function page(list: SlackMessage[], params: Params, newestFirst: boolean): { items: SlackMessage[]; next?: string } {
  const limit = Math.min(Math.max(params.integer('limit', newestFirst ? 100 : 1000), 1), MAX_LIMIT);
  const after = cursorTs(params);
  const startIndex =
    after === undefined
      ? 0
      : Math.max(
          0,
          list.findIndex((m) => m.ts === after),
        );
  const items = list.slice(startIndex, startIndex + limit);
  const next = list[startIndex + limit];
  return { items, ...(next ? { next: next.ts } : {}) };
}

function readable(core: EmulatorCore, params: Params): ChannelRecord {
  const channel = resolveConversation(core, params.requireString('channel'), false);
  requireBotMember(core, channel);
  return channel;
}

/** Slack's member cursors are base64 of `{user_id: U…}` (the spec's example decodes to that). */
function memberCursor(userId: string): string {
  return Buffer.from(`{user_id: ${userId}}`).toString('base64');
}

function memberAfterCursor(params: Params): string | undefined {
  const cursor = params.string('cursor');
  if (cursor === undefined || cursor === '') return undefined;
  const match = /^\{user_id: ([A-Z0-9]+)\}$/.exec(Buffer.from(cursor, 'base64').toString('utf8'));
  if (!match) throw new SlackApiError('invalid_cursor');
  return match[1];
}

export const conversationsMethods: MethodTable = {
  'conversations.members': {
    token: 'bot',
    required: { channel: 'channel_not_found' },
    run: ({ core, params }) => {
      const channel = resolveConversation(core, params.requireString('channel'), false);
      // Like conversations.info: a public channel's members are readable without joining it.
      if (channel.kind !== 'public' && !channel.members.has(core.app.botUserId)) throw new SlackApiError('channel_not_found');
      const limit = params.integer('limit', MEMBERS_DEFAULT_LIMIT);
      if (limit < 1) throw new SlackApiError('invalid_limit');
      const members = [...channel.members].sort();
      const after = memberAfterCursor(params);
      const start = after === undefined ? 0 : members.indexOf(after);
      if (start < 0) throw new SlackApiError('invalid_cursor');
      const items = members.slice(start, start + Math.min(limit, MEMBERS_MAX_LIMIT));
      const next = members[start + items.length];
      return { ok: true, members: items, response_metadata: { next_cursor: next === undefined ? '' : memberCursor(next) } };
    },
  },

  'conversations.info': {
    token: 'bot',
    required: { channel: 'channel_not_found' },
    run: ({ core, params }) => {
      const channel = resolveConversation(core, params.requireString('channel'), false);
      if (channel.kind !== 'public' && !channel.members.has(core.app.botUserId)) throw new SlackApiError('channel_not_found');
      return {
        ok: true,
        channel: channelObject(core, channel, { numMembers: params.boolean('include_num_members'), locale: params.boolean('include_locale') }),
      };
    },
  },

  'conversations.history': {
    token: 'bot',
    required: { channel: 'channel_not_found' },
    run: ({ core, params }) => {
      const channel = readable(core, params);
      const visible = core.state
        .channelMessages(channel.id)
        .filter((m) => (m.thread_ts === undefined || m.thread_ts === m.ts || m.subtype === 'thread_broadcast') && inWindow(m.ts, params))
        .reverse();
      const { items, next } = page(visible, params, true);
      return {
        ok: true,
        messages: items.map((m) => shown(m, params)),
        has_more: next !== undefined,
        pin_count: 0,
        channel_actions_ts: null,
        channel_actions_count: 0,
        response_metadata: { next_cursor: next === undefined ? '' : nextCursor(next) },
      };
    },
  },

  'conversations.replies': {
    token: 'bot',
    required: { channel: 'channel_not_found', ts: 'thread_not_found' },
    run: ({ core, params }) => {
      const channel = readable(core, params);
      const thread = core.state.threadOf(channel.id, params.requireString('ts'));
      if (thread.length === 0) throw new SlackApiError('thread_not_found');
      const [parent, ...replies] = thread;
      const { items, next } = page([parent as SlackMessage, ...replies.filter((m) => inWindow(m.ts, params))], params, false);
      return {
        ok: true,
        messages: items.map((m) => shown(m, params)),
        has_more: next !== undefined,
        response_metadata: { next_cursor: next === undefined ? '' : nextCursor(next) },
      };
    },
  },

  'conversations.join': {
    token: 'bot',
    required: { channel: 'channel_not_found' },
    run: ({ core, params }) => {
      const channel = resolveConversation(core, params.requireString('channel'), false);
      if (channel.kind !== 'public') throw new SlackApiError('method_not_supported_for_channel_type');
      const already = channel.members.has(core.app.botUserId);
      channel.members.add(core.app.botUserId);
      return {
        ok: true,
        channel: channelObject(core, channel),
        ...(already ? { warning: 'already_in_channel', response_metadata: { warnings: ['already_in_channel'] } } : {}),
      };
    },
  },

  'conversations.open': {
    token: 'bot',
    run: ({ core, params }) => {
      const existing = params.string('channel');
      if (existing !== undefined) {
        const channel = resolveConversation(core, existing, false);
        return { ok: true, channel: params.boolean('return_im') ? channelObject(core, channel) : { id: channel.id } };
      }
      const userIds = params.list('users');
      if (userIds.length === 0) throw new SlackApiError('users_list_not_supplied');
      if (userIds.length > 8) throw new SlackApiError('too_many_users');
      for (const id of userIds) if (!core.state.users.has(id)) throw new SlackApiError('user_not_found');
      if (userIds.length === 1) {
        const { channel, existed } = imChannel(core, userIds[0] as string);
        return {
          ok: true,
          ...(existed ? { no_op: true, already_open: true } : {}),
          channel: params.boolean('return_im') ? channelObject(core, channel) : { id: channel.id },
        };
      }
      const members = new Set([...userIds, core.app.botUserId]);
      const names = [...members].map((id) => core.state.requireUser(id).name);
      const channel: ChannelRecord = {
        id: core.ids.next('G'),
        name: `mpdm-${names.join('--')}-1`,
        kind: 'mpim',
        created: nowSeconds(),
        creator: core.app.botUserId,
        isGeneral: false,
        members,
        topic: '',
        purpose: '',
      };
      core.state.channelsById.set(channel.id, channel);
      return { ok: true, channel: params.boolean('return_im') ? channelObject(core, channel) : { id: channel.id } };
    },
  },
};

import type { EmulatorCore } from './core.js';
import { randomSecret } from './ids.js';
import { botMessage, messageContent, storeBotMessage } from './messages.js';
import { jsonText, type JsonObject } from './types.js';
import { SlackApiError } from './web-api/errors.js';

export const RESPONSE_URL_PREFIXES = ['/actions/', '/commands/'] as const;

interface Issued {
  kind: 'actions' | 'commands';
  channelId: string;
  userId: string;
  /** The message the interaction came from (block_actions, message shortcuts). */
  messageTs?: string;
  /** The message only the user sees that the interaction came from. */
  ephemeralTs?: string;
  threadTs?: string;
  expiresAt: number;
  uses: number;
}

export interface ResponseUrlAnswer {
  status: number;
  body: JsonObject;
}

/**
 * response_url hooks: like Slack's, each takes a limited number of posts within a limited time and
 * can answer ephemerally, in the channel, or replace/delete the message the interaction came from.
 */
export class ResponseUrlRegistry {
  private readonly issued = new Map<string, Issued>();

  constructor(private readonly limits: { ttlMs: number; maxUses: number }) {}

  issue(
    core: EmulatorCore,
    kind: Issued['kind'],
    target: { channelId: string; userId: string; messageTs?: string; ephemeralTs?: string; threadTs?: string },
  ): string {
    const path = `/${kind}/${core.state.team.id}/${1_000_000_000 + core.ids.sequence()}/${randomSecret(12)}`;
    this.issued.set(path, { kind, ...target, expiresAt: Date.now() + this.limits.ttlMs, uses: 0 });
    return `${core.baseUrl()}${path}`;
  }

  handle(core: EmulatorCore, path: string, body: unknown): ResponseUrlAnswer {
    const answer = this.apply(core, path, body);
    core.state.recordResponseUrlPost({
      url: `${core.baseUrl()}${path}`,
      receivedAt: Date.now(),
      body: (typeof body === 'object' && body !== null ? body : { raw: String(body) }) as JsonObject,
      status: answer.status,
      ...(answer.body.ok === false ? { error: jsonText(answer.body.error) } : {}),
    });
    return answer;
  }

  private apply(core: EmulatorCore, path: string, body: unknown): ResponseUrlAnswer {
    const entry = this.issued.get(path);
    if (!entry) return { status: 404, body: { ok: false, error: 'invalid_token' } };
    if (Date.now() > entry.expiresAt) return { status: 404, body: { ok: false, error: 'expired_url' } };
    if (entry.uses >= this.limits.maxUses) return { status: 404, body: { ok: false, error: 'used_url' } };
    if (typeof body !== 'object' || body === null || Array.isArray(body)) return { status: 400, body: { ok: false, error: 'invalid_payload' } };
    entry.uses += 1;
    try {
      this.effect(core, entry, body as Record<string, unknown>);
      return { status: 200, body: { ok: true } };
    } catch (error) {
      if (error instanceof SlackApiError) return { status: 400, body: { ok: false, error: error.error, ...error.extra } };
      throw error;
    }
  }

  private effect(core: EmulatorCore, entry: Issued, body: Record<string, unknown>): void {
    const channel = core.state.channelsById.get(entry.channelId);
    if (!channel) throw new SlackApiError('channel_not_found');
    const original = entry.messageTs === undefined ? undefined : core.state.findMessage(channel.id, entry.messageTs);
    const ephemeral = entry.ephemeralTs === undefined ? undefined : core.state.findEphemeral(entry.userId, entry.ephemeralTs);
    if (ephemeral && (body.delete_original === true || body.replace_original === true)) {
      core.state.removeEphemeral(ephemeral);
      if (body.delete_original === true) return;
      const content = messageContent(core, { text: body.text, blocks: body.blocks, attachments: body.attachments });
      core.state.addEphemeral({
        channel: ephemeral.channel,
        user: ephemeral.user,
        ts: core.clock.next(),
        text: content.text,
        ...(content.blocks ? { blocks: content.blocks } : {}),
        ...(ephemeral.thread_ts !== undefined ? { thread_ts: ephemeral.thread_ts } : {}),
        source: 'response_url',
      });
      return;
    }
    if (body.delete_original === true) {
      if (!original) throw new SlackApiError('message_not_found');
      core.state.removeMessage(channel.id, original.ts);
      return;
    }
    const content = messageContent(core, { text: body.text, blocks: body.blocks, attachments: body.attachments });
    const threadTs = typeof body.thread_ts === 'string' ? body.thread_ts : entry.threadTs;
    if (body.replace_original === true) {
      if (!original) throw new SlackApiError('message_not_found');
      const previous = structuredClone(original);
      core.state.recordRevision(channel.id, previous, core.clock.next());
      original.text = content.text;
      if (content.blocks) original.blocks = content.blocks;
      else delete original.blocks;
      original.edited = { user: core.app.botUserId, ts: core.clock.next() };
      core.events.inBackground(core.events.messageChanged(channel, previous, structuredClone(original), core.clock.next()));
      return;
    }
    if (body.response_type === 'in_channel') {
      storeBotMessage(core, channel, botMessage(core, content, threadTs !== undefined ? { thread_ts: threadTs } : {}));
      return;
    }
    core.state.addEphemeral({
      channel: channel.id,
      user: entry.userId,
      ts: core.clock.next(),
      text: content.text,
      ...(content.blocks ? { blocks: content.blocks } : {}),
      ...(threadTs !== undefined ? { thread_ts: threadTs } : {}),
      source: 'response_url',
    });
  }
}

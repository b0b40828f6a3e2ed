import type { EmulatorSecrets } from './core.js';
import type { DeliveryOutcome, EnvelopeType, Transport } from './delivery/transport.js';
import type { IdFactory } from './ids.js';
import { nowSeconds } from './ids.js';
import type { SlackState } from './state.js';
import { jsonText, type ChannelKind, type ChannelRecord, type JsonObject, type SlackMessage } from './types.js';
import type { AppIdentity } from './workspace.js';

const MESSAGE_SUBSCRIPTION: Record<ChannelKind, string> = {
  public: 'message.channels',
  private: 'message.groups',
  im: 'message.im',
  mpim: 'message.mpim',
};

const CHANNEL_TYPE: Record<ChannelKind, string> = { public: 'channel', private: 'group', im: 'im', mpim: 'mpim' };

export interface DeliverOptions {
  signingSecret?: string;
}

export interface MessageDeliveries {
  message: DeliveryOutcome | null;
  mention: DeliveryOutcome | null;
}

/** The `message` event Slack builds from a stored message. */
export function messageEvent(channel: ChannelRecord, message: SlackMessage): JsonObject {
  const { reply_count, reply_users, reply_users_count, latest_reply, reactions, ...rest } = message;
  return { ...(rest as unknown as JsonObject), channel: channel.id, event_ts: message.ts, channel_type: CHANNEL_TYPE[channel.kind] };
}

/** `app_mention` carries the message fields without channel_type and parent_user_id. */
function mentionEvent(channel: ChannelRecord, message: SlackMessage): JsonObject {
  const { channel_type, parent_user_id, ...event } = messageEvent(channel, message);
  return { ...event, type: 'app_mention' };
}

/**
 * Turns things that happen in the workspace into deliveries to the app (Events API envelopes,
 * interaction payloads, slash commands), records every delivery, and tracks the ones nobody
 * awaits (events caused by the app's own Web API calls) so that close() can wait for them.
 */
export class EventDispatcher {
  private readonly background = new Set<Promise<unknown>>();

  constructor(
    private readonly ctx: { state: SlackState; app: AppIdentity; secrets: EmulatorSecrets; ids: IdFactory; subscriptions: ReadonlySet<string> },
    private readonly transport: Transport,
  ) {}

  /** The event_callback envelope, shaped like slack-event-wrapper.schema.json and Slack's samples. */
  envelope(event: JsonObject): JsonObject {
    const { state, app, secrets, ids } = this.ctx;
    const teamId = state.team.id;
    const eventType = jsonText(event.type);
    const context = { et: eventType, tid: teamId, aid: app.appId, ...(typeof event.channel === 'string' ? { cid: event.channel } : {}) };
    return {
      token: secrets.verificationToken,
      team_id: teamId,
      api_app_id: app.appId,
      event,
      type: 'event_callback',
      event_id: ids.next('Ev'),
      event_time: nowSeconds(),
      authorizations: [{ enterprise_id: null, team_id: teamId, user_id: app.botUserId, is_bot: true, is_enterprise_install: false }],
      authed_users: [app.botUserId],
      is_ext_shared_channel: false,
      event_context: `4-${Buffer.from(JSON.stringify(context)).toString('base64url')}`,
    };
  }

  /** Delivers an event if the app subscribes to `subscription`; null when it does not. */
  async event(subscription: string, event: JsonObject, options: DeliverOptions = {}): Promise<DeliveryOutcome | null> {
    if (!this.ctx.subscriptions.has(subscription)) return null;
    return this.send('event', 'events_api', this.envelope(event), jsonText(event.type), options);
  }

  /** A message appeared: `message.*` event, plus `app_mention` when a person mentions the bot. */
  async messagePosted(channel: ChannelRecord, message: SlackMessage, options: DeliverOptions = {}): Promise<MessageDeliveries> {
    const mentionsBot = message.bot_id === undefined && message.text.includes(`<@${this.ctx.app.botUserId}>`) && channel.kind !== 'im';
    const [messageOutcome, mention] = await Promise.all([
      this.event(MESSAGE_SUBSCRIPTION[channel.kind], messageEvent(channel, message), options),
      mentionsBot ? this.event('app_mention', mentionEvent(channel, message), options) : Promise.resolve(null),
    ]);
    return { message: messageOutcome, mention };
  }

  /** chat.update and response_url replacements: a `message_changed` message event. */
  async messageChanged(channel: ChannelRecord, previous: SlackMessage, current: SlackMessage, ts: string): Promise<DeliveryOutcome | null> {
    return this.event(MESSAGE_SUBSCRIPTION[channel.kind], {
      type: 'message',
      subtype: 'message_changed',
      hidden: true,
      message: messageEvent(channel, current),
      previous_message: messageEvent(channel, previous),
      channel: channel.id,
      ts,
      event_ts: ts,
      channel_type: CHANNEL_TYPE[channel.kind],
    });
  }

  async interaction(type: 'interactive' | 'slash_commands', payload: JsonObject, options: DeliverOptions = {}): Promise<DeliveryOutcome> {
    const label = type === 'slash_commands' ? jsonText(payload.command) : jsonText(payload.type);
    return this.send(type === 'slash_commands' ? 'command' : 'interaction', type, payload, label, options);
  }

  /** Runs a delivery nobody awaits (e.g. the echo of the app's own message). */
  inBackground(work: Promise<unknown>): void {
    const tracked = work.catch(() => undefined).finally(() => this.background.delete(tracked));
    this.background.add(tracked);
  }

  async idle(): Promise<void> {
    while (this.background.size > 0) await Promise.all([...this.background]);
  }

  private async send(
    kind: 'event' | 'interaction' | 'command',
    type: EnvelopeType,
    payload: JsonObject,
    label: string,
    options: DeliverOptions,
  ): Promise<DeliveryOutcome> {
    const outcome = await this.transport.send(type, payload, {
      retries: kind === 'event',
      ...(options.signingSecret !== undefined ? { signingSecret: options.signingSecret } : {}),
    });
    this.ctx.state.recordDelivery({ kind, type: label, mode: this.transport.mode, attempts: outcome.attempts, acked: outcome.acked });
    return outcome;
  }
}

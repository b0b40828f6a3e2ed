import type { EmulatorCore } from './core.js';
import type { ChannelRecord, EphemeralMessage, JsonObject, SlackMessage, SlackUser, SlackView } from './types.js';

/** Builders for the interaction payloads Slack sends, shaped like slack-payloads/interaction.*.json. */

function actionTs(): string {
  return (Date.now() / 1000).toFixed(6);
}

function userRef(user: SlackUser, withUsername: boolean): JsonObject {
  return { id: user.id, ...(withUsername ? { username: user.name } : {}), name: user.name, team_id: user.team_id };
}

function teamRef(core: EmulatorCore): JsonObject {
  return { id: core.state.team.id, domain: core.state.team.domain };
}

function channelRef(channel: ChannelRecord): JsonObject {
  return { id: channel.id, name: channel.kind === 'im' ? 'directmessage' : channel.name };
}

/** message_action payloads carry neither user.username nor api_app_id (see the samples). */
function common(core: EmulatorCore, type: string, user: SlackUser, withUsername: boolean): JsonObject {
  return {
    type,
    user: userRef(user, withUsername),
    ...(type === 'message_action' ? {} : { api_app_id: core.app.appId }),
    token: core.secrets.verificationToken,
    team: teamRef(core),
    enterprise: null,
    is_enterprise_install: false,
  };
}

export function viewPayload(view: SlackView): JsonObject {
  return structuredClone(view) as unknown as JsonObject;
}

export type ActionSource =
  | { kind: 'message'; channel: ChannelRecord; message: SlackMessage; responseUrl: string }
  | { kind: 'ephemeral'; channel: ChannelRecord; ephemeral: EphemeralMessage; responseUrl: string }
  | { kind: 'view'; view: SlackView };

export function blockActionsPayload(core: EmulatorCore, user: SlackUser, source: ActionSource, action: JsonObject, triggerId: string): JsonObject {
  const base = common(core, 'block_actions', user, true);
  const actions = [{ ...action, action_ts: actionTs() }];
  if (source.kind === 'view') {
    return {
      ...base,
      container: { type: 'view', view_id: source.view.id },
      trigger_id: triggerId,
      view: viewPayload(source.view),
      actions,
    };
  }
  if (source.kind === 'ephemeral') {
    // Slack sends no copy of a message only one person sees: the container says it was ephemeral.
    const { channel, ephemeral } = source;
    return {
      ...base,
      container: {
        type: 'message',
        message_ts: ephemeral.ts,
        channel_id: channel.id,
        is_ephemeral: true,
        ...(ephemeral.thread_ts !== undefined ? { thread_ts: ephemeral.thread_ts } : {}),
      },
      trigger_id: triggerId,
      channel: channelRef(channel),
      state: { values: {} },
      response_url: source.responseUrl,
      actions,
    };
  }
  const { channel, message } = source;
  const threaded = message.thread_ts !== undefined && message.thread_ts !== message.ts;
  return {
    ...base,
    container: {
      type: 'message',
      message_ts: message.ts,
      channel_id: channel.id,
      is_ephemeral: false,
      ...(threaded ? { thread_ts: message.thread_ts as string } : {}),
    },
    trigger_id: triggerId,
    channel: channelRef(channel),
    message: structuredClone(message) as unknown as JsonObject,
    state: { values: {} },
    response_url: source.responseUrl,
    actions,
  };
}

export function viewSubmissionPayload(core: EmulatorCore, user: SlackUser, view: SlackView, triggerId: string): JsonObject {
  return { ...common(core, 'view_submission', user, true), trigger_id: triggerId, view: viewPayload(view) };
}

export function viewClosedPayload(core: EmulatorCore, user: SlackUser, view: SlackView, isCleared: boolean): JsonObject {
  return { ...common(core, 'view_closed', user, true), view: viewPayload(view), is_cleared: isCleared };
}

export function messageActionPayload(
  core: EmulatorCore,
  user: SlackUser,
  channel: ChannelRecord,
  message: SlackMessage,
  details: { callbackId: string; triggerId: string; responseUrl: string },
): JsonObject {
  return {
    ...common(core, 'message_action', user, false),
    callback_id: details.callbackId,
    trigger_id: details.triggerId,
    message_ts: message.ts,
    response_url: details.responseUrl,
    message: structuredClone(message) as unknown as JsonObject,
    channel: channelRef(channel),
    action_ts: actionTs(),
  };
}

/** Slash commands arrive as form fields; all values are strings. */
export function slashCommandPayload(
  core: EmulatorCore,
  user: SlackUser,
  channel: ChannelRecord,
  details: { command: string; text: string; triggerId: string; responseUrl: string },
): JsonObject {
  return {
    token: core.secrets.verificationToken,
    team_id: core.state.team.id,
    team_domain: core.state.team.domain,
    channel_id: channel.id,
    channel_name: channel.kind === 'im' ? 'directmessage' : channel.name,
    user_id: user.id,
    user_name: user.name,
    command: details.command,
    text: details.text,
    api_app_id: core.app.appId,
    is_enterprise_install: 'false',
    response_url: details.responseUrl,
    trigger_id: details.triggerId,
  };
}

/** Wire shapes shared by the Web API, the event builders and the state inspection API. */

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

export interface SlackTeam {
  id: string;
  name: string;
  domain: string;
}

export interface SlackUser {
  id: string;
  team_id: string;
  name: string;
  deleted: boolean;
  color: string;
  real_name: string;
  tz: string;
  tz_label: string;
  tz_offset: number;
  profile: {
    real_name: string;
    real_name_normalized: string;
    display_name: string;
    display_name_normalized: string;
    email?: string;
    first_name?: string;
    last_name?: string;
    title: string;
    status_text: string;
    status_emoji: string;
    avatar_hash: string;
    image_24: string;
    image_32: string;
    image_48: string;
    image_72: string;
    image_192: string;
    image_512: string;
    image_original: string;
    team: string;
    bot_id?: string;
    api_app_id?: string;
    always_active?: boolean;
  };
  is_admin: boolean;
  is_owner: boolean;
  is_primary_owner: boolean;
  is_restricted: boolean;
  is_ultra_restricted: boolean;
  is_bot: boolean;
  is_app_user: boolean;
  updated: number;
  has_2fa?: boolean;
}

export type ChannelKind = 'public' | 'private' | 'im' | 'mpim';

export interface ChannelRecord {
  id: string;
  name: string;
  kind: ChannelKind;
  created: number;
  creator: string;
  isGeneral: boolean;
  members: Set<string>;
  topic: string;
  purpose: string;
  /** The other party of a DM. */
  imUser?: string;
}

export interface SlackReaction {
  name: string;
  users: string[];
  count: number;
}

export interface SlackMessage {
  type: 'message';
  ts: string;
  text: string;
  user?: string;
  team?: string;
  subtype?: string;
  bot_id?: string;
  app_id?: string;
  bot_profile?: JsonObject;
  blocks?: JsonObject[];
  attachments?: JsonObject[];
  metadata?: JsonObject;
  thread_ts?: string;
  parent_user_id?: string;
  reply_count?: number;
  reply_users?: string[];
  reply_users_count?: number;
  latest_reply?: string;
  edited?: { user: string; ts: string };
  reactions?: SlackReaction[];
  files?: JsonObject[];
  upload?: boolean;
  client_msg_id?: string;
  unfurl_links?: boolean;
  unfurl_media?: boolean;
}

/** A message as the app or Slack changed it earlier; kept for tests that check edits. */
export interface MessageRevision {
  ts: string;
  editedAt: string;
  text: string;
  blocks?: JsonObject[];
}

export interface EphemeralMessage {
  channel: string;
  user: string;
  ts: string;
  text: string;
  blocks?: JsonObject[];
  thread_ts?: string;
  /** Who produced it: chat.postEphemeral, a response_url post, or the immediate answer to a command. */
  source: 'chat.postEphemeral' | 'response_url' | 'command_ack';
}

export interface SlackView {
  id: string;
  team_id: string;
  type: 'modal' | 'home';
  title?: JsonObject;
  submit?: JsonObject | null;
  close?: JsonObject | null;
  blocks: JsonObject[];
  private_metadata: string;
  callback_id: string;
  external_id: string;
  state: { values: Record<string, Record<string, JsonObject>> };
  hash: string;
  clear_on_close: boolean;
  notify_on_close: boolean;
  submit_disabled?: boolean;
  root_view_id: string | null;
  previous_view_id: string | null;
  app_id: string;
  app_installed_team_id: string;
  bot_id: string;
}

export interface StoredFile {
  id: string;
  name: string;
  title: string;
  user: string;
  created: number;
  length: number;
  content: Buffer | null;
  mimetype: string;
  filetype: string;
  channels: string[];
  threadTs?: string;
  shareTs?: string;
  completed: boolean;
  uploadPath: string;
}

export interface SlackUsergroup {
  id: string;
  team_id: string;
  handle: string;
  name: string;
  description: string;
  users: string[];
  date_create: number;
  created_by: string;
}

export interface ResponseUrlPost {
  url: string;
  receivedAt: number;
  body: JsonObject;
  /** The HTTP status the emulator answered with (404 once the URL is used up or expired). */
  status: number;
  error?: string;
}

export interface DeliveryAttempt {
  attempt: number;
  status?: number;
  error?: string;
  retryReason?: string;
  durationMs: number;
}

export interface DeliveryRecord {
  kind: 'event' | 'interaction' | 'command';
  type: string;
  mode: 'http' | 'socket';
  attempts: DeliveryAttempt[];
  acked: boolean;
}

/** A wire value as text: strings as they are, structures as JSON rather than "[object Object]". */
export function jsonText(value: unknown): string {
  if (typeof value === 'string') return value;
  return JSON.stringify(value) ?? String(value);
}

import type { EmulatorCore } from '../core.js';
import type { ChannelRecord, JsonObject, SlackUsergroup, StoredFile } from '../types.js';

/** A conversation object as conversations.info/join/open return it. */
export function channelObject(core: EmulatorCore, channel: ChannelRecord, options: { numMembers?: boolean; locale?: boolean } = {}): JsonObject {
  const teamId = core.state.team.id;
  const common: JsonObject = {
    id: channel.id,
    created: channel.created,
    is_archived: false,
    is_org_shared: false,
    context_team_id: teamId,
    updated: channel.created * 1000,
    last_read: '0000000000.000000',
    ...(options.locale ? { locale: 'en-US' } : {}),
  };
  if (channel.kind === 'im') {
    return { ...common, is_im: true, user: channel.imUser ?? '', is_user_deleted: false, priority: 0 };
  }
  const summary = (value: string): JsonObject => ({ value, creator: value === '' ? '' : channel.creator, last_set: value === '' ? 0 : channel.created });
  return {
    ...common,
    name: channel.name,
    name_normalized: channel.name,
    is_channel: channel.kind === 'public',
    is_group: channel.kind === 'private',
    is_im: false,
    is_mpim: channel.kind === 'mpim',
    is_private: channel.kind !== 'public',
    is_general: channel.isGeneral,
    unlinked: 0,
    is_shared: false,
    is_ext_shared: false,
    is_pending_ext_shared: false,
    pending_shared: [],
    pending_connected_team_ids: [],
    shared_team_ids: [teamId],
    parent_conversation: null,
    creator: channel.creator,
    is_member: channel.members.has(core.app.botUserId),
    is_read_only: false,
    is_thread_only: false,
    topic: summary(channel.topic),
    purpose: summary(channel.purpose),
    previous_names: [],
    ...(options.numMembers ? { num_members: channel.members.size } : {}),
  };
}

export function usergroupObject(group: SlackUsergroup, options: { users: boolean; count: boolean }): JsonObject {
  return {
    id: group.id,
    team_id: group.team_id,
    is_usergroup: true,
    is_subteam: true,
    name: group.name,
    description: group.description,
    handle: group.handle,
    is_external: false,
    date_create: group.date_create,
    date_update: group.date_create,
    date_delete: 0,
    auto_type: null,
    auto_provision: false,
    enterprise_subteam_id: '',
    created_by: group.created_by,
    updated_by: group.created_by,
    deleted_by: null,
    prefs: { channels: [], groups: [] },
    ...(options.users ? { users: [...group.users] } : {}),
    ...(options.count ? { user_count: group.users.length } : {}),
  };
}

const PRETTY: Record<string, string> = {
  text: 'Plain Text',
  csv: 'CSV',
  json: 'JSON',
  markdown: 'Markdown (raw)',
  png: 'PNG',
  jpg: 'JPEG',
  pdf: 'PDF',
  binary: 'Binary',
};

/** A file object as files.completeUploadExternal and message `files` show it. */
export function fileObject(core: EmulatorCore, file: StoredFile): JsonObject {
  const teamId = core.state.team.id;
  const domain = core.state.team.domain;
  const shares: Record<string, Record<string, JsonObject[]>> = {};
  for (const channelId of file.channels) {
    const channel = core.state.channelsById.get(channelId);
    const bucket = channel?.kind === 'public' ? 'public' : 'private';
    shares[bucket] ??= {};
    shares[bucket][channelId] = [
      {
        reply_users: [],
        reply_users_count: 0,
        reply_count: 0,
        ts: file.shareTs ?? '',
        channel_name: channel?.name ?? '',
        team_id: teamId,
        share_user_id: file.user,
        source: 'UNKNOWN',
        is_silent_share: false,
        ...(file.threadTs !== undefined ? { thread_ts: file.threadTs } : {}),
      },
    ];
  }
  const isPublic = file.channels.some((id) => core.state.channelsById.get(id)?.kind === 'public');
  const base = core.baseUrl();
  return {
    id: file.id,
    created: file.created,
    timestamp: file.created,
    name: file.name,
    title: file.title,
    mimetype: file.mimetype,
    filetype: file.filetype,
    pretty_type: PRETTY[file.filetype] ?? file.filetype.toUpperCase(),
    user: file.user,
    user_team: teamId,
    editable: false,
    size: file.length,
    mode: 'hosted',
    is_external: false,
    external_type: '',
    is_public: isPublic,
    public_url_shared: false,
    display_as_bot: false,
    username: '',
    url_private: `${base}/files-pri/${teamId}-${file.id}/${encodeURIComponent(file.name)}`,
    url_private_download: `${base}/files-pri/${teamId}-${file.id}/download/${encodeURIComponent(file.name)}`,
    permalink: `https://${domain}.slack.com/files/${file.user}/${file.id}/${encodeURIComponent(file.name)}`,
    permalink_public: `https://slack-files.com/${teamId}-${file.id}-${file.uploadPath.slice(-10)}`,
    comments_count: 0,
    is_starred: false,
    shares,
    channels: file.channels.filter((id) => core.state.channelsById.get(id)?.kind === 'public'),
    groups: file.channels.filter((id) => ['private', 'mpim'].includes(core.state.channelsById.get(id)?.kind ?? '')),
    ims: file.channels.filter((id) => core.state.channelsById.get(id)?.kind === 'im'),
    has_more_shares: false,
    has_rich_preview: false,
    file_access: 'visible',
  };
}

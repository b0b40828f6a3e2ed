import type { IdFactory } from './ids.js';
import { nowSeconds } from './ids.js';
import type { ResolvedOptions } from './options.js';
import { SlackState } from './state.js';
import type { SlackUser, SlackUsergroup } from './types.js';

export interface AppIdentity {
  appId: string;
  botId: string;
  botUserId: string;
  appName: string;
}

const DEFAULT_USERS: NonNullable<ResolvedOptions['users']> = [
  { name: 'alice', realName: 'Alice Adams', title: 'Support engineer', tz: 'America/New_York', isAdmin: true },
  { name: 'bob', realName: 'Bob Baker', title: 'Store manager', tz: 'Europe/London' },
  { name: 'carol', realName: 'Carol Chen', title: 'Billing clerk', tz: 'Europe/Berlin' },
  { name: 'dana', realName: 'Dana Diaz', title: 'Billing lead', tz: 'America/Los_Angeles' },
];

const DEFAULT_CHANNELS: NonNullable<ResolvedOptions['channels']> = [
  { name: 'general', botIsMember: false, purpose: 'Company-wide announcements' },
  { name: 'social', purpose: 'Public mentions of the company, one thread each' },
];

const DEFAULT_USERGROUPS: NonNullable<ResolvedOptions['usergroups']> = [
  { handle: 'billing', name: 'Billing', description: 'Invoices, refunds and payment questions', members: ['carol', 'dana'] },
];

const COLORS = ['9f69e7', '4bbe2e', 'e7392d', '3c989f', 'e0a729', '684b6c'];

/** tz_label and tz_offset as Slack reports them, derived from the IANA zone. */
function zoneInfo(tz: string): { tz_label: string; tz_offset: number } {
  const now = new Date();
  const label = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'long' }).formatToParts(now).find((part) => part.type === 'timeZoneName')?.value;
  const offsetText = new Intl.DateTimeFormat('en-US', { timeZone: tz, timeZoneName: 'longOffset' })
    .formatToParts(now)
    .find((part) => part.type === 'timeZoneName')?.value;
  const match = /GMT([+-])(\d{2}):(\d{2})/.exec(offsetText ?? '');
  const offset = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 3600 + Number(match[3]) * 60) : 0;
  return { tz_label: label ?? tz, tz_offset: offset };
}

function avatar(seed: string, size: number): string {
  return `https://avatars.slack-edge.com/emulator/${seed}_${size}.png`;
}

function makeUser(
  id: string,
  teamId: string,
  index: number,
  spec: { name: string; realName?: string; email?: string; title?: string; tz?: string; isAdmin?: boolean },
  bot?: AppIdentity,
): SlackUser {
  const realName = spec.realName ?? spec.name;
  const tz = spec.tz ?? 'UTC';
  const [first, ...rest] = realName.split(' ');
  const images = Object.fromEntries([24, 32, 48, 72, 192, 512].map((size) => [`image_${size}`, avatar(id, size)])) as Record<
    'image_24' | 'image_32' | 'image_48' | 'image_72' | 'image_192' | 'image_512',
    string
  >;
  return {
    id,
    team_id: teamId,
    name: spec.name,
    deleted: false,
    color: COLORS[index % COLORS.length] ?? '9f69e7',
    real_name: realName,
    tz,
    ...zoneInfo(tz),
    profile: {
      real_name: realName,
      real_name_normalized: realName,
      display_name: bot ? '' : spec.name,
      display_name_normalized: bot ? '' : spec.name,
      ...(bot ? {} : { email: spec.email ?? `${spec.name}@earshot.example`, first_name: first ?? realName, last_name: rest.join(' ') }),
      title: spec.title ?? '',
      status_text: '',
      status_emoji: '',
      avatar_hash: `g${id.slice(1, 12).toLowerCase()}`,
      ...images,
      image_original: avatar(id, 1024),
      team: teamId,
      ...(bot ? { bot_id: bot.botId, api_app_id: bot.appId, always_active: true } : {}),
    },
    is_admin: spec.isAdmin ?? false,
    is_owner: false,
    is_primary_owner: false,
    is_restricted: false,
    is_ultra_restricted: false,
    is_bot: bot !== undefined,
    is_app_user: false,
    updated: nowSeconds(),
    ...(bot ? {} : { has_2fa: false }),
  };
}

/** Builds the workspace (team, people, the app's bot user, channels, user groups) from the options. */
export function seedWorkspace(options: ResolvedOptions, ids: IdFactory): { state: SlackState; app: AppIdentity } {
  const team = { id: ids.next('T'), name: options.teamName, domain: options.teamDomain };
  const state = new SlackState(team);
  const app: AppIdentity = { appId: ids.next('A'), botId: ids.next('B'), botUserId: ids.next('U'), appName: options.appName };

  const people = options.users ?? DEFAULT_USERS;
  people.forEach((spec, index) => {
    const user = makeUser(ids.next('U'), team.id, index, spec);
    state.users.set(user.id, user);
  });
  const botUser = makeUser(app.botUserId, team.id, people.length, { name: options.botName, realName: options.appName }, app);
  state.users.set(botUser.id, botUser);

  const resolveUser = (nameOrId: string): string => state.requireUser(nameOrId).id;
  const humans = [...state.users.values()].filter((u) => !u.is_bot).map((u) => u.id);
  const creator = humans[0] ?? app.botUserId;

  for (const spec of options.channels ?? DEFAULT_CHANNELS) {
    const members = new Set((spec.members ?? humans).map(resolveUser));
    if (spec.botIsMember ?? true) members.add(app.botUserId);
    const id = ids.next(spec.private ? 'G' : 'C');
    state.channelsById.set(id, {
      id,
      name: spec.name,
      kind: spec.private ? 'private' : 'public',
      created: nowSeconds(),
      creator,
      isGeneral: spec.name === 'general',
      members,
      topic: spec.topic ?? '',
      purpose: spec.purpose ?? '',
    });
  }

  for (const spec of options.usergroups ?? DEFAULT_USERGROUPS) {
    const group: SlackUsergroup = {
      id: ids.next('S'),
      team_id: team.id,
      handle: spec.handle,
      name: spec.name ?? spec.handle,
      description: spec.description ?? '',
      users: spec.members.map(resolveUser),
      date_create: nowSeconds(),
      created_by: creator,
    };
    state.usergroupsById.set(group.id, group);
  }
  return { state, app };
}

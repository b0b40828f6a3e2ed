import type { JsonObject } from '../types.js';
import { SlackApiError } from './errors.js';
import { usergroupObject } from './objects.js';
import type { MethodTable } from './router.js';

export const usersMethods: MethodTable = {
  'users.info': {
    token: 'bot',
    required: { user: 'user_not_found' },
    run: ({ core, params }) => {
      const user = core.state.users.get(params.requireString('user'));
      if (!user) throw new SlackApiError('user_not_found');
      const copy = structuredClone(user) as unknown as JsonObject;
      return { ok: true, user: params.boolean('include_locale') ? { ...copy, locale: 'en-US' } : copy };
    },
  },

  'usergroups.list': {
    token: 'bot',
    run: ({ core, params }) => ({
      ok: true,
      usergroups: [...core.state.usergroupsById.values()].map((group) =>
        usergroupObject(group, { users: params.boolean('include_users'), count: params.boolean('include_count') }),
      ),
    }),
  },

  'usergroups.users.list': {
    token: 'bot',
    required: { usergroup: 'invalid_arguments' },
    run: ({ core, params }) => {
      const group = core.state.usergroupsById.get(params.requireString('usergroup'));
      if (!group) throw new SlackApiError('no_such_subteam');
      return { ok: true, users: [...group.users] };
    },
  },
};

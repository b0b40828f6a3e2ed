import type { MethodTable } from './router.js';

export const authMethods: MethodTable = {
  'auth.test': {
    token: 'bot',
    run: ({ core }) => ({
      ok: true,
      url: `https://${core.state.team.domain}.slack.com/`,
      team: core.state.team.name,
      user: core.state.requireUser(core.app.botUserId).name,
      team_id: core.state.team.id,
      user_id: core.app.botUserId,
      bot_id: core.app.botId,
      is_enterprise_install: false,
    }),
  },
};

/** Not in the 2020 OpenAPI description; shape from slack-payloads/webapi-response.apps.connections.open.json. */
export const appsMethods: MethodTable = {
  'apps.connections.open': {
    token: 'app',
    run: ({ core }) => ({ ok: true, url: core.issueSocketUrl() }),
  },
};

import { describe, expect, it } from 'vitest';
import type { RoleSettings } from '../../src/config/load-config.js';
import { createLogger } from '../../src/log/create-logger.js';
import { createRoleResolver } from '../../src/roles/role-resolver.js';
import { createSlackMembership } from '../../src/roles/slack-membership.js';

const settings: RoleSettings = {
  managers: ['U0BOSS'],
  approvers: ['U0ANN', 'S0LEADS'],
  publishers: undefined,
  learning: ['S0NEW'],
  approvalTopics: { kind: 'keywords', keywords: ['recall'] },
};

/** Slack's usergroups.users.list over fixed groups; a group named in `failing` answers an error. */
function usergroups(groups: Record<string, string[]>, failing: string[] = []) {
  const calls: string[] = [];
  const slack = {
    usergroups: {
      users: {
        list: async ({ usergroup }: { usergroup: string }) => {
          calls.push(usergroup);
          if (failing.includes(usergroup)) throw new Error('ratelimited');
          return { ok: true, users: groups[usergroup] ?? [] };
        },
      },
    },
  };
  return { slack: slack as never, calls };
}

function quietLogger(lines: string[]) {
  return createLogger({ level: 'warn', destination: { write: (line: string) => void lines.push(line) } });
}

describe('createRoleResolver', () => {
  it('reads roles from user ids and user groups, and mentions every approver', async () => {
    const { slack } = usergroups({ S0LEADS: ['U0LEE'], S0NEW: ['U0KIM'] });
    const roles = createRoleResolver(settings, createSlackMembership({ slack, logger: quietLogger([]) }));
    expect(await roles.rolesOf('U0KIM')).toEqual({ learning: true, publisher: false, approver: false, manager: false });
    expect(await roles.rolesOf('U0LEE')).toEqual({ learning: false, publisher: false, approver: true, manager: false });
    expect(await roles.rolesOf('U0BOSS')).toEqual({ learning: false, publisher: false, approver: false, manager: true });
    expect(roles.approverMentions()).toEqual(['<@U0ANN>', '<!subteam^S0LEADS>', '<@U0BOSS>']);
    expect(roles.topics?.test('the Recall')).toBe(true);
  });

  it('a user group Slack will not read errs on the safe side: held as learning, not an approver, with a warning', async () => {
    const lines: string[] = [];
    const { slack } = usergroups({}, ['S0NEW', 'S0LEADS']);
    const roles = createRoleResolver(settings, createSlackMembership({ slack, logger: quietLogger(lines) }));
    expect(await roles.rolesOf('U0LEE')).toEqual({ learning: true, publisher: false, approver: false, manager: false });
    expect(lines.join('')).toContain('could not read a user group');
  });

  it("remembers a group's members for a short while", async () => {
    let now = new Date('2026-11-23T10:00:00Z');
    const { slack, calls } = usergroups({ S0NEW: ['U0KIM'] });
    const membership = createSlackMembership({ slack, logger: quietLogger([]), cacheMs: 60_000, now: () => now });
    await membership.check(['S0NEW'], 'U0KIM');
    await membership.check(['S0NEW'], 'U0OTHER');
    expect(calls).toEqual(['S0NEW']);
    now = new Date('2026-11-23T10:01:01Z');
    expect(await membership.check(['S0NEW'], 'U0KIM')).toBe('member');
    expect(calls).toEqual(['S0NEW', 'S0NEW']);
  });

  it('without any role settings, nobody has a role and nothing is read from Slack', async () => {
    const { slack, calls } = usergroups({});
    const roles = createRoleResolver(
      { managers: undefined, approvers: undefined, publishers: undefined, learning: undefined, approvalTopics: undefined },
      createSlackMembership({ slack, logger: quietLogger([]) }),
    );
    expect(await roles.rolesOf('U0ANY')).toEqual({ learning: false, publisher: false, approver: false, manager: false });
    expect(roles.approverMentions()).toEqual([]);
    expect(calls).toEqual([]);
  });
});

describe('createSlackMembership', () => {
  it('does not wait past its limit for a user group Slack is slow to list (a modal must be acknowledged within 3 s)', async () => {
    const lines: string[] = [];
    let answer: (value: { ok: true; users: string[] }) => void = () => undefined;
    const slack = { usergroups: { users: { list: () => new Promise((resolve) => (answer = resolve)) } } };
    const membership = createSlackMembership({ slack: slack as never, logger: quietLogger(lines), lookupTimeoutMs: 20 });
    expect(await membership.check(['S0SLOW'], 'U0KIM')).toBe('unknown');
    expect(lines.join('\n')).toContain('did not list a user group');

    answer({ ok: true, users: ['U0KIM'] });
    await new Promise((resolve) => setImmediate(resolve));
    expect(await membership.check(['S0SLOW'], 'U0KIM')).toBe('member');
  });
});

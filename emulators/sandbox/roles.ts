import type { SlackEmulator } from '../slack/index.js';

/** The sandbox's guardrails: a reply about these topics waits for an approver, whoever writes it. */
export const sandboxApprovalTopics = 'lawsuit|recall|injury';

/** Who does what in the sandbox's Slack, by user name: what `help` and the README list. */
export const sandboxRoles = {
  managers: ['alice'],
  approvers: ['bob'],
  learning: ['dana'],
} as const;

const roleNotes: Record<string, string> = {
  alice: 'manager: /socialreport, audit export, data requests; may approve',
  bob: 'approver: approves or rejects held replies',
  carol: '',
  dana: 'learning: her replies and DMs wait for an approver',
};

/** Earshot's role variables for the sandbox's people. */
export function roleEnvironment(slack: SlackEmulator): Record<string, string> {
  const ids = (names: readonly string[]) => names.map((name) => slack.users[name]?.id ?? '').join(',');
  return {
    APPROVAL_TOPICS: sandboxApprovalTopics,
    ROLE_MANAGERS: ids(sandboxRoles.managers),
    ROLE_APPROVERS: ids(sandboxRoles.approvers),
    ROLE_LEARNING: ids(sandboxRoles.learning),
  };
}

/** One line per person (name, role, teams), then the topics that are held. */
export function describePeople(slack: SlackEmulator): string[] {
  const people = Object.values(slack.users).filter((user) => !user.is_bot);
  const groups = Object.values(slack.usergroups);
  const width = Math.max(...people.map((person) => `${person.name} (${person.real_name})`.length));
  return [
    ...people.map((person) => {
      const teams = groups.filter((group) => group.users.includes(person.id)).map((group) => `@${group.handle}`);
      const notes = [roleNotes[person.name], teams.length > 0 ? `team ${teams.join(', ')}` : ''].filter(Boolean).join('; ');
      return `  ${`${person.name} (${person.real_name})`.padEnd(width)}  ${notes || 'answers in #social'}`;
    }),
    `  Replies about ${sandboxApprovalTopics.split('|').join(', ')} wait for an approver, whoever writes them.`,
  ];
}

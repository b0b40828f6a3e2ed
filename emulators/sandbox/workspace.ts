import type { SlackMessage, SlackUser } from '../slack/index.js';
import type { RenderContext } from './render-slack-message.js';
import type { Sandbox } from './start-sandbox.js';
import { UsageError } from './session.js';

/** Names for the ids in Slack text (<@U…> → alice, <#C…> → social, <!subteam^S…> → @billing). */
export function renderContextOf(sandbox: Sandbox): RenderContext {
  const users = new Map(Object.values(sandbox.slack.users).map((user) => [user.id, user.name]));
  const channels = new Map(Object.entries(sandbox.slack.channels).map(([name, id]) => [id, name]));
  const teams = new Map(Object.values(sandbox.slack.usergroups).map((group) => [group.id, group.handle]));
  return { userName: (id) => users.get(id), channelName: (id) => channels.get(id), usergroupHandle: (id) => teams.get(id) };
}

/**
 * What Slack's composer sends for typed text: `@bob` becomes a mention of bob (<@U…>), `@billing`
 * of the team (<!subteam^S…>), `#social` of the channel; other @words stay as typed.
 */
export function slackMarkup(sandbox: Sandbox, text: string): string {
  const { users, usergroups, channels } = sandbox.slack;
  return text.replace(/(^|[^\w<])([@#])([a-z0-9_-]+(?:\.[a-z0-9_-]+)*)/gi, (whole, before: string, sigil: string, name: string) => {
    if (sigil === '#') {
      const channel = channels[name.toLowerCase()];
      return channel ? `${before}<#${channel}>` : whole;
    }
    const person = users[name.toLowerCase()];
    if (person && !person.is_bot) return `${before}<@${person.id}>`;
    const team = usergroups[name.toLowerCase()];
    return team ? `${before}<!subteam^${team.id}>` : whole;
  });
}

/** Top-level messages of #social, oldest first: thread N is the Nth. */
export function parentMessages(sandbox: Sandbox): SlackMessage[] {
  return sandbox.slack.state.messages(sandbox.channelId).filter((message) => message.thread_ts === undefined || message.thread_ts === message.ts);
}

export function threadParent(sandbox: Sandbox, number: string | undefined): SlackMessage {
  const parents = parentMessages(sandbox);
  const index = Number(number);
  const parent = Number.isInteger(index) ? parents[index - 1] : undefined;
  if (!parent) {
    throw new UsageError(
      parents.length === 0
        ? 'there are no threads in #social yet'
        : `no thread "${number ?? ''}": threads are numbered 1 to ${parents.length} (see \`threads\`)`,
    );
  }
  return parent;
}

/** The parent followed by its replies: message k of a thread is entry k (the parent is 0). */
export function threadMessages(sandbox: Sandbox, parentTs: string): SlackMessage[] {
  return sandbox.slack.state.thread(sandbox.channelId, parentTs);
}

/** Thread number of a message (parent or reply) in #social, if it is in one. */
export function threadNumberOf(sandbox: Sandbox, message: Pick<SlackMessage, 'ts' | 'thread_ts'>): number | undefined {
  const parentTs = message.thread_ts ?? message.ts;
  const index = parentMessages(sandbox).findIndex((parent) => parent.ts === parentTs);
  return index < 0 ? undefined : index + 1;
}

/** The status line of an Earshot parent message (its `status` context block). */
export function statusLine(message: SlackMessage): string | undefined {
  const block = message.blocks?.find((candidate) => candidate.block_id === 'status');
  const element = Array.isArray(block?.elements) ? block.elements[0] : undefined;
  return element && typeof element === 'object' && !Array.isArray(element) && typeof element.text === 'string' ? element.text : undefined;
}

/** The people of the sandbox's Slack (not the app's bot user), in workspace order. */
export function slackPeople(sandbox: Sandbox): SlackUser[] {
  return Object.values(sandbox.slack.users).filter((user) => !user.is_bot);
}

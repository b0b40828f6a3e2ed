import type { SlackMessage } from '../slack/index.js';
import type { RenderContext } from './render-slack-message.js';
import type { Sandbox } from './start-sandbox.js';
import { UsageError } from './session.js';

/** Names for the ids in Slack text (<@U…> → alice, <#C…> → social). */
export function renderContextOf(sandbox: Sandbox): RenderContext {
  const users = new Map(Object.values(sandbox.slack.users).map((user) => [user.id, user.name]));
  const channels = new Map(Object.entries(sandbox.slack.channels).map(([name, id]) => [id, name]));
  return { userName: (id) => users.get(id), channelName: (id) => channels.get(id) };
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
    throw new UsageError(parents.length === 0 ? 'there are no threads in #social yet' : `no thread "${number ?? ''}": threads are numbered 1 to ${parents.length} (see \`threads\`)`);
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

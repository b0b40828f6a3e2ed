import { setTimeout as sleep } from 'node:timers/promises';
import type { EphemeralMessage, SlackMessage, SlackView } from '../slack/index.js';
import type { EmulatedDmEvent, EmulatedPost } from '../x/index.js';
import { messageAuthor, renderMessage, renderView, type RenderContext } from './render-slack-message.js';
import type { Session } from './session.js';
import { parentMessages, renderContextOf, slackPeople, threadMessages } from './workspace.js';
import { describeDm, describePost } from './x-posts.js';

/** What a person could see at one moment: #social with its threads, X, and their own modal and ephemerals. */
export interface Snapshot {
  /** Parents of #social, oldest first, each followed by its replies. */
  messages: SlackMessage[];
  /** Newest first. */
  posts: EmulatedPost[];
  /** Each person's DM with Earshot, oldest first, by user name. */
  dms: Record<string, SlackMessage[]>;
  /** Direct messages on X, newest first. */
  xDms: EmulatedDmEvent[];
  modal: SlackView | undefined;
  /** The App Home as the current person last had it published. */
  home: SlackView | undefined;
  ephemerals: EphemeralMessage[];
  key: string;
}

export interface WatchOptions {
  /** Keep waiting (up to timeoutMs) until something changes; otherwise only until things are quiet. */
  expectChange: boolean;
  timeoutMs: number;
  /** How long nothing may change before the state counts as settled. */
  quietMs?: number;
}

const pollMs = 200;
const defaultQuietMs = 2000;
/** Earshot can keep working for a while (retries); stop watching after this much extra time. */
const settleLimitMs = 15_000;

export function takeSnapshot(session: Session): Snapshot {
  const { sandbox, slackUser } = session;
  const messages = parentMessages(sandbox).flatMap((parent) => threadMessages(sandbox, parent.ts));
  const posts = sandbox.x.control.posts();
  const modal = sandbox.slack.state.openViews(slackUser).at(-1);
  const ephemerals = sandbox.slack.state.ephemerals(slackUser);
  const dms = Object.fromEntries(slackPeople(sandbox).map((person) => [person.name, sandbox.slack.state.directMessages(person.id).messages]));
  const xDms = sandbox.x.control.dmEvents();
  const home = sandbox.slack.state.homeView(slackUser);
  return {
    messages,
    posts,
    dms,
    xDms,
    modal,
    home,
    ephemerals,
    key: JSON.stringify([
      messages,
      posts.map((post) => post.id),
      dms,
      xDms.map((event) => event.id),
      modal,
      home?.hash,
      ephemerals.map((ephemeral) => ephemeral.ts),
    ]),
  };
}

/** Polls until the state settles (and, if expected, first changes); `changed` is false on a timeout. */
export async function watchChanges(session: Session, before: Snapshot, options: WatchOptions): Promise<{ after: Snapshot; changed: boolean }> {
  const quietMs = options.quietMs ?? defaultQuietMs;
  const start = Date.now();
  let current = takeSnapshot(session);
  let lastChange = current.key === before.key ? undefined : start;
  for (;;) {
    const now = Date.now();
    if (lastChange !== undefined && (now - lastChange >= quietMs || now - start >= options.timeoutMs + settleLimitMs)) break;
    if (lastChange === undefined && now - start >= (options.expectChange ? options.timeoutMs : quietMs)) break;
    await sleep(pollMs);
    const next = takeSnapshot(session);
    if (next.key !== current.key) lastChange = Date.now();
    current = next;
  }
  return { after: current, changed: current.key !== before.key };
}

/** Runs an action, waits for what it causes, and prints what changed. */
export async function observe(session: Session, action: () => Promise<void>, options: WatchOptions): Promise<boolean> {
  const before = takeSnapshot(session);
  await action();
  const { after, changed } = await watchChanges(session, before, options);
  session.print(...describeChanges(session, before, after));
  return changed;
}

/** Message bodies sit under the line that says whose they are. */
export const indent = (lines: string[]): string[] => lines.map((line) => `    ${line}`);

/** New lines of `after` that were not in `before`: enough to see what an update changed. */
function addedLines(before: string[], after: string[]): string[] {
  const old = new Set(before);
  return after.filter((line) => !old.has(line));
}

export function describeChanges(session: Session, before: Snapshot, after: Snapshot): string[] {
  const context = renderContextOf(session.sandbox);
  return [
    ...describeMessages(before.messages, after.messages, context),
    ...after.posts
      .filter((post) => !before.posts.some((old) => old.id === post.id))
      .reverse()
      .map((post) => `+ on X: ${describePost(session.sandbox.x, post)}`),
    ...after.xDms
      .filter((event) => !before.xDms.some((old) => old.id === event.id))
      .reverse()
      .map((event) => `+ DM on X: ${describeDm(session.sandbox.x, event)}`),
    ...Object.entries(after.dms).flatMap(([person, messages]) => describeDms(person, before.dms[person] ?? [], messages, context)),
    ...describeModal(session.slackUser, before.modal, after.modal, context),
    ...describeHome(session.slackUser, before.home, after.home, context),
    ...after.ephemerals
      .filter((ephemeral) => !before.ephemerals.some((old) => old.ts === ephemeral.ts))
      .flatMap((ephemeral) => [`+ only visible to ${session.slackUser}:`, ...indent(renderMessage(ephemeral, context))]),
  ];
}

/** New and changed messages in one person's DM with Earshot, numbered as `dms` numbers them. */
function describeDms(person: string, before: SlackMessage[], after: SlackMessage[], context: RenderContext): string[] {
  const old = new Map(before.map((message) => [message.ts, message]));
  return after.flatMap((message, index) => {
    const previous = old.get(message.ts);
    if (!previous) return [`+ DM to ${person} (${person}'s dm ${index + 1}) — ${messageAuthor(message, context)}:`, ...indent(renderMessage(message, context))];
    const added = addedLines(renderMessage(previous, context), renderMessage(message, context));
    return added.length > 0 ? [`~ ${person}'s dm ${index + 1} updated:`, ...indent(added)] : [];
  });
}

function describeMessages(before: SlackMessage[], after: SlackMessage[], context: RenderContext): string[] {
  const lines: string[] = [];
  const old = new Map(before.map((message) => [message.ts, message]));
  const parents = after.filter((message) => message.thread_ts === undefined || message.thread_ts === message.ts);
  for (const message of after) {
    const threadNumber = parents.findIndex((parent) => parent.ts === (message.thread_ts ?? message.ts)) + 1;
    const position = after.filter((other) => (other.thread_ts ?? other.ts) === (message.thread_ts ?? message.ts)).indexOf(message);
    const where = position === 0 ? `thread ${threadNumber}` : `thread ${threadNumber}, message ${position}`;
    const rendered = renderMessage(message, context);
    const previous = old.get(message.ts);
    if (!previous) {
      lines.push(`+ ${where}${position === 0 ? ' (new in #social)' : ''} — ${messageAuthor(message, context)}:`, ...indent(rendered));
      continue;
    }
    const added = addedLines(renderMessage(previous, context), rendered);
    if (added.length > 0) lines.push(`~ ${where} updated:`, ...indent(added));
  }
  const removed = before.filter((message) => !after.some((other) => other.ts === message.ts)).length;
  if (removed > 0) lines.push(`- ${removed} message(s) deleted from #social`);
  return lines;
}

function describeModal(user: string, before: SlackView | undefined, after: SlackView | undefined, context: RenderContext): string[] {
  if (after && after.id !== before?.id) return [`+ modal open for ${user}:`, ...indent(renderView(after, context))];
  if (after && before) {
    const added = addedLines(renderView(before, context), renderView(after, context));
    return added.length > 0 ? ['~ modal updated:', ...indent(added)] : [];
  }
  return before ? [`- ${user}'s modal closed`] : [];
}

function describeHome(user: string, before: SlackView | undefined, after: SlackView | undefined, context: RenderContext): string[] {
  if (!before || !after || before.hash === after.hash) return [];
  const added = addedLines(renderView(before, context), renderView(after, context));
  return added.length > 0 ? [`~ ${user}'s App Home updated:`, ...indent(added)] : [`~ ${user}'s App Home updated`];
}

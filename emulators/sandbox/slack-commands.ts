import { setTimeout as sleep } from 'node:timers/promises';
import { jsonText, type JsonObject, type SlackMessage } from '../slack/index.js';
import { indent, observe } from './changes.js';
import { messageAuthor, renderMessage, renderMrkdwn, renderView, textOf, type RenderContext } from './render-slack-message.js';
import { required, splitFirst, UsageError, type Command } from './session.js';
import { parentMessages, renderContextOf, statusLine, threadMessages, threadParent } from './workspace.js';

const clickWaitMs = 5000;
const homeWaitMs = 3000;

type Clickable =
  | { kind: 'button'; label: string; actionId: string; blockId: string }
  | { kind: 'option'; label: string; actionId: string; blockId: string; value: string };

/** Buttons, and the options of overflow menus, of a message's actions blocks and section accessories. */
function clickables(message: SlackMessage, context: RenderContext): Clickable[] {
  return (message.blocks ?? []).flatMap((block) => {
    const blockId = jsonText(block.block_id ?? '');
    const elements = [...(Array.isArray(block.elements) && block.type === 'actions' ? block.elements : []), block.accessory];
    return elements.flatMap((element): Clickable[] => {
      if (typeof element !== 'object' || element === null || Array.isArray(element)) return [];
      const actionId = jsonText(element.action_id);
      if (element.type === 'button') return [{ kind: 'button', label: textOf(element.text, context), actionId, blockId }];
      if (element.type !== 'overflow' || !Array.isArray(element.options)) return [];
      return (element.options as JsonObject[]).map((option) => ({ kind: 'option', label: textOf(option.text, context), actionId, blockId, value: jsonText(option.value) }));
    });
  });
}

export const slackCommands: Command[] = [
  {
    name: 'threads',
    args: '',
    summary: 'the conversations in #social, numbered',
    async run(_args, session) {
      const parents = parentMessages(session.sandbox);
      if (parents.length === 0) {
        session.print('#social is empty: post a `mention` on X first.');
        return;
      }
      const context = renderContextOf(session.sandbox);
      session.print(`#social — ${parents.length} thread(s):`);
      parents.forEach((parent, index) => {
        const status = statusLine(parent);
        const replies = parent.reply_count ?? 0;
        session.print(
          `${String(index + 1).padStart(3)}. ${renderMrkdwn(parent.text, context)}`,
          `     ${status ? `${renderMrkdwn(status, context)} · ` : ''}${replies} ${replies === 1 ? 'reply' : 'replies'} in the thread`,
        );
      });
    },
  },
  {
    name: 'show',
    args: '<thread#>',
    summary: 'a thread: the parent [0] and its messages [1], [2]…',
    async run(args, session) {
      const parent = threadParent(session.sandbox, args.trim());
      const context = renderContextOf(session.sandbox);
      threadMessages(session.sandbox, parent.ts).forEach((message, index) => {
        session.print(`[${index}] ${messageAuthor(message, context)}:`, ...indent(renderMessage(message, context)));
      });
    },
  },
  {
    name: 'as',
    args: '<slack user name>',
    summary: 'act as another person in Slack',
    async run(args, session) {
      const name = required(args, 'who (alice, bob, …)').replace(/^@/, '');
      const people = Object.values(session.sandbox.slack.users).filter((user) => !user.is_bot);
      const person = people.find((user) => user.name === name);
      if (!person) throw new UsageError(`no "${name}" in Slack; people: ${people.map((user) => user.name).join(', ')}`);
      session.slackUser = person.name;
      session.print(`You are now ${person.real_name} (${person.name}) in Slack.`);
    },
  },
  {
    name: 'click',
    args: '<thread#> <button label or action_id>',
    summary: 'click a button of the thread (parent first, then its messages)',
    async run(args, session) {
      const [number, wanted] = splitFirst(args);
      const { sandbox } = session;
      const parent = threadParent(sandbox, number);
      const messages = [parent, ...threadMessages(sandbox, parent.ts).slice(1).reverse()];
      const key = required(wanted, 'which button').toLowerCase();
      const context = renderContextOf(sandbox);
      for (const message of messages) {
        const target = clickables(message, context).find((item) => item.label.toLowerCase() === key || item.actionId.toLowerCase() === key);
        if (!target) continue;
        const where = { user: session.slackUser, channel: sandbox.channelId, ts: message.ts, actionId: target.actionId, blockId: target.blockId };
        await observe(
          session,
          async () => {
            if (target.kind === 'button') await sandbox.slack.driver.clickButton(where);
            else await sandbox.slack.driver.selectOption({ ...where, value: target.value });
          },
          { expectChange: true, timeoutMs: clickWaitMs },
        );
        return;
      }
      const offered = messages.flatMap((message) => clickables(message, context)).map((item) => `[${item.label}]`);
      throw new UsageError(`no button "${wanted}" in thread ${number}${offered.length > 0 ? `; it has ${[...new Set(offered)].join(' ')}` : ''}`);
    },
  },
  {
    name: 'note',
    args: '<thread#> <text>',
    summary: 'write in the thread (an internal note, not posted on X)',
    async run(args, session) {
      const [number, text] = splitFirst(args);
      const parent = threadParent(session.sandbox, number);
      const message = { user: session.slackUser, channel: session.sandbox.channelId, threadTs: parent.ts, text: required(text, 'the note') };
      await observe(session, async () => void (await session.sandbox.slack.driver.postMessage(message)), { expectChange: false, timeoutMs: 0 });
    },
  },
  {
    name: 'shortcut',
    args: '<thread#> <message#> send_publicly',
    summary: 'run a message shortcut on message k of the thread (see `show`)',
    async run(args, session) {
      const [number, rest] = splitFirst(args);
      const [position, callbackId] = splitFirst(rest);
      const parent = threadParent(session.sandbox, number);
      const message = threadMessages(session.sandbox, parent.ts)[Number(position)];
      if (!message || position === '') throw new UsageError(`no message "${position}" in thread ${number} (see \`show ${number}\`)`);
      const shortcut = { user: session.slackUser, channel: session.sandbox.channelId, ts: message.ts, callbackId: required(callbackId, 'the shortcut (send_publicly)') };
      await observe(session, async () => void (await session.sandbox.slack.driver.messageShortcut(shortcut)), { expectChange: true, timeoutMs: clickWaitMs });
    },
  },
  ...['/social', '/socialreport'].map(
    (command): Command => ({
      name: command,
      args: '<args>',
      summary: command === '/social' ? 'slash command (e.g. /social help); prints the answer only you see' : 'the managers\' report',
      async run(args, session) {
        const invocation = { user: session.slackUser, channel: session.sandbox.channelId, command, text: args.trim() };
        await observe(session, async () => void (await session.sandbox.slack.driver.slashCommand(invocation)), { expectChange: false, timeoutMs: 0 });
      },
    }),
  ),
  {
    name: 'home',
    args: '',
    summary: "open Earshot's App Home",
    async run(_args, session) {
      const { slack } = session.sandbox;
      const before = slack.state.homeView(session.slackUser)?.hash;
      await slack.driver.openAppHome(session.slackUser);
      const deadline = Date.now() + homeWaitMs;
      while (slack.state.homeView(session.slackUser)?.hash === before && Date.now() < deadline) await sleep(100);
      const home = slack.state.homeView(session.slackUser);
      if (!home) {
        session.print(`Earshot has not published an App Home for ${session.slackUser}.`);
        return;
      }
      session.print(...renderView({ ...home, title: null }, renderContextOf(session.sandbox)));
    },
  },
];

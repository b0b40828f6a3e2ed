import { setTimeout as sleep } from 'node:timers/promises';
import { indent, observe } from './changes.js';
import { clickables, clickRequest } from './click-targets.js';
import { messageAuthor, renderMessage, renderMrkdwn, renderView } from './render-slack-message.js';
import { describePeople } from './roles.js';
import { required, splitFirst, UsageError, type Command } from './session.js';
import { parentMessages, renderContextOf, slackMarkup, slackPeople, statusLine, threadMessages, threadParent } from './workspace.js';

const clickWaitMs = 5000;
const homeWaitMs = 3000;

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
    name: 'people',
    args: '',
    summary: "Slack's people, their roles and teams",
    async run(_args, session) {
      session.print(`You are ${session.slackUser}. In Slack:`, ...describePeople(session.sandbox.slack));
    },
  },
  {
    name: 'as',
    args: '<slack user name>',
    summary: 'act as another person in Slack',
    async run(args, session) {
      const name = required(args, 'who (alice, bob, …)').replace(/^@/, '');
      const people = slackPeople(session.sandbox);
      const person = people.find((user) => user.name === name);
      if (!person) throw new UsageError(`no "${name}" in Slack; people: ${people.map((user) => user.name).join(', ')}`);
      session.slackUser = person.name;
      session.print(`You are now ${person.real_name} (${person.name}) in Slack.`);
    },
  },
  {
    name: 'click',
    args: '<thread#|dm [N]|home [N|E-ref]|ephemeral> <button>',
    summary: 'click a button (or overflow item) in a thread, your DMs, your App Home, or a message only you see',
    async run(args, session) {
      const { sandbox } = session;
      const request = clickRequest(session, args);
      const key = required(request.wanted, 'which button').toLowerCase();
      const context = renderContextOf(sandbox);
      for (const surface of request.surfaces) {
        const target = clickables(surface.blocks, context).find((item) => item.label.toLowerCase() === key || item.actionId.toLowerCase() === key);
        if (!target) continue;
        const where = { user: session.slackUser, ...surface.target, actionId: target.actionId, blockId: target.blockId };
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
      const offered = request.surfaces.flatMap((surface) => clickables(surface.blocks, context)).map((item) => `[${item.label}]`);
      throw new UsageError(`no button "${request.wanted}" in ${request.where}${offered.length > 0 ? `; it has ${[...new Set(offered)].join(' ')}` : ''}`);
    },
  },
  {
    name: 'note',
    args: '<thread#> <text>',
    summary: 'write in the thread (an internal note, not posted on X); @bob and @billing mention them',
    async run(args, session) {
      const [number, text] = splitFirst(args);
      const parent = threadParent(session.sandbox, number);
      const message = {
        user: session.slackUser,
        channel: session.sandbox.channelId,
        threadTs: parent.ts,
        text: slackMarkup(session.sandbox, required(text, 'the note')),
      };
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
      const shortcut = {
        user: session.slackUser,
        channel: session.sandbox.channelId,
        ts: message.ts,
        callbackId: required(callbackId, 'the shortcut (send_publicly)'),
      };
      await observe(session, async () => void (await session.sandbox.slack.driver.messageShortcut(shortcut)), { expectChange: true, timeoutMs: clickWaitMs });
    },
  },
  ...['/social', '/socialreport'].map((command): Command => ({
    name: command,
    args: '<args>',
    summary: command === '/social' ? 'slash command (e.g. /social help); prints the answer only you see' : "the managers' report",
    async run(args, session) {
      const invocation = { user: session.slackUser, channel: session.sandbox.channelId, command, text: args.trim() };
      await observe(session, async () => void (await session.sandbox.slack.driver.slashCommand(invocation)), { expectChange: false, timeoutMs: 0 });
    },
  })),
  {
    name: 'dms',
    args: '[person]',
    summary: "Earshot's direct messages to you (or to that person), numbered for `click dm N`",
    async run(args, session) {
      const name = args.trim().replace(/^@/, '') || session.slackUser;
      if (!slackPeople(session.sandbox).some((person) => person.name === name)) throw new UsageError(`no "${name}" in Slack (see \`people\`)`);
      const { messages } = session.sandbox.slack.state.directMessages(name);
      if (messages.length === 0) {
        session.print(`Earshot has not written to ${name} yet.`);
        return;
      }
      const context = renderContextOf(session.sandbox);
      session.print(`${name}'s DMs with Earshot, oldest first:`);
      messages.forEach((message, index) => session.print(`[${index + 1}] ${messageAuthor(message, context)}:`, ...indent(renderMessage(message, context))));
    },
  },
  {
    name: 'home',
    args: '',
    summary: "open Earshot's App Home (then `click home N <button>`)",
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
      const listed = home.blocks.filter((block, index) => block.type === 'section' && home.blocks[index + 1]?.type === 'actions').length;
      if (listed > 0) session.print(`(${listed} conversation(s) with buttons: \`click home N <button>\` clicks the Nth, \`click home E-1 <button>\` that one)`);
    },
  },
];

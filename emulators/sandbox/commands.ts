import { setTimeout as sleep } from 'node:timers/promises';
import { blueskyCommands } from './bluesky-commands.js';
import { describeChanges, takeSnapshot, watchChanges } from './changes.js';
import { fileCommands } from './file-commands.js';
import { metaCommands } from './meta-commands.js';
import { modalCommands } from './modal-commands.js';
import { describePeople } from './roles.js';
import { UsageError, type Command, type Session } from './session.js';
import { slackCommands } from './slack-commands.js';
import { xCommands } from './x-commands.js';

const defaultWaitMs = 30_000;
const waitQuietMs = 2500;

const sandboxCommands: Command[] = [
  {
    name: 'wait',
    args: '[seconds]',
    summary: 'let Earshot work, then print what changed (default: until things are quiet)',
    async run(args, session) {
      const seconds = args.trim() === '' ? undefined : Number(args);
      if (seconds !== undefined && !(seconds >= 0)) throw new UsageError('a number of seconds');
      const before = takeSnapshot(session);
      let after;
      if (seconds === undefined) {
        after = (await watchChanges(session, before, { expectChange: false, timeoutMs: defaultWaitMs, quietMs: waitQuietMs })).after;
      } else {
        await sleep(seconds * 1000);
        after = takeSnapshot(session);
      }
      const changes = describeChanges(session, before, after);
      session.print(...(changes.length > 0 ? changes : ['(nothing changed)']));
    },
  },
];

const all = new Map(
  [...xCommands, ...blueskyCommands, ...metaCommands, ...slackCommands, ...modalCommands, ...fileCommands, ...sandboxCommands].map((command) => [
    command.name,
    command,
  ]),
);

function usageOf(command: Command): string {
  return command.args ? `${command.name} ${command.args}` : command.name;
}

function list(commands: Command[]): string[] {
  const width = Math.max(...commands.map((command) => usageOf(command).length));
  return commands.map((command) => `  ${usageOf(command).padEnd(width)}  ${command.summary}`);
}

export function helpText(session: Session): string[] {
  return [
    'On X, as the customer:',
    ...list(xCommands),
    'On Bluesky, as the customer:',
    ...list(blueskyCommands),
    'On Facebook and Instagram, as the customer:',
    ...list(metaCommands),
    'In Slack, as an employee:',
    ...list([...slackCommands, ...modalCommands, ...fileCommands]),
    `People in Slack (you are ${session.slackUser}; \`as <name>\` switches):`,
    ...describePeople(session.sandbox.slack),
    'Sandbox:',
    ...list(sandboxCommands),
    '  help, quit (or Ctrl-C / Ctrl-D)',
  ];
}

/** Runs one typed line; returns false when the person wants to leave. Errors are printed, never thrown. */
export async function runLine(line: string, session: Session): Promise<boolean> {
  const trimmed = line.trim();
  if (trimmed === '' || trimmed.startsWith('#')) return true;
  const name = trimmed.split(/\s+/)[0] ?? '';
  const args = trimmed.slice(name.length).trim();
  if (name === 'quit' || name === 'exit') return false;
  if (name === 'help') {
    session.print(...helpText(session));
    return true;
  }
  const command = all.get(name);
  if (!command) {
    session.print(`! unknown command "${name}"; \`help\` lists them`);
    return true;
  }
  try {
    await command.run(args, session);
  } catch (error) {
    if (error instanceof UsageError) session.print(`! ${error.message}`, `  usage: ${usageOf(command)}`);
    else session.print(`! ${error instanceof Error ? error.message : String(error)}`);
  }
  return true;
}

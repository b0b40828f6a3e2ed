import { createInterface } from 'node:readline';
import { helpText, runLine } from './commands.js';
import type { Session } from './session.js';

export function welcomeText(session: Session): string[] {
  const { x, slack, logFile } = session.sandbox;
  const person = slack.users[session.slackUser];
  return [
    '',
    'Earshot sandbox: the real Earshot (node dist/main.js) against local X, Bluesky, Meta and Slack emulators. No accounts, no credentials.',
    `You are @${session.customer} on X, a customer of @${x.brand.username}, and ${session.slackUser} (${person?.real_name ?? session.slackUser}) in Slack,`,
    'on the team that answers in #social. Switch with `customer @handle` and `as bob`.',
    '',
    'Try: `mention my parcel is late` (Earshot polls X every 2 s and opens a thread in #social), `threads`, `show 1`,',
    '`click 1 Reply`, `type @jo it ships today`, `submit`, then `x` to see what went public. Hand it off:',
    '`click 1 Assign`, `pick billing`, `submit`, `as dana`, `dms`, `click dm Take it`. The README has the whole tour.',
    'Other networks: `bsky-mention <text>` (Bluesky), `fb-comment <text>` (Facebook), `ig-comment <text>` (Instagram).',
    `Earshot's log: ${logFile}. Every run starts with an empty workspace and database.`,
    '',
    ...helpText(session),
    '',
  ];
}

/**
 * Reads one command a line and runs each to completion before reading the next, so piped input
 * behaves exactly like typing. Resolves when the input ends or the person quits.
 */
export async function runCli(
  session: Session,
  input: NodeJS.ReadableStream & { isTTY?: boolean },
  output: NodeJS.WritableStream,
  onInterrupt: () => void,
): Promise<void> {
  const interactive = input.isTTY === true;
  const lines = createInterface({ input, output, terminal: interactive });
  // In a terminal, Ctrl-C arrives as a keystroke, also while a command is still waiting.
  lines.on('SIGINT', onInterrupt);
  const prompt = () => {
    if (!interactive) return;
    lines.setPrompt(`[@${session.customer} on X | ${session.slackUser} in Slack] > `);
    lines.prompt();
  };
  prompt();
  for await (const line of lines) {
    // Piped input is not echoed by a terminal; show it so the transcript reads like a session.
    if (!interactive) session.print(`> ${line}`);
    if (!(await runLine(line, session))) break;
    prompt();
  }
  lines.close();
}

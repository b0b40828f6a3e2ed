// `npm run sandbox`: Earshot end to end against the X, Bluesky, Meta and Slack emulators, driven from the terminal.
import { runCli, welcomeText } from './sandbox/cli.js';
import type { Session } from './sandbox/session.js';
import { startSandbox, type Sandbox } from './sandbox/start-sandbox.js';

const print = (...lines: string[]) => {
  if (lines.length > 0) process.stdout.write(`${lines.join('\n')}\n`);
};

let sandbox: Sandbox | undefined;
let stopping: Promise<void> | undefined;
/** Ctrl-C, SIGTERM, `quit` and the end of the input all leave the same clean way, like Earshot itself. */
const stop = (code = 0) => {
  stopping ??= (async () => {
    print('Stopping Earshot and the emulators…');
    await sandbox?.stop();
    process.exit(code);
  })();
  return stopping;
};
// Registered before start-up: Earshot runs in its own process group, so a signal must not end the sandbox without it.
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());

try {
  sandbox = await startSandbox({ dataDir: process.env.DATA_DIR ?? './data', report: (line) => print(line) });
} catch (error) {
  process.stderr.write(`The sandbox could not start: ${error instanceof Error ? error.message : String(error)}\n`);
  await stop(1);
}

if (sandbox) {
  const customer = sandbox.x.control.createUser({ username: 'jo', name: 'Jo' });
  const session: Session = { sandbox, customer: customer.username, slackUser: 'alice', print };
  void sandbox.earshot.exited.then((code) => {
    if (!stopping) print(`! Earshot exited on its own (${code}); see ${sandbox?.logFile}. \`quit\` to leave.`);
  });
  print(...welcomeText(session));
  await runCli(session, process.stdin, process.stdout, () => void stop());
  await stop();
}

import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const deadlineMs = 90_000;

describe('npm run sandbox', () => {
  let sandbox: ChildProcess | undefined;
  let dataDir: string | undefined;

  afterEach(async () => {
    if (sandbox && sandbox.exitCode === null && sandbox.signalCode === null) {
      // SIGTERM lets the sandbox stop Earshot (its own process group) before leaving.
      sandbox.kill('SIGTERM');
      const killer = setTimeout(() => sandbox?.kill('SIGKILL'), 10_000);
      await once(sandbox, 'exit');
      clearTimeout(killer);
    }
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  /** Pipes the lines into `npm run sandbox` and returns everything it printed once it has exited 0. */
  async function runSandbox(lines: string[]): Promise<string> {
    dataDir = mkdtempSync(path.join(tmpdir(), 'earshot-sandbox-'));
    const child = spawn(path.join(root, 'node_modules', '.bin', 'tsx'), ['emulators/sandbox.ts'], {
      cwd: root,
      env: { ...process.env, DATA_DIR: dataDir },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    sandbox = child;
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stdin.end([...lines, ''].join('\n'));
    const exited = once(child, 'exit') as Promise<[number | null, NodeJS.Signals | null]>;
    const timedOut = new Promise<never>((_, reject) =>
      setTimeout(() => reject(new Error(`the sandbox did not finish in ${deadlineMs / 1000} s:\n${output}`)), deadlineMs).unref(),
    );
    const [code] = await Promise.race([exited, timedOut]);
    expect(code, output).toBe(0);
    return output;
  }

  it(
    "the README's tour works as written: assign to a team, take it from the DM, a learning member's reply approved by bob",
    async () => {
      const readme = readFileSync(path.join(root, 'README.md'), 'utf8');
      const tour = /## Try it: the sandbox[\s\S]*?```\n([\s\S]*?)```/.exec(readme)?.[1] ?? '';
      const lines = tour
        .split('\n')
        .map((line) => line.replace(/\s+#.*$/, '').trim())
        .filter(Boolean);
      expect(lines).toEqual(expect.arrayContaining(['click 1 Assign', 'pick billing', 'click dm Take it', 'as bob']));
      const output = await runSandbox([...lines, 'click 1 Approve', 'quit']);
      const section = (command: string) => output.split(`> ${command}\n`)[1]?.split('\n> ')[0] ?? '';
      expect(section('submit')).toMatch(/\+ DM to carol[\s\S]*\[Take it\][\s\S]*\+ DM to dana[\s\S]*\[Take it\]/);
      expect(section('click dm Take it')).toContain('Assigned to @dana');
      expect(output).toContain('Draft reply by @dana awaiting approval* (learning responder)');
      expect(section('click 1 Approve')).toMatch(/on X: .*@acme_support ↩ to @jo: @jo it ships today/);
    },
    deadlineMs + 30_000,
  );

  it(
    'runs Earshot against the emulators: a mention reaches Slack, the reply from the modal is posted on X, a reply about a recall waits for approval',
    async () => {
      const heldReply = 'type @jo about the recall: a new one ships today';
      const output = await runSandbox([
        'mention my parcel is late',
        'threads',
        'click 1 Reply',
        'type @jo it ships today',
        'submit',
        'x',
        'click 1 Reply',
        heldReply,
        'submit',
        'as bob',
        'click 1 Approve',
        'quit',
      ]);

      const section = (command: string) => output.split(`> ${command}\n`)[1]?.split('\n> ')[0] ?? '';
      expect(section('mention my parcel is late')).toMatch(/\+ thread 1 \(new in #social\)[\s\S]*my parcel is late[\s\S]*\[Reply\] \[Assign\]/);
      expect(section('threads')).toContain('1. New mention from @jo: @acme_support my parcel is late');
      expect(section('click 1 Reply')).toContain('== Reply on X ==');
      expect(section('submit')).toContain('Replied publicly by @alice: @jo it ships today');
      expect(section('x')).toMatch(/@acme_support ↩ to @jo: @jo it ships today/);
      // The sandbox's guardrail: a reply about a recall waits for bob, then goes out once he approves it.
      expect(output.split(`> ${heldReply}\n`)[1]).toContain('Draft reply by @alice awaiting approval* (sensitive topic: recall)');
      expect(section('click 1 Approve')).toContain('Replied publicly by @alice (approved by @bob): @jo about the recall: a new one ships today');
      expect(section('click 1 Approve')).toMatch(/on X: .*@acme_support ↩ to @jo: @jo about the recall/);

      const log = readFileSync(path.join(dataDir!, 'sandbox', 'earshot.log'), 'utf8');
      expect(log).toContain('"msg":"stopping"');
    },
    deadlineMs + 30_000,
  );

  it(
    'a Bluesky mention reaches Slack, and the reply from the modal is posted on Bluesky',
    async () => {
      const output = await runSandbox(['bsky-mention my parcel is late', 'click 1 Reply', 'type @jo.bsky.social it ships today', 'submit', 'quit']);
      const section = (command: string) => output.split(`> ${command}\n`)[1]?.split('\n> ')[0] ?? '';
      expect(section('bsky-mention my parcel is late')).toMatch(/\+ thread 1 \(new in #social\)[\s\S]*my parcel is late[\s\S]*\[Reply\]/);
      expect(section('click 1 Reply')).toContain('== Reply on Bluesky ==');
      expect(section('submit')).toContain('Replied publicly by @alice: @jo.bsky.social it ships today');
    },
    deadlineMs + 30_000,
  );
});

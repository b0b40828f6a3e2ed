// `npm test`: the type check, the linters and the test suite, at once rather than one after another.
// The suite spends much of its time waiting on sockets, so the checks fit in the cores it leaves
// idle; their output is shown when they end (in full when they fail), the suite's as it runs.
// Arguments go to vitest (`npm test -- test/e2e/sla.test.ts`).
import { spawn } from 'node:child_process';

const startedAt = performance.now();

/** Runs a command; `buffered` keeps its output until it ends. */
function run(name, command, args, { buffered }) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { stdio: buffered ? ['ignore', 'pipe', 'pipe'] : 'inherit', shell: false });
    const output = [];
    child.stdout?.on('data', (chunk) => output.push(chunk));
    child.stderr?.on('data', (chunk) => output.push(chunk));
    child.on('error', (error) => resolve({ name, code: 1, output: `${error.message}\n` }));
    child.on('close', (code, signal) => resolve({ name, code: code ?? (signal ? 1 : 0), output: Buffer.concat(output).toString() }));
  });
}

const bin = (tool) => `node_modules/.bin/${tool}`;
const checks = [
  run('type check (tsc)', bin('tsc'), ['--noEmit'], { buffered: true }),
  run('lint (eslint)', bin('eslint'), ['.'], { buffered: true }),
  run('format (prettier)', bin('prettier'), ['--check', '.'], { buffered: true }),
];
const suite = await run('tests (vitest)', bin('vitest'), ['run', ...process.argv.slice(2)], { buffered: false });
const results = [...(await Promise.all(checks)), suite];

for (const result of results.slice(0, -1)) {
  if (result.code !== 0) process.stdout.write(`\n--- ${result.name} failed ---\n${result.output}`);
}
process.stdout.write('\n');
for (const { name, code } of results) process.stdout.write(`${code === 0 ? 'passed' : 'FAILED'}  ${name}\n`);
process.stdout.write(`npm test took ${((performance.now() - startedAt) / 1000).toFixed(1)} s.\n`);
process.exit(results.every((result) => result.code === 0) ? 0 : 1);

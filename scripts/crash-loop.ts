// `npm run test:crash-loop [-- --runs 20 --db pglite,postgresql]`: the crash-recovery test
// (Earshot killed while posting a reply, then restarted) many times in a row on each database,
// because its failures were intermittent (issue 17). Not part of `npm test`: it takes a while.
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { parseArgs } from 'node:util';

const testFile = 'test/e2e/crash-recovery.test.ts';

const { values } = parseArgs({ options: { runs: { type: 'string', default: '20' }, db: { type: 'string', default: 'pglite,postgresql' } } });
const runs = Number(values.runs);
if (!Number.isInteger(runs) || runs < 1) throw new Error(`--runs must be a positive whole number, not "${values.runs}"`);
const kinds = values.db.split(',').map((kind) => kind.trim());

async function runOnce(kind: string): Promise<{ passed: boolean; seconds: number; output: string }> {
  const started = Date.now();
  const child = spawn('npx', ['vitest', 'run', testFile], { env: { ...process.env, TEST_DATABASES: kind }, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { passed: code === 0, seconds: Math.round((Date.now() - started) / 1000), output };
}

const totals: string[] = [];
for (const kind of kinds) {
  let passed = 0;
  for (let run = 1; run <= runs; run += 1) {
    const result = await runOnce(kind);
    if (result.passed) passed += 1;
    console.log(`${kind} run ${run}/${runs}: ${result.passed ? 'passed' : 'FAILED'} (${result.seconds} s)`);
    if (!result.passed)
      console.log(
        result.output
          .split('\n')
          .filter((line) => /Error|timed out|expected|✗|×/.test(line))
          .slice(0, 10)
          .join('\n'),
      );
  }
  totals.push(`${kind}: ${passed}/${runs} passed`);
}
console.log(`\ncrash recovery, ${runs} runs per database\n${totals.join('\n')}`);
process.exitCode = totals.every((line) => line.includes(`${runs}/${runs}`)) ? 0 : 1;

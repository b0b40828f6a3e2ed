import { availableParallelism, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import type { DatabaseKind } from '../test/support/test-databases.js';
import { measureAcks } from './ack-latency.js';
import { startBareBolt } from './bare-bolt.js';
import { measureIngest } from './ingest-throughput.js';
import { memoryFigures, type MemoryFigures } from './memory.js';
import { measureProcess } from './process-figures.js';
import { printResult, type BenchResult } from './report.js';
import { runSocialReportBench } from './social-report.js';
import { StageTimeoutError, withinTime } from './stage.js';
import { startStack, type Stack } from './start-stack.js';
import { runTrustingCertificate, trustedTls } from './trusted-tls.js';

// Issue 11's measure: 20 people clicking at once.
const clickers = Array.from({ length: 20 }, (_, i) => `agent${i + 1}`);
const ackRounds = 10;
/** As the outside harness measures idle memory. */
const idleSeconds = 15;

interface BenchOptions {
  database: DatabaseKind;
  mentions: number;
}

function parseOptions(): BenchOptions {
  const { values } = parseArgs({ options: { db: { type: 'string', default: 'pglite' }, mentions: { type: 'string', default: '100' } } });
  const mentions = Number(values.mentions);
  if (values.db !== 'pglite' && values.db !== 'postgresql') throw new Error(`--db must be "pglite" or "postgresql", not "${values.db}"`);
  if (!Number.isInteger(mentions) || mentions < clickers.length)
    throw new Error(`--mentions must be a whole number of at least ${clickers.length} (the clicks need that many threads)`);
  return { database: values.db, mentions };
}

async function bench(options: BenchOptions, stack: Stack, environment: BenchResult['environment'], startupMemory: MemoryFigures): Promise<void> {
  console.log(`starting Earshot's build in its own process on a brand-new ${options.database} database, then ${idleSeconds} s idle…`);
  const ownProcess = await measureProcess(stack, options.database, idleSeconds);
  await measureIngest(stack, 5, 30_000);
  console.log(`ingesting ${options.mentions} mentions…`);
  // Earshot posts about two threads a second today, so the default of 100 keeps the run near a minute.
  const ingest = await measureIngest(stack, options.mentions, 30_000 + options.mentions * 600);
  console.log(`clicking Reply: ${clickers.length} at once, ${ackRounds} rounds on Earshot and on a bare Bolt app in turn, after a warm-up…`);
  const bare = await startBareBolt({ signingSecret: stack.slack.signingSecret, botToken: stack.slack.botToken, slackApiUrl: stack.slack.apiUrl });
  const acks = await measureAcks(stack, bare, clickers, ackRounds, 30_000).finally(() => bare.stop());
  printResult({
    environment,
    ingest,
    acks,
    ownProcess,
    startupMemory,
    memory: memoryFigures(),
    earshotWarnings: stack.logs.length,
  });
}

async function main(): Promise<number> {
  // `npm run bench -- --report`: /socialreport's queries on 200,000 conversations (PostgreSQL), nothing else.
  if (process.argv.includes('--report')) return runSocialReportBench(process.argv.slice(2)).then(() => 0);
  const options = parseOptions();
  const tls = await trustedTls();
  if (!tls) return runTrustingCertificate();

  // Other work on a shared machine skews every figure; the load average says how much there was.
  const environment = { node: process.version, cpus: availableParallelism(), loadAverage: Number(loadavg()[0]!.toFixed(2)), database: options.database };
  console.log(`node ${environment.node}, ${environment.cpus} CPUs, load average ${environment.loadAverage} before the run, database ${environment.database}`);
  const slackUsers = clickers.map((name, i) => ({ name, realName: `Agent ${i + 1}` }));
  const starting = startStack({ database: options.database, tls, slackUsers });
  const stack = await withinTime('start-up (emulators, database, Earshot)', 60_000, () => starting).catch(async (error: unknown) => {
    // A start-up that finishes late still made a database and servers: take them down before failing.
    await withinTime('clean-up after a slow start-up', 30_000, () =>
      starting.then(
        (late) => late.stop(),
        () => undefined,
      ),
    ).catch(() => undefined);
    throw error;
  });
  try {
    await bench(options, stack, environment, memoryFigures());
    return 0;
  } catch (error) {
    if (stack.logs.length > 0) console.error(`Earshot's last warnings:\n${stack.logs.slice(-5).join('')}`);
    throw error;
  } finally {
    await withinTime('shut-down', 30_000, () => stack.stop());
  }
}

main().then(
  (code) => process.exit(code),
  (error: unknown) => {
    const what = error instanceof StageTimeoutError ? `timed out: ${error.message}` : error instanceof Error ? error.message : String(error);
    console.error(`bench failed: ${what}`);
    process.exit(1);
  },
);

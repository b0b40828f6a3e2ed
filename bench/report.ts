import type { AckFigures, SideBySideAcks } from './ack-latency.js';
import type { IngestFigures } from './ingest-throughput.js';
import type { MemoryFigures } from './memory.js';
import type { ProcessFigures } from './process-figures.js';

export interface BenchResult {
  /** loadAverage: the machine's 1-minute load average when the run started. */
  environment: { node: string; cpus: number; loadAverage: number; database: 'pglite' | 'postgresql' };
  ingest: IngestFigures;
  acks: SideBySideAcks;
  /** Earshot's build in its own process (process-figures.ts). */
  ownProcess: ProcessFigures;
  /** The bench process (Earshot, both emulators) right after start-up, before any benchmark. */
  startupMemory: MemoryFigures;
  memory: MemoryFigures;
  /** Lines Earshot logged at warn or above during the run (0 in a clean run). */
  earshotWarnings: number;
}

/** Issue 11's targets, per database. */
const targets = {
  pglite: { ackP99Ratio: 1.5, idleRssMiB: 250, startToHealthyMs: 3000 },
  postgresql: { ackP99Ratio: 1.5, idleRssMiB: 150, startToHealthyMs: 2000 },
};

const round = (value: number, digits: number) => Number(value.toFixed(digits));
const roundMemory = (memory: MemoryFigures): MemoryFigures => ({ peakRssMiB: round(memory.peakRssMiB, 1), heapUsedMiB: round(memory.heapUsedMiB, 1) });
const verdict = (met: boolean) => (met ? 'target met' : 'TARGET MISSED');
const ackLine = (acks: AckFigures) => `p50 ${acks.p50Ms} ms, p99 ${acks.p99Ms} ms, max ${acks.maxMs} ms`;

/** A table for people, then one machine-readable line. */
export function printResult(result: BenchResult): void {
  const { ingest, acks, ownProcess, startupMemory, memory } = result;
  const target = targets[result.environment.database];
  const p99Ratio = acks.earshot.p99Ms / acks.bareBolt.p99Ms;
  const rows: Array<[string, string]> = [
    [
      'Ingest: mentions → Slack threads',
      `${ingest.mentionsPerSecond.toFixed(1)} mentions/s (${ingest.mentions} in ${ingest.totalSeconds.toFixed(2)} s; the poll itself ${ingest.pollSeconds.toFixed(2)} s)`,
    ],
    [`Ack latency, ${acks.earshot.concurrency} concurrent clicks: Earshot`, `${ackLine(acks.earshot)} (${acks.earshot.clicks} clicks; Slack allows 3000 ms)`],
    ['  … the same clicks on a bare Bolt app', `${ackLine(acks.bareBolt)} (${acks.bareBolt.clicks} clicks)`],
    [
      '  … Earshot / bare Bolt',
      `p50 ×${(acks.earshot.p50Ms / acks.bareBolt.p50Ms).toFixed(2)}, p99 ×${p99Ratio.toFixed(2)} (target ≤ ×${target.ackP99Ratio}: ${verdict(p99Ratio <= target.ackP99Ratio)})`,
    ],
    [
      'Longest event-loop block in clicks',
      `${acks.earshot.longestLoopBlockMs} ms on Earshot's rounds, ${acks.bareBolt.longestLoopBlockMs} ms on the bare app's`,
    ],
    [
      'Own process: start to healthy /healthz',
      `${ownProcess.startToHealthyMs} ms on a brand-new database (target ≤ ${target.startToHealthyMs} ms: ${verdict(ownProcess.startToHealthyMs <= target.startToHealthyMs)})`,
    ],
    [
      `Own process: RSS after ${ownProcess.idleSeconds} s idle`,
      `${ownProcess.idleRssMiB.toFixed(0)} MiB, peak ${ownProcess.peakRssMiB.toFixed(0)} MiB (target ≤ ${target.idleRssMiB} MiB: ${verdict(ownProcess.idleRssMiB <= target.idleRssMiB)})`,
    ],
    ['Bench process peak RSS (Earshot + emulators)', `${memory.peakRssMiB.toFixed(0)} MiB (${startupMemory.peakRssMiB.toFixed(0)} MiB after start-up)`],
    ['Heap used after the benchmarks', `${memory.heapUsedMiB.toFixed(0)} MiB`],
    ['Earshot log lines at warn+', String(result.earshotWarnings)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log('');
  for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
  const json = {
    ...result,
    ingest: {
      ...ingest,
      totalSeconds: round(ingest.totalSeconds, 3),
      pollSeconds: round(ingest.pollSeconds, 3),
      mentionsPerSecond: round(ingest.mentionsPerSecond, 2),
    },
    acks: { ...acks, p99Ratio: round(p99Ratio, 2) },
    ownProcess: { ...ownProcess, idleRssMiB: round(ownProcess.idleRssMiB, 1), peakRssMiB: round(ownProcess.peakRssMiB, 1) },
    targets: target,
    startupMemory: roundMemory(startupMemory),
    memory: roundMemory(memory),
  };
  console.log(`BENCH_RESULT ${JSON.stringify(json)}`);
}

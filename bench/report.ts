import type { AckFigures } from './ack-latency.js';
import type { IngestFigures } from './ingest-throughput.js';
import type { MemoryFigures } from './memory.js';

export interface BenchResult {
  /** loadAverage: the machine's 1-minute load average when the run started. */
  environment: { node: string; cpus: number; loadAverage: number; database: string };
  ingest: IngestFigures;
  acks: AckFigures;
  /** Right after start-up (migrations, job queue, Slack app), before any benchmark. */
  startupMemory: MemoryFigures;
  memory: MemoryFigures;
  /** Lines Earshot logged at warn or above during the run (0 in a clean run). */
  earshotWarnings: number;
}

const round = (value: number, digits: number) => Number(value.toFixed(digits));
const roundMemory = (memory: MemoryFigures): MemoryFigures => ({ peakRssMiB: round(memory.peakRssMiB, 1), heapUsedMiB: round(memory.heapUsedMiB, 1) });

/** A table for people, then one machine-readable line. */
export function printResult(result: BenchResult): void {
  const { ingest, acks, startupMemory, memory } = result;
  const rows: Array<[string, string]> = [
    ['Ingest: mentions → Slack threads', `${ingest.mentionsPerSecond.toFixed(1)} mentions/s (${ingest.mentions} in ${ingest.totalSeconds.toFixed(2)} s; the poll itself ${ingest.pollSeconds.toFixed(2)} s)`],
    [`Ack latency, ${acks.concurrency} concurrent clicks`, `p50 ${acks.p50Ms} ms, p99 ${acks.p99Ms} ms, max ${acks.maxMs} ms (${acks.clicks} clicks; Slack allows 3000 ms, target p99 < 100 ms)`],
    ['Longest event-loop block in clicks', `${acks.longestLoopBlockMs} ms`],
    ['Peak RSS (whole process)', `${memory.peakRssMiB.toFixed(0)} MiB (${startupMemory.peakRssMiB.toFixed(0)} MiB after start-up)`],
    ['Heap used after the benchmarks', `${memory.heapUsedMiB.toFixed(0)} MiB`],
    ['Earshot log lines at warn+', String(result.earshotWarnings)],
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  console.log('');
  for (const [label, value] of rows) console.log(`${label.padEnd(width)}  ${value}`);
  const json = {
    ...result,
    ingest: { ...ingest, totalSeconds: round(ingest.totalSeconds, 3), pollSeconds: round(ingest.pollSeconds, 3), mentionsPerSecond: round(ingest.mentionsPerSecond, 2) },
    startupMemory: roundMemory(startupMemory),
    memory: roundMemory(memory),
  };
  console.log(`BENCH_RESULT ${JSON.stringify(json)}`);
}

import { monitorEventLoopDelay } from 'node:perf_hooks';
import { waitUntil, withinTime } from './stage.js';
import { threadParents, type Stack } from './start-stack.js';

export interface AckFigures {
  /** Clicks at once in each round. */
  concurrency: number;
  clicks: number;
  p50Ms: number;
  p99Ms: number;
  maxMs: number;
  /**
   * The longest the event loop was blocked during the measured rounds. Earshot and both emulators
   * share one process, so while it is blocked no acknowledgement can be sent or received.
   */
  longestLoopBlockMs: number;
}

/** Nearest-rank percentile of sorted values. */
function percentile(sorted: number[], p: number): number {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)] ?? Number.NaN;
}

/**
 * One round: every person clicks Reply on a different thread at once. Each latency is the HTTP
 * round trip of Slack's delivery until the app's acknowledgement (what Slack's 3 s limit applies
 * to). The round ends when every modal is open, so background work never spills into the next.
 */
async function clickRound(stack: Stack, people: string[], threads: string[], offset: number, timeoutMs: number): Promise<number[]> {
  const { slack, channelId } = stack;
  const viewBefore = (name: string) => slack.state.openViews(slack.users[name]!.id)[0]?.id;
  const before = people.map(viewBefore);
  return withinTime(`a round of ${people.length} concurrent Reply clicks and their modals`, timeoutMs, async (signal) => {
    const results = await Promise.all(
      people.map((user, i) => slack.driver.clickButton({ user, channel: channelId, ts: threads[(offset + i) % threads.length]!, actionId: 'reply_open' })),
    );
    const unacked = results.filter((result) => !result.delivery.acked);
    if (unacked.length > 0) {
      const attempt = unacked[0]!.delivery.attempts.at(-1);
      throw new Error(`${unacked.length} of ${results.length} clicks were not acknowledged (first: status ${attempt?.status ?? '-'}, ${attempt?.error ?? 'no error'})`);
    }
    await waitUntil(() => people.every((name, i) => viewBefore(name) !== undefined && viewBefore(name) !== before[i]), signal);
    return results.map((result) => result.delivery.attempts.at(-1)!.durationMs);
  });
}

/** `rounds` measured rounds of concurrent Reply clicks, one per person, after one warm-up round. */
export async function measureAcks(stack: Stack, people: string[], rounds: number, roundTimeoutMs: number): Promise<AckFigures> {
  const threads = threadParents(stack).map((message) => message.ts);
  if (threads.length < people.length) throw new Error(`acks: need ${people.length} threads in #social, found ${threads.length}`);
  await clickRound(stack, people, threads, 0, roundTimeoutMs);
  const latencies: number[] = [];
  const loopDelay = monitorEventLoopDelay({ resolution: 5 });
  loopDelay.enable();
  try {
    for (let round = 1; round <= rounds; round += 1) latencies.push(...(await clickRound(stack, people, threads, round * people.length, roundTimeoutMs)));
  } finally {
    loopDelay.disable();
  }
  latencies.sort((a, b) => a - b);
  return {
    concurrency: people.length,
    clicks: latencies.length,
    p50Ms: percentile(latencies, 50),
    p99Ms: percentile(latencies, 99),
    maxMs: latencies.at(-1) ?? Number.NaN,
    longestLoopBlockMs: Math.round(loopDelay.max / 1e6),
  };
}

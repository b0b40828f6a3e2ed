import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { BareBolt } from './bare-bolt.js';
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
async function clickRound(stack: Stack, people: string[], threads: string[], offset: number, timeoutMs: number, waitForModals = true): Promise<number[]> {
  const { slack, channelId } = stack;
  const viewBefore = (name: string) => slack.state.openViews(slack.users[name]!.id)[0]?.id;
  const before = people.map(viewBefore);
  return withinTime(`a round of ${people.length} concurrent Reply clicks${waitForModals ? ' and their modals' : ''}`, timeoutMs, async (signal) => {
    const results = await Promise.all(
      people.map((user, i) => slack.driver.clickButton({ user, channel: channelId, ts: threads[(offset + i) % threads.length]!, actionId: 'reply_open' })),
    );
    const unacked = results.filter((result) => !result.delivery.acked);
    if (unacked.length > 0) {
      const attempt = unacked[0]!.delivery.attempts.at(-1);
      throw new Error(
        `${unacked.length} of ${results.length} clicks were not acknowledged (first: status ${attempt?.status ?? '-'}, ${attempt?.error ?? 'no error'})`,
      );
    }
    if (waitForModals) await waitUntil(() => people.every((name, i) => viewBefore(name) !== undefined && viewBefore(name) !== before[i]), signal);
    return results.map((result) => result.delivery.attempts.at(-1)!.durationMs);
  });
}

export interface SideBySideAcks {
  earshot: AckFigures;
  /** The same clicks on a Bolt app that only acknowledges (bare-bolt.ts): the floor. */
  bareBolt: AckFigures;
}

function figures(latencies: number[], concurrency: number, longestLoopBlockMs: number): AckFigures {
  const sorted = [...latencies].sort((a, b) => a - b);
  return {
    concurrency,
    clicks: sorted.length,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.at(-1) ?? Number.NaN,
    longestLoopBlockMs,
  };
}

/**
 * `rounds` measured rounds of concurrent Reply clicks, one per person, on Earshot and on a bare
 * Bolt app in turn (after one warm-up round each), so that both see the same machine load.
 */
export async function measureAcks(stack: Stack, bare: BareBolt, people: string[], rounds: number, roundTimeoutMs: number): Promise<SideBySideAcks> {
  const threads = threadParents(stack).map((message) => message.ts);
  if (threads.length < people.length) throw new Error(`acks: need ${people.length} threads in #social, found ${threads.length}`);
  const earshotUrl = `http://127.0.0.1:${stack.earshot.port}/slack/events`;
  const onEarshot = (offset: number) => {
    stack.slack.setRequestUrl(earshotUrl);
    return clickRound(stack, people, threads, offset, roundTimeoutMs);
  };
  const onBareBolt = (offset: number) => {
    stack.slack.setRequestUrl(bare.requestUrl);
    return clickRound(stack, people, threads, offset, roundTimeoutMs, false);
  };
  const earshot: number[] = [];
  const bareBolt: number[] = [];
  const earshotLoop = monitorEventLoopDelay({ resolution: 5 });
  const bareLoop = monitorEventLoopDelay({ resolution: 5 });
  try {
    await onBareBolt(0);
    await onEarshot(0);
    for (let round = 1; round <= rounds; round += 1) {
      bareLoop.enable();
      bareBolt.push(...(await onBareBolt(round * people.length)));
      bareLoop.disable();
      earshotLoop.enable();
      earshot.push(...(await onEarshot(round * people.length)));
      earshotLoop.disable();
    }
  } finally {
    stack.slack.setRequestUrl(earshotUrl);
  }
  return {
    earshot: figures(earshot, people.length, Math.round(earshotLoop.max / 1e6)),
    bareBolt: figures(bareBolt, people.length, Math.round(bareLoop.max / 1e6)),
  };
}

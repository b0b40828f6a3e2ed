import { performance } from 'node:perf_hooks';
import { waitUntil, withinTime } from './stage.js';
import { threadParents, type Stack } from './start-stack.js';

export interface IngestFigures {
  mentions: number;
  /** From the poll's start until the last parent message was in #social. */
  totalSeconds: number;
  /** The share of that spent in the poll itself (fetch from X, store, queue the Slack jobs). */
  pollSeconds: number;
  mentionsPerSecond: number;
}

const customers = 30;

/** Posts `count` mentions by several customers on X, polls once, and times until every one is a Slack thread. */
export async function measureIngest(stack: Stack, count: number, timeoutMs: number): Promise<IngestFigures> {
  const { x, earshot } = stack;
  const before = threadParents(stack).length;
  // Handles must be unique across calls; the number of threads so far tells calls apart.
  const people = Array.from({ length: customers }, (_, i) => x.control.createUser({ username: `c${before}_${i}`, name: `Customer ${i}` }));
  for (let i = 0; i < count; i += 1) {
    const author = people[i % customers]!;
    x.control.post(author.id, { text: `@${x.brand.username} order #${1000 + i} has not arrived yet, can you check?` });
  }

  const started = performance.now();
  let polled = started;
  await withinTime(`ingest of ${count} mentions into Slack threads`, timeoutMs, async (signal) => {
    await earshot.pollNow();
    polled = performance.now();
    await waitUntil(() => threadParents(stack).length >= before + count, signal, 100);
  });
  const finished = performance.now();

  const totalSeconds = (finished - started) / 1000;
  return { mentions: count, totalSeconds, pollSeconds: (polled - started) / 1000, mentionsPerSecond: count / totalSeconds };
}

/** Twitter's snowflake epoch (2010-11-04T01:42:54.657Z). */
const EPOCH_MS = 1288834974657n;

/**
 * Snowflake-like ids: milliseconds since the epoch shifted left by 22 bits plus a sequence, so ids
 * sort by creation time when compared as BigInt — the property pollers rely on (`since_id`).
 * Never goes backwards, even if the clock does.
 */
export function createIdGenerator(now: () => number): () => string {
  let last = 0n;
  return () => {
    const fromClock = (BigInt(Math.floor(now())) - EPOCH_MS) << 22n;
    last = fromClock > last ? fromClock : last + 1n;
    return last.toString();
  };
}

export const compareIdsDesc = (a: { id: string }, b: { id: string }): number => {
  const x = BigInt(a.id);
  const y = BigInt(b.id);
  return x === y ? 0 : x > y ? -1 : 1;
};

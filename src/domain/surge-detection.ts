/**
 * When mentions surge: a rolling window well above the usual rate. Pure; the counts come from the
 * database (see src/surges/check-surges.ts).
 */
export interface SurgeThresholds {
  /** A window with more than `factor` × the usual count is a surge… */
  factor: number;
  /** …as long as it has at least this many mentions. */
  minMentions: number;
}

/** The usual history: the 7 days before the window. */
export const BASELINE_DAYS = 7;
const minutesPerDay = 24 * 60;

/** The usual count for one window: mentions in the 7 days before it, spread over the windows of 7 days. */
export function usualCountPerWindow(baselineMentions: number, windowMinutes: number): number {
  return baselineMentions / ((BASELINE_DAYS * minutesPerDay) / windowMinutes);
}

export function isSurging(count: number, usual: number, thresholds: SurgeThresholds): boolean {
  return count >= thresholds.minMentions && count > thresholds.factor * usual;
}

/**
 * What to do with a topic after counting its current window:
 * - `start`: no surge was running and the window is at the surge rate;
 * - `grow`: a running surge is still at the rate;
 * - `calm`: a running surge fell below the rate, but less than a full window ago;
 * - `end`: a full window has passed below the rate since the surge was last at it;
 * - `none`: nothing running, nothing to start.
 */
export type SurgeStep = 'start' | 'grow' | 'calm' | 'end' | 'none';

export interface SurgeStepInput {
  count: number;
  usual: number;
  thresholds: SurgeThresholds;
  windowMinutes: number;
  now: Date;
  /** The running surge, if any: when its window was last at the surge rate. */
  running?: { lastSurgingAt: Date };
}

export function nextSurgeStep(input: SurgeStepInput): SurgeStep {
  const surging = isSurging(input.count, input.usual, input.thresholds);
  if (!input.running) return surging ? 'start' : 'none';
  if (surging) return 'grow';
  const belowForMs = input.now.getTime() - input.running.lastSurgingAt.getTime();
  return belowForMs >= input.windowMinutes * 60_000 ? 'end' : 'calm';
}

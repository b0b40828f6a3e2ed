import { describe, expect, it } from 'vitest';
import { isSurging, nextSurgeStep, usualCountPerWindow } from '../../src/domain/surge-detection.js';

const thresholds = { factor: 3, minMentions: 10 };
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 23, 12, minutes));

describe('surge detection', () => {
  it('spreads the 7 days before the window over the windows of 7 days', () => {
    // 7 days of 30-minute windows: 336 windows.
    expect(usualCountPerWindow(672, 30)).toBe(2);
    expect(usualCountPerWindow(0, 30)).toBe(0);
    expect(usualCountPerWindow(168, 60)).toBe(1);
  });

  it('needs both the minimum number of mentions and more than factor × the usual count', () => {
    expect(isSurging(13, 4, thresholds)).toBe(true);
    expect(isSurging(12, 4, thresholds)).toBe(false); // exactly 3 × usual is not above it
    expect(isSurging(9, 0, thresholds)).toBe(false); // below the minimum, even from nothing
    expect(isSurging(10, 0, thresholds)).toBe(true);
    expect(isSurging(40, 20, thresholds)).toBe(false); // a busy day is not a surge
  });

  it('starts, grows, calms down and ends after a full window below the rate', () => {
    const base = { usual: 2, thresholds, windowMinutes: 30 };
    expect(nextSurgeStep({ ...base, count: 5, now: at(0) })).toBe('none');
    expect(nextSurgeStep({ ...base, count: 20, now: at(0) })).toBe('start');
    const running = { lastSurgingAt: at(0) };
    expect(nextSurgeStep({ ...base, count: 25, now: at(10), running })).toBe('grow');
    expect(nextSurgeStep({ ...base, count: 5, now: at(29), running })).toBe('calm');
    expect(nextSurgeStep({ ...base, count: 5, now: at(30), running })).toBe('end');
  });
});

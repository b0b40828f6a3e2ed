import { describe, expect, it } from 'vitest';
import { compile } from 'vega-lite';
import type { DailyPoint } from '../../src/reports/daily-point.js';
import {
  buildDailyChartSpec,
  fillDays,
  inboundSeriesName,
  noMentionsText,
  quietLogger,
  renderDailyChartPng,
  renderDailyChartSvg,
  responseSeriesName,
  responseUnitFor,
} from '../../src/reports/render-chart.js';

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/** Width and height from the IHDR chunk, which always comes first after the signature. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(12, 16).toString('latin1')).toBe('IHDR');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

function days(count: number, start = '2026-08-26'): DailyPoint[] {
  const first = Date.parse(`${start}T00:00:00Z`);
  return Array.from({ length: count }, (_, i) => ({
    day: new Date(first + i * 86_400_000).toISOString().slice(0, 10),
    inbound: 20 + ((i * 7) % 30),
    // Every fifth day nobody was answered.
    medianFirstResponseSeconds: i % 5 === 4 ? null : 600 + ((i * 331) % 3000),
  }));
}

const week: DailyPoint[] = [
  { day: '2026-11-17', inbound: 42, medianFirstResponseSeconds: 23 * 60 },
  { day: '2026-11-18', inbound: 57, medianFirstResponseSeconds: 31 * 60 },
  { day: '2026-11-19', inbound: 38, medianFirstResponseSeconds: 18 * 60 },
  { day: '2026-11-20', inbound: 71, medianFirstResponseSeconds: 64 * 60 },
  { day: '2026-11-21', inbound: 12, medianFirstResponseSeconds: null },
  { day: '2026-11-22', inbound: 9, medianFirstResponseSeconds: 95 * 60 },
  { day: '2026-11-23', inbound: 33, medianFirstResponseSeconds: 27 * 60 },
];

interface LayerLike {
  mark: { type: string };
  encoding: { y: { field: string; title: string }; color: { datum: string } };
}

describe('buildDailyChartSpec', () => {
  it('layers bars of daily mentions and a line of the median first response on a second axis', () => {
    const spec = buildDailyChartSpec(week, { title: 'Last 7 days' }) as unknown as {
      layer: LayerLike[];
      resolve: unknown;
      title: { text: string; subtitle: string };
      data: { values: Array<{ day: string; inbound: number; median: number | null }> };
    };
    const [bars, line] = spec.layer;
    expect(bars?.mark.type).toBe('bar');
    expect(bars?.encoding.y).toMatchObject({ field: 'inbound', title: 'Mentions per day' });
    expect(bars?.encoding.color.datum).toBe(inboundSeriesName);
    expect(line?.mark.type).toBe('line');
    expect(line?.encoding.y).toMatchObject({ field: 'median', title: 'Median first response (minutes)' });
    expect(line?.encoding.color.datum).toBe(responseSeriesName);
    expect(spec.resolve).toEqual({ scale: { y: 'independent' } });
    expect(spec.title).toMatchObject({ text: 'Last 7 days', subtitle: 'Nov 17, 2026 – Nov 23, 2026' });
    expect(spec.data.values).toHaveLength(7);
    expect(spec.data.values[0]).toEqual({ day: '2026-11-17', inbound: 42, median: 23 });
    expect(spec.data.values[4]).toEqual({ day: '2026-11-21', inbound: 12, median: null });
  });

  it('compiles with Vega-Lite without a warning, for a week, 90 days and nothing', () => {
    for (const points of [week, days(90), []]) {
      const logger = quietLogger();
      compile(buildDailyChartSpec(points), { logger });
      expect(logger.warnings).toEqual([]);
    }
  });

  it('shows hours once the slowest day goes past three hours', () => {
    const slow = [...week.slice(0, 6), { day: '2026-11-23', inbound: 5, medianFirstResponseSeconds: 5 * 3600 }];
    expect(responseUnitFor(week)).toBe('minutes');
    expect(responseUnitFor(slow)).toBe('hours');
    const spec = buildDailyChartSpec(slow) as unknown as { layer: LayerLike[]; data: { values: Array<{ median: number | null }> } };
    expect(spec.layer[1]?.encoding.y.title).toBe('Median first response (hours)');
    expect(spec.data.values.at(-1)?.median).toBe(5);
    expect(spec.data.values[0]?.median).toBe(0.4);
  });

  it('says there were no mentions when there is nothing to draw', () => {
    for (const points of [[], [{ day: '2026-11-23', inbound: 0, medianFirstResponseSeconds: null }]]) {
      const spec = buildDailyChartSpec(points) as unknown as { mark: { type: string }; data: { values: Array<{ text: string }> } };
      expect(spec.mark.type).toBe('text');
      expect(spec.data.values).toEqual([{ text: noMentionsText }]);
    }
  });
});

describe('fillDays', () => {
  it('sorts the days and fills the missing ones with no mentions and no median', () => {
    const filled = fillDays([
      { day: '2026-11-23', inbound: 3, medianFirstResponseSeconds: 60 },
      { day: '2026-11-20', inbound: 1, medianFirstResponseSeconds: 120 },
    ]);
    expect(filled.map((point) => point.day)).toEqual(['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23']);
    expect(filled[1]).toEqual({ day: '2026-11-21', inbound: 0, medianFirstResponseSeconds: null });
  });

  it('refuses what cannot be drawn honestly', () => {
    expect(() => fillDays([{ day: '23/11/2026', inbound: 1, medianFirstResponseSeconds: null }])).toThrow(RangeError);
    expect(() => fillDays([{ day: '2026-02-30', inbound: 1, medianFirstResponseSeconds: null }])).toThrow(RangeError);
    expect(() => fillDays([{ day: '2026-11-23', inbound: -1, medianFirstResponseSeconds: null }])).toThrow(RangeError);
    expect(() => fillDays([{ day: '2026-11-23', inbound: 1, medianFirstResponseSeconds: Number.NaN }])).toThrow(RangeError);
    const twice = { day: '2026-11-23', inbound: 1, medianFirstResponseSeconds: null };
    expect(() => fillDays([twice, twice])).toThrow(/twice/);
  });
});

describe('renderDailyChartPng', () => {
  it('draws a week as a PNG twice the chart size, for crisp text in Slack', async () => {
    const png = await renderDailyChartPng(week, { title: 'Last 7 days' });
    expect(png.subarray(0, 8)).toEqual(pngSignature);
    expect(pngSize(png)).toEqual({ width: 1600, height: 800 });
    expect(png.length).toBeGreaterThan(20_000);
  });

  it('honours the requested size', async () => {
    const png = await renderDailyChartPng(week, { width: 600, height: 300 });
    expect(pngSize(png)).toEqual({ width: 1200, height: 600 });
  });

  it('draws 90 days with unanswered days', async () => {
    const png = await renderDailyChartPng(days(90));
    expect(png.subarray(0, 8)).toEqual(pngSignature);
    expect(pngSize(png)).toEqual({ width: 1600, height: 800 });
  });

  it('still draws a valid PNG when there were no mentions', async () => {
    const png = await renderDailyChartPng([]);
    expect(png.subarray(0, 8)).toEqual(pngSignature);
    expect(pngSize(png)).toEqual({ width: 1600, height: 800 });
  });
});

describe('renderDailyChartSvg', () => {
  it('writes the titles, the legend and one label per day of a week', async () => {
    const svg = await renderDailyChartSvg(week, { title: 'Last 7 days' });
    for (const text of ['Last 7 days', 'Mentions per day', 'Median first response (minutes)', inboundSeriesName, responseSeriesName]) {
      expect(svg).toContain(`>${text}<`);
    }
    for (const day of ['Nov 17', 'Nov 18', 'Nov 19', 'Nov 20', 'Nov 21', 'Nov 22', 'Nov 23']) expect(svg).toContain(`>${day}<`);
  });

  it('labels 90 days sparsely, on Mondays', async () => {
    const svg = await renderDailyChartSvg(days(90));
    const labels = [...svg.matchAll(/>([A-Z][a-z]{2} \d{1,2})</g)].map((match) => match[1]);
    expect(labels.length).toBeGreaterThanOrEqual(5);
    expect(labels.length).toBeLessThanOrEqual(14);
    for (const label of labels) expect(new Date(`${label}, 2026 00:00 UTC`).getUTCDay()).toBe(1);
  });

  it('says so when there were no mentions', async () => {
    expect(await renderDailyChartSvg([])).toContain(`>${noMentionsText}<`);
  });
});

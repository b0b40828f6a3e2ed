import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { renderAsync, type ResvgRenderOptions } from '@resvg/resvg-js';
import { parse, View, Warn } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';
import type { DailyPoint } from './daily-point.js';

/**
 * The `/socialreport` chart: bars for the mentions that came in each day, and a line on a second
 * axis for the day's median first response. Rendered on the server without a browser: Vega-Lite
 * spec → Vega view (no renderer) → SVG → PNG through resvg.
 */

export interface DailyChartOptions {
  /** Shown above the chart. */
  title?: string;
  /** Size of the chart in CSS pixels; the PNG has twice as many pixels each way (crisp in Slack). */
  width?: number;
  height?: number;
}

export const noMentionsText = 'No mentions in this period';
export const inboundSeriesName = 'Mentions';
export const responseSeriesName = 'Median first response';

const defaultTitle = 'Mentions and first response';
const defaultWidth = 800;
const defaultHeight = 400;
const pixelRatio = 2;
const fontFamily = 'DejaVu Sans';
const barColor = '#8fb8de';
const lineColor = '#d9480f';
const textColor = '#1d1c1d';
const dayMs = 86_400_000;

/** The median line's unit: minutes while the slowest day stays under 3 hours, hours beyond. */
export type ResponseUnit = 'minutes' | 'hours';

export function responseUnitFor(points: readonly DailyPoint[]): ResponseUnit {
  const slowest = Math.max(0, ...points.map((point) => point.medianFirstResponseSeconds ?? 0));
  return slowest > 3 * 3600 ? 'hours' : 'minutes';
}

/** Sorted by day, one row per calendar day from the first to the last (missing days: 0 and no median). */
export function fillDays(points: readonly DailyPoint[]): DailyPoint[] {
  const byDay = new Map<number, DailyPoint>();
  for (const point of points) {
    const time = parseDay(point.day);
    if (!Number.isInteger(point.inbound) || point.inbound < 0) throw new RangeError(`inbound on ${point.day} is not a count: ${point.inbound}`);
    const median = point.medianFirstResponseSeconds;
    if (median !== null && !(Number.isFinite(median) && median >= 0))
      throw new RangeError(`median first response on ${point.day} is not a duration: ${median}`);
    const known = byDay.get(time);
    if (known) throw new RangeError(`day ${point.day} appears twice`);
    byDay.set(time, point);
  }
  const times = [...byDay.keys()];
  if (times.length === 0) return [];
  const first = Math.min(...times);
  const last = Math.max(...times);
  const filled: DailyPoint[] = [];
  for (let time = first; time <= last; time += dayMs) {
    filled.push(byDay.get(time) ?? { day: new Date(time).toISOString().slice(0, 10), inbound: 0, medianFirstResponseSeconds: null });
  }
  return filled;
}

function parseDay(day: string): number {
  const time = /^\d{4}-\d{2}-\d{2}$/.test(day) ? Date.parse(`${day}T00:00:00Z`) : Number.NaN;
  if (Number.isNaN(time) || new Date(time).toISOString().slice(0, 10) !== day) throw new RangeError(`not a YYYY-MM-DD day: ${JSON.stringify(day)}`);
  return time;
}

const shortDate = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString('en-US', { month: 'short', day: 'numeric', year: 'numeric', timeZone: 'UTC' });

/**
 * Which days get a label: every day for two weeks, else Mondays, every week or every few weeks so
 * that labels stay about 60 px apart.
 */
function dayLabelExpression(days: readonly DailyPoint[], width: number): string {
  const label = "utcFormat(datum.value, '%b %-d')";
  if (days.length <= 14) return label;
  const dayWidth = Math.max(1, width - 140) / days.length;
  const everyWeeks = Math.max(1, Math.ceil(60 / (7 * dayWidth)));
  const firstMonday = days.map((day) => parseDay(day.day)).find((time) => new Date(time).getUTCDay() === 1) ?? 0;
  return `utcday(datum.value) === 1 && round((datum.value - ${firstMonday}) / ${7 * dayMs}) % ${everyWeeks} === 0 ? ${label} : ''`;
}

/** The Vega-Lite spec of the chart; pure, so tests can look at it without rendering. */
export function buildDailyChartSpec(points: readonly DailyPoint[], options: DailyChartOptions = {}): TopLevelSpec {
  const days = fillDays(points);
  const width = options.width ?? defaultWidth;
  const height = options.height ?? defaultHeight;
  const first = days[0];
  const last = days.at(-1);
  const frame = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    width,
    height,
    autosize: { type: 'fit', contains: 'padding' },
    padding: 16,
    background: 'white',
    title: {
      text: options.title ?? defaultTitle,
      ...(first && last ? { subtitle: first.day === last.day ? shortDate(first.day) : `${shortDate(first.day)} – ${shortDate(last.day)}` } : {}),
      anchor: 'start',
      fontSize: 18,
      subtitleFontSize: 13,
      subtitleColor: '#616061',
      offset: 12,
    },
    config: {
      font: fontFamily,
      view: { stroke: null },
      axis: {
        labelFontSize: 12,
        titleFontSize: 13,
        labelColor: textColor,
        titleColor: textColor,
        gridColor: '#e8e8e8',
        domainColor: '#bbbbbb',
        tickColor: '#bbbbbb',
      },
      legend: { labelFontSize: 13, symbolSize: 140 },
    },
  } as const;

  const inboundTotal = days.reduce((sum, day) => sum + day.inbound, 0);
  const answeredDays = days.filter((day) => day.medianFirstResponseSeconds !== null).length;
  if (inboundTotal === 0 && answeredDays === 0) {
    return {
      ...frame,
      data: { values: [{ text: noMentionsText }] },
      mark: { type: 'text', fontSize: 20, color: '#616061' },
      encoding: { text: { field: 'text', type: 'nominal' } },
    };
  }

  const unit = responseUnitFor(days);
  const divisor = unit === 'hours' ? 3600 : 60;
  const values = days.map((day) => ({
    day: day.day,
    inbound: day.inbound,
    median: day.medianFirstResponseSeconds === null ? null : Math.round((day.medianFirstResponseSeconds / divisor) * 10) / 10,
  }));
  const x = {
    field: 'day',
    type: 'ordinal',
    timeUnit: 'utcyearmonthdate',
    title: null,
    axis: { labelExpr: dayLabelExpression(days, width), labelAngle: 0, labelOverlap: true, ticks: days.length <= 14, grid: false, labelPadding: 6 },
  } as const;
  const color = {
    scale: { domain: [inboundSeriesName, responseSeriesName], range: [barColor, lineColor] },
    legend: { title: null, orient: 'top', direction: 'horizontal', labelLimit: 0 },
  } as const;
  return {
    ...frame,
    data: { values },
    resolve: { scale: { y: 'independent' } },
    layer: [
      {
        mark: { type: 'bar', color: barColor, cornerRadiusTopLeft: 2, cornerRadiusTopRight: 2, width: { band: 0.8 } },
        encoding: {
          x,
          y: {
            field: 'inbound',
            type: 'quantitative',
            title: 'Mentions per day',
            axis: { orient: 'left', titleColor: '#3d6f9e', tickMinStep: 1, format: 'd' },
          },
          color: { datum: inboundSeriesName, ...color },
          tooltip: [{ field: 'inbound' }],
        },
      },
      {
        // Days nobody was answered leave a gap in the line rather than joining its neighbours.
        mark: {
          type: 'line',
          color: lineColor,
          strokeWidth: 2.5,
          point: { filled: true, size: days.length > 45 ? 20 : 60, color: lineColor },
          invalid: 'break-paths-show-domains',
        },
        encoding: {
          x,
          y: {
            field: 'median',
            type: 'quantitative',
            title: `Median first response (${unit})`,
            axis: { orient: 'right', titleColor: lineColor, grid: false },
            scale: { zero: true },
          },
          color: { datum: responseSeriesName, ...color },
        },
      },
    ],
  };
}

/** The spec as an SVG document, through a headless Vega view. */
export async function renderDailyChartSvg(points: readonly DailyPoint[], options: DailyChartOptions = {}): Promise<string> {
  const logger = quietLogger();
  const { spec } = compile(buildDailyChartSpec(points, options), { logger });
  await nextTurn();
  const view = new View(parse(spec), { renderer: 'none', logger, logLevel: Warn });
  try {
    await nextTurn();
    await view.runAsync();
    await nextTurn();
    const svg = await view.toSVG();
    // Vega logs a failed dataflow step and carries on with a broken scene: make that a failure.
    if (logger.errors.length > 0) throw logger.errors[0] instanceof Error ? logger.errors[0] : new Error(String(logger.errors[0]));
    return svg;
  } finally {
    view.finalize();
  }
}

/**
 * Vega works in microtasks only, so a render would hold the event loop (and Slack's 3-second
 * acknowledgements) for its whole length; giving the loop a turn between the steps cuts that up.
 */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Keeps Vega and Vega-Lite off the console: warnings are kept (tests read them), errors fail the render. */
export interface QuietLogger {
  readonly errors: unknown[];
  readonly warnings: string[];
  level(value?: number): number | QuietLogger;
  error(...args: unknown[]): QuietLogger;
  warn(...args: unknown[]): QuietLogger;
  info(...args: unknown[]): QuietLogger;
  debug(...args: unknown[]): QuietLogger;
}

// Vega calls these detached from the object, so no `this` inside.
export function quietLogger(): QuietLogger {
  let level = Warn;
  const logger: QuietLogger = {
    errors: [],
    warnings: [],
    level: (value?: number) => {
      if (value === undefined) return level;
      level = value;
      return logger;
    },
    error: (...args: unknown[]) => {
      logger.errors.push(args[0]);
      return logger;
    },
    warn: (...args: unknown[]) => {
      logger.warnings.push(args.map(String).join(' '));
      return logger;
    },
    info: () => logger,
    debug: () => logger,
  };
  return logger;
}

/** The chart as a PNG (twice the requested size, white background), ready to upload to Slack. */
export async function renderDailyChartPng(points: DailyPoint[], options: DailyChartOptions = {}): Promise<Buffer> {
  const svg = await renderDailyChartSvg(points, options);
  // renderAsync parses and rasterises on libuv's thread pool, off the event loop.
  const image = await renderAsync(svg, {
    fitTo: { mode: 'width', value: Math.round((options.width ?? defaultWidth) * pixelRatio) },
    background: 'white',
    font: chartFonts(),
    logLevel: 'off',
  });
  return image.asPng();
}

let fonts: NonNullable<ResvgRenderOptions['font']> | undefined;

/**
 * resvg draws no text at all without a font file, and slim images (node:20-bookworm-slim) have
 * none. DejaVu Sans from the `dejavu-fonts-ttf` package is used when it is installed (the same
 * look everywhere, and no scan of the system's fonts at every render); otherwise the system's.
 */
export function chartFonts(): NonNullable<ResvgRenderOptions['font']> {
  if (!fonts) {
    const bundled = bundledFontFiles();
    fonts = { loadSystemFonts: bundled.length === 0, fontFiles: bundled, defaultFontFamily: fontFamily, sansSerifFamily: fontFamily };
  }
  return fonts;
}

function bundledFontFiles(): string[] {
  const require = createRequire(import.meta.url);
  const files: string[] = [];
  for (const file of ['dejavu-fonts-ttf/ttf/DejaVuSans.ttf', 'dejavu-fonts-ttf/ttf/DejaVuSans-Bold.ttf']) {
    try {
      const resolved = require.resolve(file);
      if (existsSync(resolved)) files.push(resolved);
    } catch {
      // Not installed: the system's fonts are all there is.
    }
  }
  return files;
}

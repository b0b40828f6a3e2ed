import { instantOfWallTime, zonedParts } from '../domain/zoned-time.js';

/** What the person asked for: a relative window or calendar days (in the report's time zone). */
export type PeriodSpec =
  { kind: 'today' } | { kind: 'days'; days: number } | { kind: 'range'; from: string; to: string } | { kind: 'month'; which: 'this' | 'last' };

/** A resolved period: [from, to), and the previous period of the same length, [previousFrom, from). */
export interface ReportPeriod {
  readonly from: Date;
  readonly to: Date;
  readonly previousFrom: Date;
  /** For people: "last 7 days", "today", "2026-01-05 → 2026-01-11". */
  readonly label: string;
}

const dayMs = 86_400_000;

/**
 * `today`: local midnight → now (previous: the same hours yesterday); `7d`: the last 7 × 24 hours;
 * a range: whole local days, both ends included; `this month`: the 1st → now; `last month`: the
 * whole previous calendar month.
 */
export function resolvePeriod(spec: PeriodSpec, now: Date, timeZone: string): ReportPeriod {
  let from: Date;
  let to: Date;
  let label: string;
  switch (spec.kind) {
    case 'today': {
      from = startOfLocalDay(localDate(now, timeZone), timeZone);
      to = now;
      label = `today (${localDate(now, timeZone)})`;
      break;
    }
    case 'days': {
      to = now;
      from = new Date(now.getTime() - spec.days * dayMs);
      label = `last ${spec.days} days`;
      break;
    }
    case 'range': {
      from = startOfLocalDay(spec.from, timeZone);
      to = startOfLocalDay(addDays(spec.to, 1), timeZone);
      label = spec.from === spec.to ? spec.from : `${spec.from} → ${spec.to}`;
      break;
    }
    case 'month': {
      const firstOfThisMonth = `${localDate(now, timeZone).slice(0, 8)}01`;
      if (spec.which === 'this') {
        from = startOfLocalDay(firstOfThisMonth, timeZone);
        to = now;
      } else {
        from = startOfLocalDay(`${addDays(firstOfThisMonth, -1).slice(0, 8)}01`, timeZone);
        to = startOfLocalDay(firstOfThisMonth, timeZone);
      }
      label = `${spec.which} month (${localDate(from, timeZone).slice(0, 7)})`;
      break;
    }
  }
  return { from, to, previousFrom: new Date(from.getTime() - (to.getTime() - from.getTime())), label };
}

/** The calendar day (`YYYY-MM-DD`) an instant falls on in a time zone. */
export function localDate(instant: Date, timeZone: string): string {
  return new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(instant);
}

/** `YYYY-MM-DD HH:MM` in a time zone. */
export function localDateTime(instant: Date, timeZone: string): string {
  const parts = zonedParts(instant, timeZone);
  return `${localDate(instant, timeZone)} ${String(parts.hour).padStart(2, '0')}:${String(parts.minute).padStart(2, '0')}`;
}

/** The instant a calendar day starts in a time zone (midnight, or the first moment after a DST gap). */
export function startOfLocalDay(day: string, timeZone: string): Date {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(instantOfWallTime(Date.UTC(year, month - 1, date), timeZone));
}

export function addDays(day: string, days: number): string {
  const [year, month, date] = day.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(year, month - 1, date) + days * dayMs).toISOString().slice(0, 10);
}

/** A real calendar day written `YYYY-MM-DD`. */
export function isCalendarDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  return addDays(text, 0) === text;
}

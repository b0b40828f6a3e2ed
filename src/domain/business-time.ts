import type { BusinessHours } from './business-hours.js';
import { instantOfWallTime, zonedParts } from './zoned-time.js';

/** Working hours in their time zone; undefined means every minute counts (wall-clock time). */
export type BusinessCalendar = { readonly hours: BusinessHours; readonly timeZone: string } | undefined;

const minuteMs = 60_000;
const dayMs = 86_400_000;

/** Whether an instant falls within business hours (start included, end excluded). */
export function isWithinBusinessHours(instant: Date, calendar: NonNullable<BusinessCalendar>): boolean {
  const day = localDayOf(instant.getTime(), calendar.timeZone);
  const window = businessWindow(day, calendar);
  return window !== undefined && instant.getTime() >= window.start && instant.getTime() < window.end;
}

/**
 * The instant by which `minutes` minutes of business time have elapsed since `start` (the SLA's
 * due time): nights, days off and weekends do not count, and each day's window is placed in the
 * time zone on its own date, so daylight-saving changes move it the way local clocks move.
 */
export function addBusinessMinutes(start: Date, minutes: number, calendar: BusinessCalendar): Date {
  if (!calendar) return new Date(start.getTime() + minutes * minuteMs);
  let remaining = minutes * minuteMs;
  let cursor = start.getTime();
  for (let day = localDayOf(cursor, calendar.timeZone); ; day = nextDay(day)) {
    const window = businessWindow(day, calendar);
    if (!window || window.end <= cursor) continue;
    const from = Math.max(cursor, window.start);
    if (from + remaining <= window.end) return new Date(from + remaining);
    remaining -= window.end - from;
    cursor = window.end;
  }
}

/** Minutes of business time between two instants (wall-clock minutes without a calendar); 0 when `end` is not after `start`. */
export function businessMinutesBetween(start: Date, end: Date, calendar: BusinessCalendar): number {
  if (end.getTime() <= start.getTime()) return 0;
  if (!calendar) return (end.getTime() - start.getTime()) / minuteMs;
  let total = 0;
  const last = localDayOf(end.getTime(), calendar.timeZone);
  for (let day = localDayOf(start.getTime(), calendar.timeZone); day.utc <= last.utc; day = nextDay(day)) {
    const window = businessWindow(day, calendar);
    if (!window) continue;
    const overlap = Math.min(end.getTime(), window.end) - Math.max(start.getTime(), window.start);
    if (overlap > 0) total += overlap;
  }
  return total / minuteMs;
}

/** A calendar day in the business time zone, as midnight UTC of the same date. */
interface LocalDay {
  utc: number;
}

function localDayOf(instant: number, timeZone: string): LocalDay {
  const parts = zonedParts(instant, timeZone);
  return { utc: Date.UTC(parts.year, parts.month - 1, parts.day) };
}

function nextDay(day: LocalDay): LocalDay {
  return { utc: day.utc + dayMs };
}

/** The day's working window as instants, or undefined on a day off. `24:00` ends at the next midnight. */
function businessWindow(day: LocalDay, calendar: NonNullable<BusinessCalendar>): { start: number; end: number } | undefined {
  const isoWeekday = ((new Date(day.utc).getUTCDay() + 6) % 7) + 1;
  if (!calendar.hours.days.includes(isoWeekday)) return undefined;
  return {
    start: instantOfWallTime(day.utc + minutesOfDay(calendar.hours.start) * minuteMs, calendar.timeZone),
    end: instantOfWallTime(day.utc + minutesOfDay(calendar.hours.end) * minuteMs, calendar.timeZone),
  };
}

function minutesOfDay(time: string): number {
  const [hours = 0, minutes = 0] = time.split(':').map(Number);
  return hours * 60 + minutes;
}

/** Working hours, as `BUSINESS_HOURS` describes them: ISO week days (1 = Monday … 7 = Sunday) and a daily window. */
export interface BusinessHours {
  /** ISO day numbers, ascending, without duplicates. */
  readonly days: readonly number[];
  /** `HH:MM`, local time in the business time zone. */
  readonly start: string;
  /** `HH:MM` (up to `24:00`), later than `start`. */
  readonly end: string;
}

const DAY_NAMES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

export const businessHoursExample = 'Mon-Fri 09:00-17:00';

/**
 * Parses `Mon-Fri 09:00-17:00`, `Mon,Wed,Fri 08:30-12:00` or `Sun-Thu 09:00-18:00` (ranges may
 * wrap round the week). Returns the hours, or a sentence saying what is wrong.
 */
export function parseBusinessHours(text: string): { ok: true; hours: BusinessHours } | { ok: false; error: string } {
  const match = /^\s*([A-Za-z,\s-]+?)\s+(\d{1,2}):(\d{2})\s*-\s*(\d{1,2}):(\d{2})\s*$/.exec(text);
  if (!match) return { ok: false, error: `expected working days and hours such as "${businessHoursExample}"` };
  const [, dayText = '', startHour, startMinute, endHour, endMinute] = match;
  const days = new Set<number>();
  for (const part of dayText
    .split(',')
    .map((piece) => piece.trim())
    .filter(Boolean)) {
    const [first, last, extra] = part.split('-').map((piece) => dayNumber(piece.trim()));
    if (first === undefined || extra !== undefined || first === null || last === null) {
      return { ok: false, error: `expected days as Mon, Tue, Wed, Thu, Fri, Sat, Sun or ranges such as Mon-Fri (got "${part}")` };
    }
    const to = last ?? first;
    for (let day = first; ; day = (day % 7) + 1) {
      days.add(day);
      if (day === to) break;
    }
  }
  if (days.size === 0) return { ok: false, error: `expected at least one working day, e.g. "${businessHoursExample}"` };
  const start = time(Number(startHour), Number(startMinute));
  const end = time(Number(endHour), Number(endMinute));
  if (!start || !end) return { ok: false, error: 'expected times between 00:00 and 24:00, e.g. 09:00-17:00' };
  if (end <= start) return { ok: false, error: 'expected the end of the working day after its start (overnight hours are not supported)' };
  return { ok: true, hours: { days: [...days].sort((a, b) => a - b), start, end } };
}

/** `Mon-Fri 09:00–17:00` for people. */
export function describeBusinessHours(hours: BusinessHours): string {
  const names = hours.days.map((day) => capitalize(DAY_NAMES[day - 1] ?? ''));
  const contiguous = hours.days.every((day, index) => index === 0 || day === (hours.days[index - 1] ?? 0) + 1);
  const days = contiguous && names.length > 2 ? `${names[0]}–${names.at(-1)}` : names.join(', ');
  return `${days} ${hours.start}–${hours.end}`;
}

function dayNumber(name: string | undefined): number | null | undefined {
  if (name === undefined) return undefined;
  const index = DAY_NAMES.indexOf(name.slice(0, 3).toLowerCase() as (typeof DAY_NAMES)[number]);
  const full = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'];
  if (index < 0 || (name.length > 3 && !full[index]?.startsWith(name.toLowerCase()))) return null;
  return index + 1;
}

function time(hour: number, minute: number): string | null {
  if (minute > 59 || hour > 24 || (hour === 24 && minute !== 0)) return null;
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** Whether the JavaScript runtime knows an IANA time zone such as `Europe/Paris`. */
export function isKnownTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

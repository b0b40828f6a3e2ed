import { describe, expect, it } from 'vitest';
import { parseBusinessHours, type BusinessHours } from '../../src/domain/business-hours.js';
import { addBusinessMinutes, businessMinutesBetween, isWithinBusinessHours } from '../../src/domain/business-time.js';

function hours(text: string): BusinessHours {
  const parsed = parseBusinessHours(text);
  if (!parsed.ok) throw new Error(parsed.error);
  return parsed.hours;
}

const at = (iso: string) => new Date(iso);
const utcWeek = { hours: hours('Mon-Fri 09:00-17:00'), timeZone: 'UTC' };
const parisWeek = { hours: hours('Mon-Fri 09:00-17:00'), timeZone: 'Europe/Paris' };

describe('isWithinBusinessHours', () => {
  it('includes the start of the window and excludes its end, on working days only', () => {
    expect(isWithinBusinessHours(at('2026-11-23T09:00:00Z'), utcWeek)).toBe(true); // Monday
    expect(isWithinBusinessHours(at('2026-11-23T08:59:59Z'), utcWeek)).toBe(false);
    expect(isWithinBusinessHours(at('2026-11-23T16:59:59Z'), utcWeek)).toBe(true);
    expect(isWithinBusinessHours(at('2026-11-23T17:00:00Z'), utcWeek)).toBe(false);
    expect(isWithinBusinessHours(at('2026-11-28T12:00:00Z'), utcWeek)).toBe(false); // Saturday
  });

  it('reads the clock of the time zone, summer and winter', () => {
    // 08:30 UTC is 09:30 in Paris in winter (UTC+1), 10:30 in summer (UTC+2).
    expect(isWithinBusinessHours(at('2026-01-05T08:30:00Z'), parisWeek)).toBe(true);
    expect(isWithinBusinessHours(at('2026-01-05T16:30:00Z'), parisWeek)).toBe(false);
    expect(isWithinBusinessHours(at('2026-07-06T07:30:00Z'), parisWeek)).toBe(true);
    expect(isWithinBusinessHours(at('2026-07-06T06:30:00Z'), parisWeek)).toBe(false);
    // Monday 00:30 in Paris is still Sunday in UTC.
    expect(isWithinBusinessHours(at('2026-11-22T23:30:00Z'), { hours: hours('Mon 00:00-01:00'), timeZone: 'Europe/Paris' })).toBe(true);
  });

  it('runs a 24:00 end to midnight, and day ranges that wrap round the week', () => {
    const lateFriday = { hours: hours('Fri 20:00-24:00'), timeZone: 'UTC' };
    expect(isWithinBusinessHours(at('2026-11-27T23:59:59Z'), lateFriday)).toBe(true);
    expect(isWithinBusinessHours(at('2026-11-28T00:00:00Z'), lateFriday)).toBe(false);
    const sundayToThursday = { hours: hours('Sun-Thu 09:00-18:00'), timeZone: 'UTC' };
    expect(isWithinBusinessHours(at('2026-11-29T10:00:00Z'), sundayToThursday)).toBe(true); // Sunday
    expect(isWithinBusinessHours(at('2026-11-27T10:00:00Z'), sundayToThursday)).toBe(false); // Friday
  });
});

describe('addBusinessMinutes (the SLA due time)', () => {
  it('counts wall-clock minutes without business hours', () => {
    expect(addBusinessMinutes(at('2026-11-28T23:50:00Z'), 30, undefined)).toEqual(at('2026-11-29T00:20:00Z'));
  });

  it('stops the clock at night and over the weekend', () => {
    expect(addBusinessMinutes(at('2026-11-23T10:00:00Z'), 30, utcWeek)).toEqual(at('2026-11-23T10:30:00Z'));
    expect(addBusinessMinutes(at('2026-11-27T16:30:00Z'), 30, utcWeek)).toEqual(at('2026-11-27T17:00:00Z')); // due at closing time
    expect(addBusinessMinutes(at('2026-11-27T16:30:00Z'), 60, utcWeek)).toEqual(at('2026-11-30T09:30:00Z')); // Friday → Monday
    expect(addBusinessMinutes(at('2026-11-23T16:00:00Z'), 600, utcWeek)).toEqual(at('2026-11-25T10:00:00Z')); // 1 h + 8 h + 1 h
  });

  it('starts counting at the next opening when the wait starts outside hours', () => {
    expect(addBusinessMinutes(at('2026-11-27T19:00:00Z'), 30, utcWeek)).toEqual(at('2026-11-30T09:30:00Z')); // Friday evening
    expect(addBusinessMinutes(at('2026-11-28T12:00:00Z'), 30, utcWeek)).toEqual(at('2026-11-30T09:30:00Z')); // Saturday
    expect(addBusinessMinutes(at('2026-11-24T07:00:00Z'), 30, utcWeek)).toEqual(at('2026-11-24T09:30:00Z')); // before opening
  });

  it('follows the local clock across daylight-saving changes in Europe/Paris', () => {
    // Clocks go forward on Sunday 29 March 2026: Friday 16:30 CET (UTC+1) → Monday 09:30 CEST (UTC+2).
    expect(addBusinessMinutes(at('2026-03-27T15:30:00Z'), 60, parisWeek)).toEqual(at('2026-03-30T07:30:00Z'));
    // Clocks go back on Sunday 25 October 2026: Friday 16:30 CEST → Monday 09:30 CET.
    expect(addBusinessMinutes(at('2026-10-23T14:30:00Z'), 60, parisWeek)).toEqual(at('2026-10-26T08:30:00Z'));
    // The spring Sunday has 23 hours, the autumn one 25.
    const sundays = { hours: hours('Sun 00:00-24:00'), timeZone: 'Europe/Paris' };
    expect(addBusinessMinutes(at('2026-03-28T23:00:00Z'), 23 * 60, sundays)).toEqual(at('2026-03-29T22:00:00Z'));
    expect(addBusinessMinutes(at('2026-03-28T23:00:00Z'), 23 * 60 + 30, sundays)).toEqual(at('2026-04-04T22:30:00Z'));
    expect(addBusinessMinutes(at('2026-10-24T22:00:00Z'), 25 * 60, sundays)).toEqual(at('2026-10-25T23:00:00Z'));
  });

  it('uses a 24:00 end up to midnight', () => {
    const lateFriday = { hours: hours('Fri 20:00-24:00'), timeZone: 'UTC' };
    expect(addBusinessMinutes(at('2026-11-27T23:00:00Z'), 60, lateFriday)).toEqual(at('2026-11-28T00:00:00Z'));
    expect(addBusinessMinutes(at('2026-11-27T23:00:00Z'), 90, lateFriday)).toEqual(at('2026-12-04T20:30:00Z'));
  });
});

describe('businessMinutesBetween', () => {
  it('counts only working time', () => {
    expect(businessMinutesBetween(at('2026-11-27T16:30:00Z'), at('2026-11-30T09:30:00Z'), utcWeek)).toBe(60);
    expect(businessMinutesBetween(at('2026-03-27T15:30:00Z'), at('2026-03-30T07:30:00Z'), parisWeek)).toBe(60);
    expect(businessMinutesBetween(at('2026-11-28T10:00:00Z'), at('2026-11-29T10:00:00Z'), utcWeek)).toBe(0);
  });

  it('counts wall-clock minutes without business hours, and nothing backwards', () => {
    expect(businessMinutesBetween(at('2026-11-27T16:30:00Z'), at('2026-11-27T17:17:00Z'), undefined)).toBe(47);
    expect(businessMinutesBetween(at('2026-11-27T17:00:00Z'), at('2026-11-27T16:00:00Z'), utcWeek)).toBe(0);
  });
});

import { describe, expect, it } from 'vitest';
import { describeBusinessHours, parseBusinessHours } from '../../src/domain/business-hours.js';

describe('parseBusinessHours', () => {
  it('reads days, ranges (wrapping round the week) and hours', () => {
    expect(parseBusinessHours('Mon-Fri 09:00-17:00')).toEqual({ ok: true, hours: { days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' } });
    expect(parseBusinessHours('mon,wed, Friday 8:30 - 12:00')).toEqual({ ok: true, hours: { days: [1, 3, 5], start: '08:30', end: '12:00' } });
    expect(parseBusinessHours('Sun-Thu 09:00-24:00')).toEqual({ ok: true, hours: { days: [1, 2, 3, 4, 7], start: '09:00', end: '24:00' } });
  });

  it('says what is wrong', () => {
    expect(parseBusinessHours('9 to 5')).toEqual({ ok: false, error: 'expected working days and hours such as "Mon-Fri 09:00-17:00"' });
    expect(parseBusinessHours('Mon-Fry 09:00-17:00')).toMatchObject({ ok: false, error: expect.stringContaining('got "Mon-Fry"') });
    expect(parseBusinessHours('Mon-Fri 09:00-25:00')).toMatchObject({ ok: false, error: expect.stringContaining('between 00:00 and 24:00') });
    expect(parseBusinessHours('Mon-Fri 17:00-09:00')).toMatchObject({ ok: false, error: expect.stringContaining('overnight') });
  });

  it('describes hours for people', () => {
    expect(describeBusinessHours({ days: [1, 2, 3, 4, 5], start: '09:00', end: '17:00' })).toBe('Mon–Fri 09:00–17:00');
    expect(describeBusinessHours({ days: [1, 3], start: '09:00', end: '12:00' })).toBe('Mon, Wed 09:00–12:00');
  });
});

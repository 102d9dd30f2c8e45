import { describe, expect, it } from 'vitest';
import {
  addWorkingDays,
  CALENDAR_YEARS,
  CalendarRangeError,
  isWorkday,
  workingDayNumbers,
  workingDaysBetween
} from '../../../src/lib/rules/working-days.ts';

// Spring Festival 2024 (State Council notice): off 10–17 February; Sunday 4 and Sunday 18 February were working days (调休).
describe('working days', () => {
  it('knows the Spring Festival 2024 holidays and the two working Sundays', () => {
    expect(isWorkday('2024-02-04')).toBe(true);
    expect(isWorkday('2024-02-03')).toBe(false);
    expect(isWorkday('2024-02-12')).toBe(false);
    expect(isWorkday('2024-02-16')).toBe(false);
    expect(isWorkday('2024-02-18')).toBe(true);
    expect(isWorkday('2024-02-19')).toBe(true);
  });

  it('counts the working Sunday after a Friday: one working day after 2 February 2024 is Sunday the 4th', () => {
    expect(addWorkingDays('2024-02-02', 1)).toBe('2024-02-04');
  });

  it('jumps the week of holidays: one working day after Friday 9 February 2024 is Sunday the 18th, two is the 19th', () => {
    expect(addWorkingDays('2024-02-09', 1)).toBe('2024-02-18');
    expect(addWorkingDays('2024-02-09', 2)).toBe('2024-02-19');
  });

  it('counts 17 working days after 1 February 2024 up to 29 February: 20 weekdays, less 5 holidays, plus 2 working Sundays', () => {
    expect(workingDaysBetween('2024-02-01', '2024-02-29')).toBe(17);
  });

  it('goes back as well as forward, and round-trips with the count', () => {
    expect(addWorkingDays('2024-02-19', -2)).toBe('2024-02-09');
    const due = addWorkingDays('2024-01-15', 20);
    expect(workingDaysBetween('2024-01-15', due)).toBe(20);
    expect(workingDaysBetween(due, '2024-01-15')).toBe(-20);
  });

  it('gives a Guiyang-style 80-working-day limit across the 2024 Spring Festival', () => {
    // After 2 January 2024: January 21, February 18 (see above), March 21 → 60 by 29 March. April: 1–3 (63), 4–6 off
    // (Qingming), Sunday 7 worked (64), 8–12 (69), 15–19 (74), 22–26 (79), Sunday 28 worked for May Day (80).
    const due = addWorkingDays('2024-01-02', 80);
    expect(workingDaysBetween('2024-01-02', due)).toBe(80);
    expect(due).toBe('2024-04-28');
  });

  it('keeps the same day for zero working days', () => {
    expect(addWorkingDays('2024-02-10', 0)).toBe('2024-02-10');
  });

  it('covers the plans’ years 2022–2026, and refuses a year without a published holiday notice', () => {
    expect(CALENDAR_YEARS.first).toBeLessThanOrEqual(2021);
    expect(CALENDAR_YEARS.last).toBeGreaterThanOrEqual(2026);
    expect(() => addWorkingDays(`${CALENDAR_YEARS.last}-12-30`, 5)).toThrow(CalendarRangeError);
  });

  it('refuses a date that is not one', () => {
    expect(() => isWorkday('2024-02-30')).toThrow(RangeError);
  });

  it('numbers the working days of a year so that differences are working days between (the SQL calendar)', () => {
    const days = workingDayNumbers(2024, 2024);
    const n = (date: string) => days.find((d) => d.date === date)!.n;
    expect(days).toHaveLength(366);
    expect(n('2024-02-29') - n('2024-02-01')).toBe(workingDaysBetween('2024-02-01', '2024-02-29'));
    expect(days.find((d) => d.date === '2024-02-18')).toMatchObject({ working: true });
    expect(n('2024-02-17')).toBe(n('2024-02-09'));
  });
});

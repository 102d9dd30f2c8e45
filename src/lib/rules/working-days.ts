/**
 * China's working days: Monday to Friday, less the public holidays, plus the weekend days made
 * working days to make up for them (调休). The calendar is the `chinese-days` package's own data
 * (State Council notices, 2004 onwards), read as a table of dates so that the answer does not
 * depend on the time zone; the package's date functions parse through `Date` and moved a day
 * west of UTC.
 *
 * Dates are 'YYYY-MM-DD'. A year the package has no notice for (the next year's is published in
 * November or December) is refused rather than counted without its holidays.
 */
import calendar from 'chinese-days/dist/chinese-days.json' with { type: 'json' };

const HOLIDAYS = new Set(Object.keys(calendar.holidays));
const MADE_WORKING = new Set(Object.keys(calendar.workdays));
const years = [...HOLIDAYS].map((d) => Number(d.slice(0, 4)));

/** The years the holiday calendar covers, first and last. */
export const CALENDAR_YEARS = { first: Math.min(...years), last: Math.max(...years) } as const;

const DAY_MS = 86_400_000;

export class CalendarRangeError extends RangeError {
  constructor(readonly date: string) {
    super(`${date}: China's public holidays are known for ${CALENDAR_YEARS.first}–${CALENDAR_YEARS.last} only (chinese-days)`);
    this.name = 'CalendarRangeError';
  }
}

function toDay(date: string): number {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const day = m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : NaN;
  if (Number.isNaN(day) || new Date(day).toISOString().slice(0, 10) !== date) throw new RangeError(`not a date (YYYY-MM-DD): ${date}`);
  return day / DAY_MS;
}

const toDate = (day: number): string => new Date(day * DAY_MS).toISOString().slice(0, 10);

/** Whether the calendar knows the year's holidays. */
export function calendarCovers(date: string): boolean {
  const year = Number(date.slice(0, 4));
  return year >= CALENDAR_YEARS.first && year <= CALENDAR_YEARS.last;
}

function isWorkingDay(day: number): boolean {
  const date = toDate(day);
  if (!calendarCovers(date)) throw new CalendarRangeError(date);
  if (MADE_WORKING.has(date)) return true;
  if (HOLIDAYS.has(date)) return false;
  const weekday = new Date(day * DAY_MS).getUTCDay();
  return weekday !== 0 && weekday !== 6;
}

/** Whether `date` is a working day in China. */
export function isWorkday(date: string): boolean {
  return isWorkingDay(toDay(date));
}

/**
 * The date `n` working days after `date` (before it when n < 0); the day itself is not counted,
 * as a deadline "within n working days" of a date is read. n = 0 gives the date itself.
 */
export function addWorkingDays(date: string, n: number): string {
  if (!Number.isInteger(n)) throw new RangeError(`not a whole number of working days: ${n}`);
  let day = toDay(date);
  const step = Math.sign(n);
  for (let left = Math.abs(n); left > 0;) {
    day += step;
    if (isWorkingDay(day)) left--;
  }
  return toDate(day);
}

/**
 * Working days from `a` to `b`: those after `a` up to and including `b` (so
 * addWorkingDays(a, workingDaysBetween(a, b)) is b when b is a working day); negative when b is
 * before a.
 */
export function workingDaysBetween(a: string, b: string): number {
  const from = toDay(a);
  const to = toDay(b);
  if (to < from) return -workingDaysBetween(b, a);
  let n = 0;
  for (let day = from + 1; day <= to; day++) if (isWorkingDay(day)) n++;
  return n;
}

/**
 * Every date of the years `first`…`last` with its working-day number: the count of working days
 * from the first date up to and including it, so that workingDaysBetween(a, b) = n(b) − n(a).
 * The SQL of deadlines joins this as a small table (365 rows a year).
 */
export function workingDayNumbers(first: number, last: number): { date: string; working: boolean; n: number }[] {
  const rows: { date: string; working: boolean; n: number }[] = [];
  let n = 0;
  for (let day = toDay(`${first}-01-01`), end = toDay(`${last}-12-31`); day <= end; day++) {
    const working = isWorkingDay(day);
    if (working) n++;
    rows.push({ date: toDate(day), working, n });
  }
  return rows;
}

/**
 * The calendar's exceptions within the years `first`…`last`: public holidays and the weekend days
 * made working days (调休), for SQL that builds the calendar from the weekdays (queries/escalation.ts).
 */
export function calendarExceptions(first: number, last: number): { holidays: string[]; madeWorking: string[] } {
  const within = (d: string) => Number(d.slice(0, 4)) >= first && Number(d.slice(0, 4)) <= last;
  return { holidays: [...HOLIDAYS].filter(within).sort(), madeWorking: [...MADE_WORKING].filter(within).sort() };
}

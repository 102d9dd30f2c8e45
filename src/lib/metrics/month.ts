/**
 * Months as the metrics see them: the first day of the month (how `monthly.month` is stored),
 * its last day (the "as at" date of every metric), and its index in the plan year.
 */

export interface Month {
  /** 'YYYY-MM' */
  key: string;
  /** First day, 'YYYY-MM-01'. */
  start: string;
  /** Last day, 'YYYY-MM-DD'. */
  end: string;
  year: number;
  /** 1 (January) … 12 (December). */
  index: number;
}

const MONTH_RE = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;

const pad = (n: number) => String(n).padStart(2, '0');

/** Days in a month; `index` is 1-based. */
function daysIn(year: number, index: number): number {
  return new Date(Date.UTC(year, index, 0)).getUTCDate();
}

/**
 * Parses 'YYYY-MM', 'YYYY-MM-DD' (any day of the month) or a Date (UTC calendar day).
 * Returns null for anything else, so URL input can be rejected without throwing.
 */
export function parseMonth(value: string | Date | null | undefined): Month | null {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return null;
    return monthOf(value.getUTCFullYear(), value.getUTCMonth() + 1);
  }
  const m = typeof value === 'string' ? MONTH_RE.exec(value.trim()) : null;
  if (!m) return null;
  const year = Number(m[1]);
  const index = Number(m[2]);
  if (index < 1 || index > 12 || year < 1900 || year > 2200) return null;
  if (m[3] !== undefined && (Number(m[3]) < 1 || Number(m[3]) > daysIn(year, index))) return null;
  return monthOf(year, index);
}

/** The Month for a year and 1-based month index. */
export function monthOf(year: number, index: number): Month {
  const key = `${year}-${pad(index)}`;
  return { key, start: `${key}-01`, end: `${key}-${pad(daysIn(year, index))}`, year, index };
}

/** Like parseMonth but throws: for callers holding a value that was already validated. */
export function toMonth(value: string | Date | Month): Month {
  if (typeof value === 'object' && 'key' in value) return value;
  const month = parseMonth(value);
  if (!month) throw new RangeError(`not a month: ${String(value)}`);
  return month;
}

/** Months of the plan year from January up to `asOf`, oldest first. */
export function monthsUpTo(asOf: string | Month): Month[] {
  const last = toMonth(asOf);
  return Array.from({ length: last.index }, (_, i) => monthOf(last.year, i + 1));
}

/**
 * Whether a month can be shown: not after the as-of month, and in one of the programme's years
 * (the as-of year when `years` is not given; Jiujiang 2021–2023 lists three).
 */
export function isAvailableMonth(month: Month, asOf: Month, years: readonly number[] = [asOf.year]): boolean {
  return month.start <= asOf.start && years.includes(month.year);
}

/**
 * Every month that can be shown, oldest first: the programme's years (the as-of year when
 * `years` is not given) from January, up to the as-of month.
 */
export function availableMonths(asOf: string | Month, years?: readonly number[]): Month[] {
  const last = toMonth(asOf);
  const all = [...new Set(years ?? [last.year])].sort((a, b) => a - b);
  return all.flatMap((year) => Array.from({ length: 12 }, (_, i) => monthOf(year, i + 1))).filter((m) => isAvailableMonth(m, last, all));
}

/** The month before, within the same plan year (year-to-date figures restart each January); null for January. */
export function previousMonth(month: Month): Month | null {
  return month.index > 1 ? monthOf(month.year, month.index - 1) : null;
}

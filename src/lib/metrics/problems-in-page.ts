/**
 * The problem ledger's rules of problems.ts (raised, settled, open, overdue, the status as at a
 * month end) written again over one decoded problem, for the open problems of a district's page
 * answered without the engine (queries/open-problems-in-page.ts). SQL's three-valued logic is kept
 * (null: unknown), so that a NULL compares as it does in DuckDB. problems.ts stays the definition:
 * test/unit/db/open-problems-in-page.test.ts holds these to it on every month of the parity fixture.
 */
import type { Month } from './month.ts';

type Truth = boolean | null;
const and = (a: Truth, b: Truth): Truth => (a === false || b === false ? false : a === null || b === null ? null : true);
const or = (a: Truth, b: Truth): Truth => (a === true || b === true ? true : a === null || b === null ? null : false);
const not = (a: Truth): Truth => (a === null ? null : !a);
const atMost = (day: number, end: number): Truth => (Number.isNaN(day) ? null : day <= end);
const before = (day: number, end: number): Truth => (Number.isNaN(day) ? null : day < end);

/** A problem's fields the rules read: dates as days since 1970-01-01 (NaN for NULL). */
export interface ProblemDates {
  raisedOn: number;
  status: string | null;
  closedOn: number;
  deadline: number;
}

/** Days since 1970-01-01 of a 'YYYY-MM-DD' day. */
export const dayNumber = (isoDay: string): number =>
  Date.UTC(+isoDay.slice(0, 4), +isoDay.slice(5, 7) - 1, +isoDay.slice(8, 10)) / 86_400_000;

/** 'YYYY-MM-DD' of a day number (strftime(day, '%Y-%m-%d')). */
export const isoDay = (day: number): string => new Date(day * 86_400_000).toISOString().slice(0, 10);

/** The month's last day as a day number (monthEnd of sql.ts). */
export const monthEndDay = (month: Month): number => dayNumber(month.end);

const settledStatus = (status: string | null): Truth => (status === null ? null : status === 'resolved' || status === 'closed');

/** problemSettledBy. */
export const settledBy = (p: ProblemDates, end: number): Truth =>
  and(settledStatus(p.status), or(Number.isNaN(p.closedOn), atMost(p.closedOn, end)));

/** problemOpenAt. */
export const openAt = (p: ProblemDates, end: number): Truth => and(atMost(p.raisedOn, end), not(settledBy(p, end)));

/** problemOverdueAt. */
export const overdueAt = (p: ProblemDates, end: number): Truth => and(openAt(p, end), before(p.deadline, end));

/** problemStatusAt: a CASE takes a branch only when its condition is true. */
export function statusAt(p: ProblemDates, end: number): string | null {
  if (or(settledBy(p, end), not(settledStatus(p.status))) === true) return p.status;
  return before(p.deadline, end) === true ? 'supervised' : 'assigned';
}

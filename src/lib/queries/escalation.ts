/**
 * The escalation ladder in SQL (rules/escalation.ts `ladderAt`, the one definition, step for
 * step), so the ledger can filter, sort and count by it and the map can colour by it over every
 * problem. One layer per step adds the day the step falls due (`ladder_d{i}`, working days from
 * the working-day calendar as a small table) and whether the rules have reached it
 * (`ladder_r{i}`); the last layer states the position. test/unit/queries/escalation-sql.test.ts
 * holds this and `ladderAt` together on hand-made problems.
 */
import { literal, Query, sql, type SelectQuery } from '@uwdata/mosaic-sql';
import { dateLiteral, type Expr } from '../metrics/sql.ts';
import { ladderCalendarYears } from '../rules/escalation.ts';
import { calendarExceptions } from '../rules/working-days.ts';
import type { EscalationStep } from '../rules/preset-schema.ts';
import { PROBLEM_LEVELS } from '../schema.ts';

/** The columns `withLadder` adds. */
export const LADDER_COLUMNS = [
  'ladder_reached',
  'ladder_recorded',
  'ladder_overrun',
  'ladder_next',
  'ladder_next_due',
  'ladder_beyond'
] as const;

const levelIndex = (level: string | undefined) => (level === undefined ? -1 : (PROBLEM_LEVELS as readonly string[]).indexOf(level));
const LEVEL_INDEX = sql`(CASE l.level ${PROBLEM_LEVELS.map((v, i) => `WHEN ${literal(v)} THEN ${i}`).join(' ')} ELSE -1 END)`;

/**
 * The working-day calendar of the years (date, working, n: working days from the first date up to
 * and including it), built from the weekdays and the calendar's exceptions: a few dozen literals a
 * year rather than a row per day, which DuckDB parsed and planned ten times slower.
 */
export function compactWorkingCalendar(first: number, last: number): SelectQuery {
  const { holidays, madeWorking } = calendarExceptions(first, last);
  const list = (dates: string[]) => (dates.length ? dates.map((d) => String(dateLiteral(d))).join(', ') : 'NULL');
  const days = sql`SELECT CAST(t.d AS DATE) AS date FROM range(${dateLiteral(`${first}-01-01`)}, ${dateLiteral(`${last + 1}-01-01`)}, INTERVAL 1 DAY) AS t(d)`;
  const working = sql`(CASE WHEN date IN (${list(madeWorking)}) THEN TRUE WHEN date IN (${list(holidays)}) THEN FALSE
    ELSE dayofweek(date) NOT IN (0, 6) END)`;
  const flagged = Query.from(sql`(${days}) AS d`).select('date', { working });
  return Query.from({ w: flagged }).select('date', 'working', {
    n: sql`CAST(sum(CAST(working AS INTEGER)) OVER (ORDER BY date) AS INTEGER)`
  });
}

/** Whether the record shows step i taken (rules/escalation.ts `taken`). */
function takenExpr(steps: readonly EscalationStep[], i: number): Expr {
  const step = steps[i];
  if (step.when.kind === 'raised') return sql`TRUE`;
  if (step.level !== undefined) return sql`${LEVEL_INDEX} >= ${literal(levelIndex(step.level))}`;
  const ordinal = steps.slice(0, i + 1).filter((s) => s.level === undefined && s.action === step.action).length;
  if (step.action === 'notice') return sql`l.notices >= ${literal(ordinal)}`;
  if (step.action === 'interview') return sql`l.interviews >= ${literal(ordinal)}`;
  const before = steps
    .slice(0, i)
    .reverse()
    .find((s) => s.level !== undefined);
  return before === undefined ? sql`TRUE` : sql`${LEVEL_INDEX} > ${literal(levelIndex(before.level))}`;
}

/** One step's layer over `inner`: its due day, whether it is reached, and whether it needed days the calendar lacks. */
function stepLayer(inner: Expr, step: EscalationStep, i: number, day: Expr): Expr {
  const prevDate = i === 0 ? sql`CAST(NULL AS DATE)` : sql`l.ladder_d${i - 1}`;
  const prevReached = i === 0 ? sql`TRUE` : sql`l.ladder_r${i - 1}`;
  const when = step.when;
  let from = sql`(${inner}) AS l`;
  let due: Expr;
  let beyond: Expr = sql`FALSE`;
  if (when.kind === 'raised') due = sql`l.raised_on`;
  else if (when.kind === 'overdue') due = sql`CAST(l.deadline + 1 AS DATE)`;
  else if (when.kind === 'notices') due = sql`CAST(NULL AS DATE)`;
  else if (when.kind === 'month_end') due = sql`last_day(${prevDate})`;
  else if (when.day_kind === 'calendar') due = sql`CAST(${prevDate} + ${literal(when.days)} AS DATE)`;
  else {
    from = sql`${from} LEFT JOIN working_calendar AS a ON a.date = ${prevDate}
      LEFT JOIN working_calendar AS b ON b.working AND b.n = a.n + ${literal(when.days)}`;
    due = sql`b.date`;
    beyond = sql`(${prevDate} IS NOT NULL AND b.date IS NULL)`;
  }
  const reachedNow = when.kind === 'notices' ? sql`l.notices >= ${literal(when.notices)}` : sql`coalesce(${due} <= ${day}, FALSE)`;
  return sql`SELECT l.*, ${due} AS ladder_d${i}, (${prevReached} AND ${reachedNow}) AS ladder_r${i},
    (${prevReached} AND ${beyond}) AS ladder_b${i} FROM ${from}`;
}

/**
 * `source` (columns raised_on, deadline DATE; level, notices, interviews; `open`: raised and not
 * settled by `day`) with the ladder's position as at `day` ('YYYY-MM-DD'): ladder_reached,
 * ladder_recorded (step indexes, -1 for none), ladder_overrun, ladder_next (index, NULL when
 * settled or at the top) and ladder_next_due (DATE, NULL when undated), ladder_beyond.
 */
export function withLadder(source: SelectQuery, steps: readonly EscalationStep[], day: string): SelectQuery {
  const at = dateLiteral(day);
  let q: Expr = source;
  steps.forEach((step, i) => (q = stepLayer(q, step, i, at)));
  const down = (f: (i: number) => string | Expr, otherwise: string) =>
    sql`(CASE ${steps
      .map((_, i) => steps.length - 1 - i)
      .map((i) => `WHEN ${f(i)} THEN ${i}`)
      .join(' ')} ELSE ${otherwise} END)`;
  const reached = down((i) => `l.ladder_r${i}`, '-1');
  const recorded = down((i) => String(takenExpr(steps, i)), '-1');
  const firstMissing = steps.map((_, i) => `WHEN NOT l.ladder_r${i} THEN ${i}`).join(' ');
  const firstMissingDue = steps.map((_, i) => `WHEN NOT l.ladder_r${i} THEN l.ladder_d${i}`).join(' ');
  const layers = steps.flatMap((_, i) => [`ladder_d${i}`, `ladder_r${i}`, `ladder_b${i}`]);
  const outer = sql`SELECT l.* EXCLUDE (${layers.join(', ')}),
    CAST(${reached} AS INTEGER) AS ladder_reached,
    CAST(${recorded} AS INTEGER) AS ladder_recorded,
    (l.open AND ${reached} > ${recorded}) AS ladder_overrun,
    CAST(CASE WHEN NOT l.open THEN NULL ${firstMissing} END AS INTEGER) AS ladder_next,
    CAST(CASE WHEN NOT l.open THEN NULL ${firstMissingDue} END AS DATE) AS ladder_next_due,
    (${steps.map((_, i) => `l.ladder_b${i}`).join(' OR ')}) AS ladder_beyond
    FROM (${q}) AS l`;
  const working = steps.some((s) => s.when.kind === 'days_at_previous_step' && s.when.day_kind === 'working');
  const query = Query.from(sql`(${outer}) AS ladder`).select('*');
  if (!working) return query;
  const years = ladderCalendarYears(day);
  return query.with({ working_calendar: compactWorkingCalendar(years.first, years.last) });
}

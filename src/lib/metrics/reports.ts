/**
 * Monthly report deadlines (月报): due on a fixed day of the reported month (Jiujiang, the 25th)
 * or of the following month (Lishui, the 5th); a day past the month's end means its last day.
 */
import { literal, sql } from '@uwdata/mosaic-sql';
import type { MetricRules } from './preset.ts';
import type { Expr } from './sql.ts';

/** Due date of the report for the month whose first day is `month` (a DATE expression). */
export function reportDueDate(month: Expr, rules: MetricRules): Expr {
  const base = rules.dueNextMonth ? sql`(${month} + to_months(1))` : sql`(${month})`;
  return sql`LEAST(CAST(${base} + to_days(${literal(rules.dueDay - 1)}) AS DATE), last_day(${base}))`;
}

/** A report is late when it arrived after its due date or never arrived. */
export function reportLate(reportedOn: Expr, month: Expr, rules: MetricRules): Expr {
  return sql`(${reportedOn} IS NULL OR ${reportedOn} > ${reportDueDate(month, rules)})`;
}

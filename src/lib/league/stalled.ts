/**
 * County 2023: a project ready to start (its approvals done before the months looked at, where the
 * preset asks) that shows no real progress for N months running is flagged to lose its approval and land
 * quota. Real progress in a month: investment completed that month, or physical progress above the
 * month before. A month without a report shows none.
 */
import { literal, Query, sql, type SelectQuery } from '@uwdata/mosaic-sql';
import { APPROVAL_KINDS } from '../schema.ts';
import { literalList } from './literal-list.ts';
import { toMonth, type Month } from '../metrics/month.ts';
import { dateLiteral, monthEnd, monthStart, type Expr } from '../metrics/sql.ts';
import type { StalledRule } from '../rules/preset-schema.ts';

const monthKey = (year: number, index: number) => `${year}-${String(index).padStart(2, '0')}-01`;

/** The first month of the `n` months ending with `month`. */
function windowStart(month: Month, n: number): string {
  const index = month.year * 12 + month.index - 1 - (n - 1);
  return monthKey(Math.floor(index / 12), (index % 12) + 1);
}

/** Every approval done (or not required) on or before `end`. */
function approvalsDone(end: Expr) {
  return APPROVAL_KINDS.map(
    (k) => sql`(p.approval_${k} = 'not_required' OR (p.approval_${k} = 'done' AND coalesce(p.approval_${k}_date <= ${end}, TRUE)))`
  ).reduce((a, b) => sql`${a} AND ${b}`);
}

/** One row per stalled project as at `month`: id, name, district_code, lead_unit, months_without_progress, consequence. */
export function stalledProjectsQuery(month: string | Month, rule: StalledRule): SelectQuery {
  const m = toMonth(month);
  const from = windowStart(m, rule.months_without_progress);
  // Physical progress of the month before each month of the window, so its first month is judged too.
  const reports = Query.from('monthly')
    .select({
      project_id: 'project_id',
      month: 'month',
      progressed: sql`(coalesce(completed_month, 0) > 0 OR physical_progress > lag(physical_progress) OVER (PARTITION BY project_id ORDER BY month))`
    })
    .where(sql`month <= ${monthStart(m)}`);
  const progress = Query.from({ r: reports })
    .select({ project_id: 'project_id', progressed_months: sql`count(*) FILTER (WHERE coalesce(progressed, FALSE))` })
    .where(sql`month >= ${dateLiteral(from)}`)
    .groupby('project_id');
  const phases = literalList(rule.phases);
  // Ready before the window began, so the project had every month of it to progress.
  const ready = rule.requires_approvals_done ? approvalsDone(sql`(${dateLiteral(from)} - INTERVAL 1 DAY)`) : sql`TRUE`;
  return Query.from(sql`projects AS p LEFT JOIN (${progress}) AS g ON g.project_id = p.id`)
    .select({
      id: sql`p.id`,
      name: sql`p.name`,
      district_code: sql`p.district_code`,
      lead_unit: sql`p.lead_unit`,
      months_without_progress: literal(rule.months_without_progress),
      consequence: literal(rule.consequence)
    })
    .where(
      sql`p.phase IN (${phases})`,
      ready,
      sql`coalesce(p.actual_completion > ${monthEnd(m)}, TRUE)`,
      sql`(p.exited_on IS NULL OR p.exited_on > ${monthEnd(m)})`,
      sql`coalesce(g.progressed_months, 0) = 0`
    )
    .orderby(sql`p.id`);
}

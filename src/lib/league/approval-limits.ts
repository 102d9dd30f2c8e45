/**
 * Approval time limits in working days (Guiyang 80; county low-risk small projects 20), counted
 * with China's holidays and adjusted working days (rules/working-days.ts): from the project
 * approval (立项) to the last approval it needs, or to the month end while some are still
 * outstanding. Only `all_approvals` limits over every project can be computed from the data:
 * each approval's own clock and the risk class need columns no dataset has (rules/data-needs.ts
 * says so), and are refused here.
 */
import { literal, Query, sql, type SelectQuery } from '@uwdata/mosaic-sql';
import { compactWorkingCalendar } from '../queries/escalation.ts';
import { APPROVAL_KINDS } from '../schema.ts';
import { toMonth, type Month } from '../metrics/month.ts';
import { monthEnd, type Expr } from '../metrics/sql.ts';
import type { ApprovalLimit } from '../rules/preset-schema.ts';
import { CALENDAR_YEARS } from '../rules/working-days.ts';

/** The last approval date a project needs, NULL while any it needs is not done by the month end. */
function approvalsFinished(end: Expr): Expr {
  const pending = APPROVAL_KINDS.map(
    (k) => sql`(p.approval_${k} <> 'not_required' AND NOT coalesce(p.approval_${k} = 'done' AND p.approval_${k}_date <= ${end}, FALSE))`
  ).reduce((a, b) => sql`${a} OR ${b}`);
  const dates = APPROVAL_KINDS.map((k) => sql`CASE WHEN p.approval_${k} = 'done' THEN p.approval_${k}_date END`).reduce(
    (a, b) => sql`${a}, ${b}`
  );
  return sql`CASE WHEN ${pending} THEN NULL ELSE greatest(${dates}) END`;
}

/**
 * One row per project whose project approval (立项) is dated by the month end: id, name,
 * district_code, lead_unit, started_on, finished_on (NULL while outstanding), due_on, working_days
 * used (to the finish, or to the month end) and `over` (beyond the limit). The working-day
 * calendar covers `firstYear` (the earliest 立项 counted) to the year after the month, for the due dates.
 * `ids`, a query of project ids, judges those projects only (a table's window of rows).
 */
export function approvalLimitQuery(month: string | Month, limit: ApprovalLimit, firstYear: number, ids?: SelectQuery): SelectQuery {
  if (limit.counts !== 'all_approvals' || limit.low_risk_only)
    throw new RangeError(
      `approval limit ${limit.id}: needs each approval's application date or a risk class, which the data does not have`
    );
  const m = toMonth(month);
  const end = monthEnd(m);
  const finished = approvalsFinished(end);
  const scope = limit.max_total_wan === undefined ? sql`TRUE` : sql`p.total_investment <= ${literal(limit.max_total_wan)}`;
  const projects = Query.from({ p: 'projects' })
    .select({
      id: sql`p.id`,
      name: sql`p.name`,
      district_code: sql`p.district_code`,
      lead_unit: sql`p.lead_unit`,
      started_on: sql`p.approval_project_date`,
      finished_on: finished
    })
    .where(sql`p.approval_project = 'done'`, sql`p.approval_project_date <= ${end}`, scope);
  if (ids) projects.where(sql`p.id IN (${ids})`);
  const used = sql`(coalesce(c_end.n, c_month.n) - c_start.n)`;
  // The year after the month for due dates, as far as the holiday calendar goes.
  return Query.with({ working_calendar: compactWorkingCalendar(firstYear, Math.max(m.year, Math.min(m.year + 1, CALENDAR_YEARS.last))) })
    .from(
      sql`(${projects}) AS a
      JOIN working_calendar AS c_start ON c_start.date = a.started_on
      LEFT JOIN working_calendar AS c_end ON c_end.date = a.finished_on
      CROSS JOIN (SELECT n FROM working_calendar WHERE date = ${end}) AS c_month
      LEFT JOIN working_calendar AS c_due ON c_due.n = c_start.n + ${literal(limit.working_days)} AND c_due.working`
    )
    .select({
      id: sql`a.id`,
      name: sql`a.name`,
      district_code: sql`a.district_code`,
      lead_unit: sql`a.lead_unit`,
      started_on: sql`a.started_on`,
      finished_on: sql`a.finished_on`,
      due_on: sql`c_due.date`,
      working_days: used,
      over: sql`${used} > ${literal(limit.working_days)}`
    })
    .orderby(sql`a.id`);
}

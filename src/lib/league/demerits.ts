/**
 * Lishui: each project's monthly target missed earns the preset's warnings and demerit points in
 * that month's bulletin. A month is missed when the cumulative completed falls short of the
 * month's planned cumulative by more than the tolerance (points of the annual plan). Only months
 * with a report row, a monthly target (planned_ytd) and a plan are judged; a row without its
 * completed cumulative counts as nothing completed.
 */
import { column, literal, Query, sql, type SelectQuery } from '@uwdata/mosaic-sql';
import type { Month } from '../metrics/month.ts';
import { dateLiteral, monthStart } from '../metrics/sql.ts';
import type { MissedTargetPenalty } from '../rules/preset-schema.ts';

/**
 * One row per project and missed month from January to `month`: project_id, month, the completed
 * and planned cumulative, the shortfall in points of the annual plan, warnings and demerit points.
 */
export function missedTargetsQuery(month: Month, penalty: MissedTargetPenalty): SelectQuery {
  const shortfall = sql`100 * (CAST(m.planned_ytd AS DOUBLE) - CAST(coalesce(m.completed_ytd, 0) AS DOUBLE)) / CAST(p.annual_plan AS DOUBLE)`;
  return Query.from(sql`monthly AS m JOIN projects AS p ON p.id = m.project_id`)
    .select({
      project_id: column('project_id', 'm'),
      month: column('month', 'm'),
      completed_ytd: column('completed_ytd', 'm'),
      planned_ytd: column('planned_ytd', 'm'),
      shortfall_points: shortfall,
      warnings: literal(penalty.warnings_per_miss),
      demerit_points: literal(penalty.demerit_points_per_miss)
    })
    .where(
      sql`m.month BETWEEN ${dateLiteral(`${month.year}-01-01`)} AND ${monthStart(month)}`,
      sql`m.planned_ytd IS NOT NULL AND p.annual_plan > 0`,
      sql`${shortfall} > ${literal(penalty.tolerance_points)}`
    )
    .orderby('project_id', 'month');
}

/** Warnings, demerit points and missed months accumulated over the year per unit (district_code or lead_unit). */
export function demeritsByUnitQuery(month: Month, penalty: MissedTargetPenalty, unit: 'district_code' | 'lead_unit'): SelectQuery {
  return Query.from(sql`(${missedTargetsQuery(month, penalty)}) AS d JOIN projects AS p ON p.id = d.project_id`)
    .select({
      unit: column(unit, 'p'),
      missed: sql`count(*)`,
      projects: sql`count(DISTINCT d.project_id)`,
      warnings: sql`sum(d.warnings)`,
      demerit_points: sql`sum(d.demerit_points)`
    })
    .groupby(column(unit, 'p'))
    .orderby(sql`sum(d.demerit_points) DESC`, column(unit, 'p'));
}

/**
 * The demerits as the league page shows them, from the one definition of a missed monthly target
 * (league/demerits.ts): the year's warnings and points per unit of a ranking sequence (districts,
 * or responsible units by the lead unit), and the missed months behind one unit's points.
 */
import { asc, column, desc, isIn, literal, Query, sql, type SelectQuery } from '@uwdata/mosaic-sql';
import { demeritsByUnitQuery, missedTargetsQuery } from '../../league/demerits.ts';
import type { Month } from '../../metrics/month.ts';
import type { MissedTargetPenalty, RankingSequence } from '../../rules/preset-schema.ts';

/** The projects' column that names a sequence's units. */
export const unitColumn = (unit: RankingSequence['unit']): 'district_code' | 'lead_unit' =>
  unit === 'district' ? 'district_code' : 'lead_unit';

/** Per unit of the sequence (its members only, when it lists them): missed, projects, warnings, demerit_points; most points first. */
export function sequenceDemeritsQuery(month: Month, penalty: MissedTargetPenalty, sequence: RankingSequence): SelectQuery {
  const q = Query.from({ d: demeritsByUnitQuery(month, penalty, unitColumn(sequence.unit)) })
    .select('*')
    .where(sql`unit IS NOT NULL`);
  if (sequence.members)
    q.where(
      isIn(
        column('unit'),
        sequence.members.map((m) => literal(m))
      )
    );
  return q.orderby(desc('demerit_points'), asc('unit'));
}

/**
 * The missed months behind one unit's points: per project and month (`month` as 'YYYY-MM') the
 * completed and planned cumulative, the shortfall in points, warnings and points, with the
 * project's name; the projects with most points first, each project's months in order.
 */
export function unitMissedTargetsQuery(
  month: Month,
  penalty: MissedTargetPenalty,
  unit: RankingSequence['unit'],
  key: string
): SelectQuery {
  const missed = Query.from(sql`(${missedTargetsQuery(month, penalty)}) AS d JOIN projects AS p ON p.id = d.project_id`)
    .select({
      project_id: column('project_id', 'd'),
      name: column('name', 'p'),
      month: sql`strftime(d.month, '%Y-%m')`,
      completed_ytd: column('completed_ytd', 'd'),
      planned_ytd: column('planned_ytd', 'd'),
      shortfall_points: column('shortfall_points', 'd'),
      warnings: column('warnings', 'd'),
      demerit_points: column('demerit_points', 'd')
    })
    .where(sql`${column(unitColumn(unit), 'p')} = ${literal(key)}`);
  return Query.from({ m: missed })
    .select('*', { project_points: sql`sum(demerit_points) OVER (PARTITION BY project_id)` })
    .orderby(desc('project_points'), asc('project_id'), asc('month'));
}

/**
 * Lishui: each rank of leader leads projects at or above its threshold (万元): industry and
 * infrastructure have their own minimum; departments also a minimum for any sector. A project led
 * at a rank that it does not reach is listed, with the minimum it misses.
 */
import { literal, Query, sql } from '@uwdata/mosaic-sql';
import type { Expr } from '../metrics/sql.ts';
import type { LeaderThreshold } from '../rules/preset-schema.ts';

/** The minimum for a project of this rank in its sector; NULL when the sector does not qualify at all (leaders lead industry or infrastructure). */
function minimumFor(t: LeaderThreshold): Expr {
  const other = t.any_min === undefined ? sql`NULL` : literal(t.any_min);
  return sql`CASE sector WHEN 'industry' THEN ${literal(t.industry_min)} WHEN 'infrastructure' THEN ${literal(t.infrastructure_min)} ELSE ${other} END`;
}

/** One row per leader-led project below its rank's threshold: id, name, lead_official, lead_official_rank, sector, total_investment, minimum (NULL: sector does not qualify). */
export function leaderBreachesQuery(thresholds: readonly LeaderThreshold[]) {
  const parts = thresholds.map((t) => {
    const minimum = minimumFor(t);
    return Query.from('projects')
      .select('id', 'name', 'lead_official', 'lead_official_rank', 'sector', 'total_investment', { minimum })
      .where(sql`lead_official_rank = ${literal(t.rank)}`, sql`(${minimum} IS NULL OR total_investment < ${minimum})`);
  });
  return Query.unionAll(...parts).orderby('id');
}

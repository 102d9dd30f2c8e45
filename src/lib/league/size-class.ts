/**
 * County 2023 targets by size class, over the month's facts: each project in a class (phase and
 * total investment) with its measure (completed ÷ annual plan, or finished), whether it has met
 * the year's target, and whether it is on pace for it (the target × months elapsed ÷ 12; a
 * finish-within-the-year target is on pace only once finished in December).
 */
import { literal, Query, sql } from '@uwdata/mosaic-sql';
import type { FactsSource } from '../metrics/query.ts';
import { literalList } from './literal-list.ts';
import { toMonth, type Month } from '../metrics/month.ts';
import type { SizeClassTarget } from '../rules/preset-schema.ts';
import type { Expr } from '../metrics/sql.ts';

function inClass(t: SizeClassTarget): Expr {
  const phases = literalList(t.phases);
  const parts = [sql`phase IN (${phases})`];
  if (t.min_total_wan !== undefined) parts.push(sql`total_investment >= ${literal(t.min_total_wan)}`);
  if (t.below_total_wan !== undefined) parts.push(sql`total_investment < ${literal(t.below_total_wan)}`);
  return parts.reduce((a, b) => sql`${a} AND ${b}`);
}

/** One row per target and project in its class: target_id, id, name, share (or NULL), finished, met, on_pace. */
export function sizeClassTargetsQuery(month: string | Month, targets: readonly SizeClassTarget[], facts: FactsSource) {
  const m = toMonth(month);
  const parts = targets.map((t) => {
    const share = sql`(CAST(completed_ytd AS DOUBLE) / NULLIF(CAST(annual_plan AS DOUBLE), 0))`;
    const measure =
      t.target.kind === 'annual_plan_share'
        ? {
            met: sql`coalesce(${share} >= ${literal(t.target.min_share)}, FALSE)`,
            pace: sql`coalesce(${share} >= ${literal(t.target.min_share * (m.index / 12))}, FALSE)`
          }
        : { met: sql`coalesce(finished, FALSE)`, pace: m.index === 12 ? sql`coalesce(finished, FALSE)` : sql`TRUE` };
    return Query.from(facts)
      .select({ target_id: literal(t.id), id: 'id', name: 'name', share, finished: 'finished', met: measure.met, on_pace: measure.pace })
      .where(sql`in_plan`, inClass(t));
  });
  return Query.unionAll(...parts).orderby('target_id', 'id');
}

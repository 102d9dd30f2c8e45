/**
 * Programme-wide targets over the month's facts: the start rate of new projects (of some levels;
 * county 2023: the county key projects ≥ 83%), the reserve pipeline against the year's investment
 * (≥ 5×), and the investment completed in the year (Jiujiang ≥ 300亿 = 3,000,000万). Whether a
 * money target is met is decided on the exact DECIMAL sums; `value` is for display.
 */
import { literal, Query, sql } from '@uwdata/mosaic-sql';
import type { FactsSource } from '../metrics/query.ts';
import { literalList } from './literal-list.ts';
import { toMonth, type Month } from '../metrics/month.ts';
import type { Expr } from '../metrics/sql.ts';
import type { ProgrammeTarget } from '../rules/preset-schema.ts';

function measure(t: ProgrammeTarget, month: Month): { value: Expr; minimum: Expr; met: Expr; measured: Expr } {
  if (t.kind === 'start_rate') {
    const scope = t.levels ? sql`phase = 'new' AND level IN (${literalList(t.levels)})` : sql`phase = 'new'`;
    const value = sql`(count(*) FILTER (WHERE ${scope} AND started) / NULLIF(count(*) FILTER (WHERE ${scope}), 0))::DOUBLE`;
    const measured = sql`count(*) FILTER (WHERE ${scope}) > 0`;
    return { value, minimum: literal(t.min_share), met: sql`CASE WHEN ${measured} THEN ${value} >= ${literal(t.min_share)} END`, measured };
  }
  if (t.kind === 'reserve_multiple') {
    const reserve = sql`coalesce(sum(total_investment) FILTER (WHERE phase = 'preparatory'), 0)`;
    const annual = sql`sum(annual_plan) FILTER (WHERE phase <> 'preparatory')`;
    // A programme listing no reserve project does not say its pipeline is empty: the plan keeps it in a library of its own.
    const measured = sql`count(*) FILTER (WHERE phase = 'preparatory') > 0`;
    return {
      value: sql`CASE WHEN ${measured} THEN (${reserve} / NULLIF(${annual}, 0))::DOUBLE END`,
      minimum: literal(t.min_multiple),
      met: sql`CASE WHEN ${measured} THEN coalesce(${reserve} >= ${literal(t.min_multiple)} * ${annual}, FALSE) END`,
      measured
    };
  }
  const completed = sql`coalesce(sum(completed_ytd), 0)`;
  const applies = !t.years || t.years.includes(month.year);
  return {
    value: sql`${completed}::DOUBLE`,
    minimum: literal(t.min_wan),
    met: applies ? sql`${completed} >= ${literal(t.min_wan)}` : sql`NULL::BOOLEAN`,
    measured: sql`TRUE`
  };
}

/**
 * One row per target: target_id, kind, value, minimum, met (NULL for a yearly target in a year it
 * does not cover, or one not measured) and measured (FALSE: the programme has none of the projects
 * the target is measured over — no new project of the levels, no reserve project — so value and met are NULL).
 */
export function programmeTargetsQuery(month: string | Month, targets: readonly ProgrammeTarget[], facts: FactsSource) {
  const m = toMonth(month);
  const parts = targets.map((t) => {
    const { value, minimum, met, measured } = measure(t, m);
    return Query.from(facts)
      .select({ target_id: literal(t.id), kind: literal(t.kind), value, minimum: sql`${minimum}::DOUBLE`, met, measured })
      .where(sql`in_plan`);
  });
  return Query.unionAll(...parts);
}

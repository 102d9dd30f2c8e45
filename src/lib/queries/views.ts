/**
 * Pure query builders for the views, all over the project facts as at the context's month and
 * filtered by the context's cross-filter predicate. Money is cast to DOUBLE only here, at output.
 */
import { asc, column as columnRef, desc, Query, sql, type SelectQuery } from '@uwdata/mosaic-sql';
import { inputsQuery, metricsQuery } from '../metrics/query.ts';
import type { MetricLevel } from '../metrics/levels.ts';
import type { InputId } from '../metrics/inputs.ts';
import { LIST_COLUMNS, type ListDimension } from '../state/dimensions.ts';
import type { QueryContext } from '../db/coordinator-client.ts';

const inPlan = sql`in_plan`;

function filtered(ctx: QueryContext): SelectQuery {
  const q = Query.from(ctx.facts).where(inPlan);
  return ctx.filter ? q.where(ctx.filter) : q;
}

/** Metrics at a level for the context (month, rules, filter). */
export function levelMetrics(ctx: QueryContext, level: MetricLevel, metrics?: readonly string[]): SelectQuery {
  return metricsQuery({ month: ctx.month, rules: ctx.rules, internal: ctx.internal, filter: ctx.filter, facts: ctx.facts, level, metrics });
}

/** Metrics grouped by list dimensions' columns (the page can answer these: `local: { kind: 'metrics', by }`). */
export function groupedMetrics(ctx: QueryContext, by: readonly ListDimension[], metrics: readonly string[]): SelectQuery {
  return metricsQuery({
    month: ctx.month,
    rules: ctx.rules,
    internal: ctx.internal,
    filter: ctx.filter,
    facts: ctx.facts,
    by: by.map((d) => LIST_COLUMNS[d]),
    metrics
  });
}

/** The additive inputs grouped by list dimensions' columns (`local: { kind: 'inputs', by }`). */
export function groupedInputs(ctx: QueryContext, by: readonly ListDimension[], inputs?: readonly InputId[]): SelectQuery {
  return inputsQuery({ facts: ctx.facts, filter: ctx.filter, by: by.map((d) => LIST_COLUMNS[d]), inputs });
}

/** One row per project for the map: position and everything a colour or size mode needs. */
export function mapPointsQuery(ctx: QueryContext): SelectQuery {
  return filtered(ctx)
    .select('id', 'lon', 'lat', 'sector', 'phase', 'level', 'rag', 'completion_rate', 'gap_points', {
      total_investment: sql`CAST(total_investment AS DOUBLE)`,
      annual_plan: sql`CAST(annual_plan AS DOUBLE)`,
      completed_ytd: sql`CAST(completed_ytd AS DOUBLE)`
    })
    .orderby('id');
}

/** Project counts per value of a list dimension (filter panel); the panel should own `dim`. */
export function facetCountsQuery(ctx: QueryContext, dim: ListDimension): SelectQuery {
  const column = LIST_COLUMNS[dim];
  return filtered(ctx)
    .select({ value: column, projects: sql`CAST(count(*) AS INTEGER)` })
    .groupby(column)
    .orderby(column);
}

export interface ProjectListOptions {
  /** A facts column; anything else falls back to id. */
  orderBy?: string;
  descending?: boolean;
  limit?: number;
  offset?: number;
}

/** The columns the project table can be sorted by. */
export const SORTABLE_COLUMNS: readonly string[] = [
  'id',
  'name',
  'district_code',
  'sector',
  'phase',
  'total_investment',
  'annual_plan',
  'completed_ytd',
  'completion_rate',
  'gap_points',
  'rag',
  'location_precision'
];

/** A page of the project table. */
export function projectListQuery(ctx: QueryContext, opts: ProjectListOptions = {}): SelectQuery {
  const key = opts.orderBy && SORTABLE_COLUMNS.includes(opts.orderBy) ? opts.orderBy : 'id';
  const order = opts.descending ? desc(key, false) : asc(key, false);
  return filtered(ctx)
    .select(
      'id',
      'name',
      'district_code',
      'district_name',
      'sector',
      'phase',
      'level',
      'lead_unit',
      'location_precision',
      'map_placement',
      'rag',
      'completion_rate',
      'gap_points',
      {
        total_investment: sql`CAST(total_investment AS DOUBLE)`,
        annual_plan: sql`CAST(annual_plan AS DOUBLE)`,
        completed_ytd: sql`CAST(completed_ytd AS DOUBLE)`
      }
    )
    .orderby(order, 'id')
    .limit(Math.max(1, Math.min(opts.limit ?? 100, 10_000)))
    .offset(Math.max(0, opts.offset ?? 0));
}

/** The values a facts column takes among the projects in the plan (a filter's choices), NULL left out. */
export function distinctValuesQuery(facts: QueryContext['facts'], column: string): SelectQuery {
  return Query.from(facts)
    .select({ value: sql`CAST(${columnRef(column)} AS VARCHAR)` })
    .distinct()
    .where(sql`in_plan AND ${columnRef(column)} IS NOT NULL`)
    .orderby('value');
}

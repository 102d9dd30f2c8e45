/**
 * The programme overview's queries: additive inputs grouped by the plan's dimensions, for the
 * projects in the plan at the month (answered in the page), for those that left it (exits), and at
 * the month before. The overview adds them up into its rows (views/overview/).
 */
import { Query, sql, type SelectQuery } from '@uwdata/mosaic-sql';
import type { QueryContext } from '../db/coordinator-client.ts';
import { previousMonth, type Month } from '../metrics/month.ts';
import { inputsQuery } from '../metrics/query.ts';
import { LIST_COLUMNS, type ListDimension } from '../state/dimensions.ts';
import { TABLE_INPUTS } from '../views/overview/sums.ts';
import { groupedInputs } from './views.ts';
import type { QuerySpec } from '../workspace/use-query.svelte.ts';

/** The projects in the plan at the month, grouped `by`. */
export function inPlanInputs(by: readonly ListDimension[]): QuerySpec {
  return { local: { kind: 'inputs', inputs: TABLE_INPUTS, by }, query: (ctx) => groupedInputs(ctx, by, TABLE_INPUTS) };
}

/** The projects that left the plan (退出) by the month's end, grouped `by`. */
export function exitedInputs(by: readonly ListDimension[]): QuerySpec {
  return { query: (ctx) => exitedQuery(ctx, by) };
}

export function exitedQuery(ctx: Pick<QueryContext, 'facts' | 'filter'>, by: readonly ListDimension[]): SelectQuery {
  return inputsQuery({ facts: ctx.facts, filter: ctx.filter, by: by.map((d) => LIST_COLUMNS[d]), inputs: TABLE_INPUTS, rows: 'exited' });
}

/** The projects in the plan at the month before `month` (same year), grouped `by`; null in January. */
export function previousInputs(month: Month, by: readonly ListDimension[]): QuerySpec | null {
  const before = previousMonth(month);
  if (!before) return null;
  return {
    months: () => [before],
    query: (ctx) =>
      inputsQuery({ facts: ctx.factsOf(before), filter: ctx.filter, by: by.map((d) => LIST_COLUMNS[d]), inputs: TABLE_INPUTS })
  };
}

/** The projects that left the plan by the month's end, by name (a plan's exits are counted in units: at most 500 listed). */
export function exitedProjectsQuery(ctx: Pick<QueryContext, 'facts' | 'filter'>): SelectQuery {
  const q = Query.from(ctx.facts)
    .select('id', 'name')
    .where(sql`NOT in_plan`)
    .orderby('name', 'id')
    .limit(500);
  return ctx.filter ? q.where(ctx.filter) : q;
}

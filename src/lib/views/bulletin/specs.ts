/**
 * What the bulletin reads, as clients of the query core: the programme's figures (metricsQuery),
 * the projects furthest behind (the drill-down's ranking) and the overdue problems (the drill-down's
 * open problems, by the ledger's one definition, metrics/problems.ts). The whole programme: each
 * owns every filter dimension, so the page's filters do not apply to a bulletin.
 */
import { metricsQuery } from '../../metrics/query.ts';
import { openProblemsQuery, rankingQuery } from '../../queries/drilldown.ts';
import { FILTER_DIMENSIONS } from '../../state/dimensions.ts';
import type { QuerySpec } from '../../workspace/use-query.svelte.ts';
import type { OverdueProblem } from '../../bulletin/tables.ts';

export const OVERALL_METRICS = [
  'projects',
  'total_investment',
  'annual_plan',
  'completed_ytd',
  'completion_rate',
  'elapsed_share',
  'gap_points',
  'new_projects',
  'new_started',
  'start_rate',
  'problems_open',
  'problems_overdue'
] as const;

/** Projects listed as furthest behind, and overdue problems listed at most. */
export const LAGGING_LIMIT = 10;
export const OVERDUE_LIMIT = 20;

export const overallSpec = (): QuerySpec => ({
  owns: FILTER_DIMENSIONS,
  query: (ctx) => metricsQuery({ ...ctx, metrics: [...OVERALL_METRICS] })
});

export const laggingSpec = (): QuerySpec => ({
  owns: FILTER_DIMENSIONS,
  query: (ctx) => rankingQuery(ctx, 'behind_wan', LAGGING_LIMIT)
});

/** Open problems overdue first: the first OVERDUE_LIMIT rows hold the overdue ones listed. */
export const overdueSpec = (): QuerySpec => ({
  owns: FILTER_DIMENSIONS,
  tables: ['problems'],
  query: (ctx) => openProblemsQuery(ctx, OVERDUE_LIMIT)
});

/** The overdue rows of the open problems' answer. */
export function overdueRows(rows: readonly (OverdueProblem & { overdue: boolean })[]): OverdueProblem[] {
  return rows.filter((r) => r.overdue);
}

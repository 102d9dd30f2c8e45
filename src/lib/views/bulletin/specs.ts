/**
 * What the bulletin reads of progress, as clients of the query core: the programme's figures
 * (metricsQuery) and the projects furthest behind (the drill-down's ranking). Its league tables,
 * problems and notices are in league-specs.ts and escalation-specs.ts. The whole programme: each
 * owns every filter dimension, so the page's filters do not apply to a bulletin.
 */
import { metricsQuery } from '../../metrics/query.ts';
import { rankingQuery } from '../../queries/drilldown.ts';
import { FILTER_DIMENSIONS } from '../../state/dimensions.ts';
import type { QuerySpec } from '../../workspace/use-query.svelte.ts';

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

/** Projects listed as furthest behind. */
export const LAGGING_LIMIT = 10;

export const overallSpec = (): QuerySpec => ({
  owns: FILTER_DIMENSIONS,
  query: (ctx) => metricsQuery({ ...ctx, metrics: [...OVERALL_METRICS] })
});

export const laggingSpec = (): QuerySpec => ({
  owns: FILTER_DIMENSIONS,
  query: (ctx) => rankingQuery(ctx, 'behind_wan', LAGGING_LIMIT)
});

/**
 * The bulletin's figures per district (metricsQuery at district level): the annual plan, completed
 * investment, completion against 序时进度 and RAG status its districts' counts, chart and map
 * read. The ranking itself is the league's (src/lib/league, league-specs.ts).
 */
import { metricsQuery } from '../../metrics/query.ts';
import { FILTER_DIMENSIONS } from '../../state/dimensions.ts';
import type { QuerySpec } from '../../workspace/use-query.svelte.ts';
import type { DistrictFigures } from '../../bulletin/inputs.ts';

export const DISTRICT_METRICS = [
  'projects',
  'annual_plan',
  'completed_ytd',
  'completion_rate',
  'elapsed_share',
  'gap_points',
  'rag'
] as const;

/** The month's figures of every district; the whole programme: a bulletin ignores the page's filters. */
export const districtFiguresSpec = (): QuerySpec => ({
  owns: FILTER_DIMENSIONS,
  query: (ctx) => metricsQuery({ ...ctx, facts: ctx.facts, level: 'district', metrics: [...DISTRICT_METRICS] })
});

export type { DistrictFigures };
